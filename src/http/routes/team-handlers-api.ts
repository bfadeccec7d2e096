// Admin API for who keeps handed-on commitments (承诺穿透) in a team: GET /api/teams/:key/handlers, and
// PUT /api/teams/:key/handlers {"implementation": "userId", "poc": "userId", "samples": null} — role ids or
// kind ids of config/handoffs.jsonc, person ids or "<channel>:<platform id>"; a role left out has nobody.
// Mounting loads config/handoffs.jsonc, so a bad file stops start-up.
import type Router from '@koa/router';
import { handoffRulesOf } from '../../app/handoffs/handoff-rules-of.js';
import { replaceHandlers, teamHandlersView } from '../../app/handoffs/team-handlers.js';
import type { AppDeps } from '../../app/app-deps.js';
import { readJsonBody } from '../read-body.js';

const MAX_BODY = 16 * 1024;

export function mountTeamHandlersApi(router: Router, deps: AppDeps & { tenantId: string }): void {
  const { db, tenantId } = deps;
  const rules = handoffRulesOf(deps);

  router.get('/api/teams/:key/handlers', async (ctx) => {
    ctx.body = await teamHandlersView(db, rules, tenantId, ctx.params.key!);
  });

  router.put('/api/teams/:key/handlers', async (ctx) => {
    const key = ctx.params.key!;
    await replaceHandlers(db, rules, tenantId, key, await readJsonBody(ctx, MAX_BODY));
    ctx.body = await teamHandlersView(db, rules, tenantId, key);
  });
}
