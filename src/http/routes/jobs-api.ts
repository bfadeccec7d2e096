// POST /api/jobs/:name/run {"at"?}: runs a scheduled job as of a time (backfills, support, tests) and
// returns what it produced; what it produces is delivered right away.
import { timeParam } from '../query-params.js';
import type Router from '@koa/router';
import { badRequest, notFound } from '../../shared/errors.js';
import { readJsonBody } from '../read-body.js';

export type JobRunner = (name: string, at: Date) => Promise<unknown>;

export function mountJobsApi(router: Router, deps: { jobNames: readonly string[]; run: JobRunner; now: () => Date }): void {
  router.post('/api/jobs/:name/run', async (ctx) => {
    const name = ctx.params.name!;
    if (!deps.jobNames.includes(name)) throw notFound('unknown_job', `no job ${name}; jobs: ${deps.jobNames.join(', ')}`);
    const body = await readJsonBody(ctx, 4096, { optional: true });
    let at = deps.now();
    if (body.at !== undefined) {
      at = timeParam(body.at, 'at');
    }
    ctx.body = await deps.run(name, at);
  });
}
