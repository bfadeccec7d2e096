// Authenticated admin API (Bearer ADMIN_TOKEN): customers with their aliases, touches and stage history, reports
// (people: users-api.ts).
import { limitParam } from '../query-params.js';
import type Router from '@koa/router';
import { AppError, notFound } from '../../shared/errors.js';
import type { Database } from '../../store/database.js';
import { mergedInto } from '../../store/repos/customer-aliases-repo.js';
import { getCustomer, listCustomers } from '../../store/repos/customers-repo.js';
import { listStageChanges } from '../../store/repos/stages-repo.js';
import { listTouchesOfCustomer } from '../../store/repos/touches-repo.js';
import { listReports, type StoredReport } from '../../store/repos/battle-reports-repo.js';
import { customerView, customerWithAliases } from './customer-view.js';

const reportView = (r: StoredReport) => ({
  id: r.id,
  customer: r.customer,
  customerId: r.customerId,
  contact: r.contact,
  stage: r.stage,
  progress: r.progress,
  amount: r.amount,
  paymentTermsDays: r.paymentTermsDays,
  nextAction: r.nextAction,
  nextActionDue: r.nextActionDue,
  objections: r.objections,
  competitors: r.competitors,
  vaguePhrases: r.vaguePhrases,
  transcript: r.transcript,
  extractor: r.extractor,
  noteId: r.noteId,
  userId: r.userId,
  recordedAt: r.recordedAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

function queryString(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
}

export function mountAdminApi(router: Router, deps: { db: Database; tenantId: string }): void {
  const { db, tenantId } = deps;

  router.get('/api/customers', async (ctx) => {
    const limit = limitParam(queryString(ctx.query.limit));
    const items = await listCustomers(db, tenantId, { search: queryString(ctx.query.q), ownerUserId: queryString(ctx.query.ownerUserId), limit });
    ctx.body = { items: items.map(customerView) };
  });

  router.get('/api/customers/:id', async (ctx) => {
    const customer = await getCustomer(db, tenantId, ctx.params.id!);
    if (!customer) {
      // A merged customer is gone, but where it went is known: say so instead of a bare 404.
      const mergedIntoId = await mergedInto(db, tenantId, ctx.params.id!);
      if (mergedIntoId) throw new AppError('customer_merged', `customer ${ctx.params.id} was merged into ${mergedIntoId}`, { status: 404, details: { mergedIntoId } });
      throw notFound('customer_not_found', `no customer ${ctx.params.id}`);
    }
    const [touches, history] = await Promise.all([
      listTouchesOfCustomer(db, tenantId, customer.id),
      listStageChanges(db, tenantId, customer.id),
    ]);
    ctx.body = {
      ...(await customerWithAliases(db, tenantId, customer)),
      touches: touches.map((t) => ({ id: t.id, kind: t.kind, userId: t.userId, text: t.text, topics: t.topics, occurredAt: t.occurredAt.toISOString() })),
      stageHistory: history.map((h) => ({
        from: h.fromStage, to: h.toStage, userId: h.userId, changedAt: h.changedAt.toISOString(),
        evidence: h.evidenceTouchId ? { touchId: h.evidenceTouchId, text: h.evidenceText } : null,
      })),
    };
  });

  router.get('/api/reports', async (ctx) => {
    const limit = limitParam(queryString(ctx.query.limit));
    const items = await listReports(db, tenantId, { search: queryString(ctx.query.q), userId: queryString(ctx.query.userId), limit });
    ctx.body = { items: items.map(reportView) };
  });
}
