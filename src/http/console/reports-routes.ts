// 战报 API: GET /console/api/reports (filters: userId, teamKey, from, to, topic, objection, competitor, q,
// stars 0–3, tab all | knowledge | benchmark, page, pageSize), GET /reports/:id, and
// POST /reports/:id/rating {stars} for the writer's managers and admins (audited).
import type Router from '@koa/router';
import { date, integer, oneOf, paging, text, topic } from '../../app/console/list-params.js';
import { rateFromConsole, REPORT_TABS, reportDetailFor, searchReportsFor } from '../../app/console/report-search.js';
import { readJsonBody } from '../read-body.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

const MAX_BODY = 4 * 1024;

export function mountReportRoutes(router: Router, deps: ConsoleDeps): void {
  const { app } = deps;

  router.get('/reports', async (ctx) => {
    const objection = text(ctx.query, 'objection');
    ctx.body = await searchReportsFor(app.db, app, viewerIn(ctx), {
      userId: text(ctx.query, 'userId', 80),
      teamKey: text(ctx.query, 'teamKey'),
      from: date(ctx.query, 'from'),
      to: date(ctx.query, 'to'),
      topic: topic(ctx.query, 'topic'),
      objection,
      competitor: text(ctx.query, 'competitor'),
      q: text(ctx.query, 'q'),
      stars: integer(ctx.query, 'stars', 0, 3),
      tab: oneOf(ctx.query, 'tab', REPORT_TABS) ?? 'all',
      ...paging(ctx.query),
    });
  });

  router.get('/reports/:id', async (ctx) => {
    ctx.body = await reportDetailFor(app.db, app, viewerIn(ctx), ctx.params.id!);
  });

  router.post('/reports/:id/rating', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const r = await rateFromConsole(app, viewerIn(ctx), ctx.params.id!, body.stars);
    await auditIn(ctx, deps, 'report.rate', ctx.params.id!, { stars: r.stars, repUserId: r.repUserId, points: r.points });
    ctx.body = { rated: true, stars: r.stars, points: r.points };
  });
}
