// 提醒与推送 (admin and managers; a manager sees the rows to their people and their teams' groups):
//   GET  /delivery/rules                      the effective reminder rules, calendar and job times
//   GET  /delivery/alerts?days=7              reminder messages: recipient, summary, rules, status, time
//   GET  /outbox?status=pending|dead|sent     rows with counts of pending and dead
//   POST /outbox/:id/retry                    a dead letter back to pending, delivered by the normal path
import type Router from '@koa/router';
import type { Context } from 'koa';
import { listAlertLog, listConsoleOutbox, retryConsoleOutbox } from '../../app/console/delivery-admin.js';
import { describePushRules } from '../../app/console/push-rules-view.js';
import { requireRole } from '../../app/console/viewer.js';
import { SCHEDULES } from '../../jobs/scheduler.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

const one = (v: unknown) => (Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined);
const bounded = (v: unknown, min: number, max: number, fallback: number) => {
  const n = Math.floor(Number(one(v)));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
};

const managing = (ctx: Context) => {
  const viewer = viewerIn(ctx);
  requireRole(viewer, 'admin', 'manager');
  return viewer;
};

export function mountDeliveryRoutes(router: Router, deps: ConsoleDeps): void {
  const app = deps.app;

  router.get('/delivery/rules', async (ctx) => {
    managing(ctx);
    ctx.body = describePushRules(app.pushRules, SCHEDULES, app.clock.now());
  });

  router.get('/delivery/alerts', async (ctx) => {
    const viewer = managing(ctx);
    const days = bounded(ctx.query.days, 1, 90, 7);
    const since = new Date(app.clock.now().getTime() - days * 86_400_000);
    ctx.body = await listAlertLog(app.db, viewer, since, bounded(ctx.query.limit, 1, 500, 200));
  });

  router.get('/outbox', async (ctx) => {
    const viewer = managing(ctx);
    ctx.body = await listConsoleOutbox(app.db, viewer, one(ctx.query.status), bounded(ctx.query.limit, 1, 500, 100));
  });

  router.post('/outbox/:id/retry', async (ctx) => {
    const viewer = managing(ctx);
    const { row, previousError } = await retryConsoleOutbox(app, viewer, ctx.params.id!);
    await auditIn(ctx, deps, 'outbox.retry', row.id, { recipient: row.recipient.label, kind: row.kind, previousError });
    ctx.body = row;
  });
}
