// 门店 (admin and managers; a manager only for the stores of their teams):
//   GET  /stores                              stores with team, 30-day visits, pending reviews, QR codes
//   PUT  /stores/:key {name, teamKey, city}   create or edit
//   POST /stores/:key/qrcodes {purpose, campaign?} → {id, token, url, png}
//   GET  /stores/:key/qrcodes/:id             {id, token, url, …}   GET …/sheet.png: the printable sheet
//   POST /stores/:key/qrcodes/:id/revoke
//   GET  /visits?store&staff&from&to&flagged&review&page&pageSize → {items, total}
//   POST /visits/:id/review {decision: approve|return, comment}  (return tells the staff member in chat)
import type Router from '@koa/router';
import type { Context } from 'koa';
import {
  listConsoleStores, listConsoleVisits, mintStoreQr, readQrInput, readStoreInput, readVisitQuery, revokeStoreQr, saveStore,
  showStoreQr, storeQrSheet, visibleVisit, visitView,
} from '../../app/console/store-admin.js';
import { actorOf } from '../../app/console/audit.js';
import { requireRole } from '../../app/console/viewer.js';
import { readReviewDecision, reviewVisit } from '../../app/stores/visit-review.js';
import { readJsonBody } from '../read-body.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

const MAX_BODY = 16 * 1024;

/** Every store route is for admins and managers; a rep has no stores to look after. */
const staff = (ctx: Context) => {
  const viewer = viewerIn(ctx);
  requireRole(viewer, 'admin', 'manager');
  return viewer;
};

export function mountStoreRoutes(router: Router, deps: ConsoleDeps): void {
  const app = deps.app;

  router.get('/stores', async (ctx) => {
    ctx.body = { items: await listConsoleStores(app.db, staff(ctx), app.clock.now()) };
  });

  router.put('/stores/:key', async (ctx) => {
    const viewer = staff(ctx);
    const input = readStoreInput(await readJsonBody(ctx, MAX_BODY));
    const { store, created } = await saveStore(app.db, viewer, ctx.params.key!, input);
    await auditIn(ctx, deps, created ? 'store.create' : 'store.update', store.key, { ...input });
    ctx.body = store;
  });

  router.post('/stores/:key/qrcodes', async (ctx) => {
    const viewer = staff(ctx);
    const input = readQrInput(await readJsonBody(ctx, MAX_BODY, { optional: true }));
    const minted = await mintStoreQr(app, viewer, ctx.params.key!, input);
    await auditIn(ctx, deps, 'qrcode.create', ctx.params.key!, { id: minted.id, ...input });
    ctx.status = 201;
    ctx.body = minted;
  });

  router.get('/stores/:key/qrcodes/:id', async (ctx) => {
    ctx.body = await showStoreQr(app, staff(ctx), ctx.params.key!, ctx.params.id!);
  });

  router.get('/stores/:key/qrcodes/:id/sheet.png', async (ctx) => {
    const png = await storeQrSheet(app, staff(ctx), ctx.params.key!, ctx.params.id!);
    ctx.type = 'image/png';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = png;
  });

  router.post('/stores/:key/qrcodes/:id/revoke', async (ctx) => {
    const viewer = staff(ctx);
    const revoked = await revokeStoreQr(app, viewer, ctx.params.key!, ctx.params.id!);
    await auditIn(ctx, deps, 'qrcode.revoke', ctx.params.key!, { id: revoked.id });
    ctx.body = revoked;
  });

  router.get('/visits', async (ctx) => {
    ctx.body = await listConsoleVisits(app.db, staff(ctx), readVisitQuery(ctx.query));
  });

  router.post('/visits/:id/review', async (ctx) => {
    const viewer = staff(ctx);
    const decision = readReviewDecision(await readJsonBody(ctx, MAX_BODY));
    const visit = await visibleVisit(app.db, viewer, ctx.params.id!);
    const after = await reviewVisit(app, deps.tenantId, visit, decision, actorOf(viewer));
    await auditIn(ctx, deps, decision.decision === 'approve' ? 'visit.approve' : 'visit.return', visit.id, {
      store: visit.storeKey, staff: visit.userId, comment: decision.comment,
    });
    ctx.body = visitView(after);
  });
}
