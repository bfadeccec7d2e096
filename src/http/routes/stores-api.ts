// Admin API for stores and their QR codes: PUT /api/stores/:key, GET /api/stores,
// POST /api/stores/:key/qrcodes → {token,url,png}, GET /api/stores/:key/sheet.png (printable),
// DELETE /api/qrcodes/:token (revoke).
import type Router from '@koa/router';
import type { AppDeps } from '../../app/app-deps.js';
import { mintQrCode, qrUrl, resolveQr, tokenOf } from '../../app/stores/qr-codes.js';
import { qrSheetPng } from '../../providers/qr/qr-image.js';
import { AppError, badRequest } from '../../shared/errors.js';
import { parseQrToken } from '../../shared/qr-token.js';
import { getStore, latestQrCode, listStores, revokeQrCode, upsertStore } from '../../store/repos/stores-repo.js';
import { readJsonBody } from '../read-body.js';

const KEY = /^[A-Za-z0-9_-]{1,64}$/;

const text = (v: unknown, field: string, max: number, optional = false): string | null => {
  if ((v === undefined || v === null || v === '') && optional) return null;
  if (typeof v !== 'string' || !v.trim() || v.trim().length > max) throw badRequest('invalid_store', `${field} must be 1–${max} characters`);
  return v.trim();
};

export function mountStoresApi(router: Router, deps: Pick<AppDeps, 'db' | 'clock' | 'config'> & { tenantId: string }): void {
  const { db, tenantId } = deps;

  router.put('/api/stores/:key', async (ctx) => {
    const key = ctx.params.key!;
    if (!KEY.test(key)) throw badRequest('invalid_store', 'store key must be 1–64 letters, digits, _ or -');
    const body = await readJsonBody(ctx, 16 * 1024);
    const teamKey = text(body.teamKey, 'teamKey', 64, true);
    if (teamKey && !(await db.query('select 1 from teams where tenant_id = $1 and key = $2', [tenantId, teamKey])).length) {
      throw badRequest('unknown_team', `unknown team key: ${teamKey}`);
    }
    await upsertStore(db, tenantId, { key, name: text(body.name, 'name', 64)!, teamKey, city: text(body.city, 'city', 32, true) });
    ctx.body = await getStore(db, tenantId, key);
  });

  router.get('/api/stores', async (ctx) => {
    ctx.body = { items: await listStores(db, tenantId) };
  });

  router.post('/api/stores/:key/qrcodes', async (ctx) => {
    const body = await readJsonBody(ctx, 16 * 1024, { optional: true });
    const purpose = body.purpose ?? 'visit';
    if (purpose !== 'visit' && purpose !== 'campaign') throw badRequest('invalid_qrcode', 'purpose must be visit or campaign');
    const campaign = purpose === 'campaign' ? text(body.campaign, 'campaign', 64) : null;
    ctx.status = 201;
    ctx.body = await mintQrCode(deps, tenantId, ctx.params.key!, purpose, campaign);
  });

  // The printable sheet of the store's current visit code (one is minted when the store has none).
  router.get('/api/stores/:key/sheet.png', async (ctx) => {
    const store = await getStore(db, tenantId, ctx.params.key!);
    if (!store) throw new AppError('unknown_store', `no store ${ctx.params.key}`, { status: 404 });
    const code = await latestQrCode(db, tenantId, store.key, 'visit');
    const url = code ? qrUrl(deps.config.publicBaseUrl, await tokenOf(db, code)) : (await mintQrCode(deps, tenantId, store.key, 'visit', null)).url;
    ctx.type = 'image/png';
    ctx.body = qrSheetPng({ storeName: store.name, url });
  });

  router.delete('/api/qrcodes/:token', async (ctx) => {
    const found = await resolveQr(db, tenantId, ctx.params.token!);
    if ('problem' in found && found.problem !== 'qr_revoked') throw new AppError('unknown_qrcode', 'no such QR code', { status: 404 });
    const id = 'problem' in found ? parseQrToken(ctx.params.token!)!.id : found.code.id;
    await revokeQrCode(db, tenantId, id, deps.clock.now());
    ctx.body = { token: ctx.params.token, revoked: true };
  });
}
