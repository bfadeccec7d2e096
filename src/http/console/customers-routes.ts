// 客户 API: GET /console/api/customers (filters: stage | 'none', ownerUserId, teamKey, untouchedDays, topic,
// q, page, pageSize), GET /customers/:id (with aliases and the timeline), and for admins and managers within
// their teams PUT /customers/:id {name}, POST /customers/:id/merge {intoId}, POST /customers/:id/reassign
// {ownerUserId} — each audited. Out-of-scope customers are 404, as if they did not exist.
import type Router from '@koa/router';
import { mergeFromConsole, reassignFromConsole, renameFromConsole } from '../../app/console/customer-actions.js';
import { listCustomersFor } from '../../app/console/customer-list.js';
import { customerDetailFor } from '../../app/console/customer-timeline.js';
import { integer, paging, text, topic } from '../../app/console/list-params.js';
import { badRequest } from '../../shared/errors.js';
import { readJsonBody } from '../read-body.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

const MAX_BODY = 16 * 1024;

export function mountCustomerRoutes(router: Router, deps: ConsoleDeps): void {
  const { app } = deps;

  router.get('/customers', async (ctx) => {
    const stage = text(ctx.query, 'stage', 32);
    if (stage !== undefined && stage !== 'none' && !app.stages.has(stage)) throw badRequest('invalid_stage', `没有这个阶段:${stage}`);
    ctx.body = await listCustomersFor(app.db, app, viewerIn(ctx), {
      stage,
      ownerUserId: text(ctx.query, 'ownerUserId', 80),
      teamKey: text(ctx.query, 'teamKey'),
      untouchedDays: integer(ctx.query, 'untouchedDays', 0, 3650),
      topic: topic(ctx.query, 'topic'),
      q: text(ctx.query, 'q'),
      ...paging(ctx.query),
    }, app.clock.now());
  });

  router.get('/customers/:id', async (ctx) => {
    ctx.body = await customerDetailFor(app.db, app, viewerIn(ctx), ctx.params.id!, app.clock.now());
  });

  router.put('/customers/:id', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const r = await renameFromConsole(app, viewerIn(ctx), ctx.params.id!, body.name);
    if (r.changed) await auditIn(ctx, deps, 'customer.rename', r.customer.id, { from: r.oldName, to: r.customer.name });
    ctx.body = { changed: r.changed, customer: { id: r.customer.id, name: r.customer.name } };
  });

  router.post('/customers/:id/merge', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const r = await mergeFromConsole(app, viewerIn(ctx), ctx.params.id!, body.intoId);
    if (r.merged) {
      await auditIn(ctx, deps, 'customer.merge', r.from.id, { fromName: r.from.name, intoId: r.into.id, intoName: r.into.name, moved: r.moved });
    }
    ctx.body = { merged: r.merged, into: { id: r.into.id, name: r.into.name } };
  });

  router.post('/customers/:id/reassign', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const r = await reassignFromConsole(app, viewerIn(ctx), ctx.params.id!, body.ownerUserId);
    if (r.changed) await auditIn(ctx, deps, 'customer.reassign', r.customer.id, { name: r.customer.name, from: r.fromUserId, to: r.customer.ownerUserId });
    ctx.body = { changed: r.changed, customer: { id: r.customer.id, name: r.customer.name, ownerUserId: r.customer.ownerUserId } };
  });
}
