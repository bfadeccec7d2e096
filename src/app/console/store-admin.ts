// The console's 门店 page: stores with their QR codes and counts, creating and editing a store, minting,
// showing, printing and revoking codes, and the visit list. An admin sees every store; a manager the
// stores of the teams they lead (and may create stores only in those teams).
import { maskPhone } from '../../domain/stores/phone.js';
import { qrPng, qrSheetPng } from '../../providers/qr/qr-image.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { parseQrToken } from '../../shared/qr-token.js';
import type { Queryable } from '../../store/database.js';
import { qrCodesOf, storeCounts, type ListedQrCode } from '../../store/repos/store-admin-repo.js';
import { findQrCode, getStore, listStores, revokeQrCode, upsertStore, type QrCode, type Store } from '../../store/repos/stores-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { findVisit, listVisits, type ReviewedVisit, type ReviewStatus, type VisitFilter } from '../../store/repos/visit-reviews-repo.js';
import type { AppDeps } from '../app-deps.js';
import { mintQrCode, qrUrl, tokenOf, type MintedQr } from '../stores/qr-codes.js';
import { adminText } from './admin-texts.js';
import { teamsVisibleTo, type Viewer } from './viewer.js';

const KEY = /^[A-Za-z0-9_-]{1,64}$/;
const E = adminText.errors;
const VISIT_DAYS = 30;

const inScope = (viewer: Viewer, s: Store) => {
  const teams = teamsVisibleTo(viewer, null);
  return teams === 'all' || (s.teamKey !== null && teams.includes(s.teamKey));
};

/** The stores the viewer may see: every store for an admin, their teams' stores for a manager. */
export async function visibleStores(q: Queryable, viewer: Viewer): Promise<Store[]> {
  return (await listStores(q, viewer.tenantId)).filter((s) => inScope(viewer, s));
}

/** A visible store, or 404 (another team's store is not there for a manager). */
export async function visibleStore(q: Queryable, viewer: Viewer, key: string): Promise<Store> {
  const store = await getStore(q, viewer.tenantId, key);
  if (!store || !inScope(viewer, store)) throw notFound('unknown_store', E.noStore);
  return store;
}

const qrView = (c: ListedQrCode) => ({
  id: c.id, purpose: c.purpose, campaign: c.campaign, createdAt: c.createdAt.toISOString(), revokedAt: c.revokedAt?.toISOString() ?? null,
});

export async function listConsoleStores(q: Queryable, viewer: Viewer, now: Date) {
  const stores = await visibleStores(q, viewer);
  const keys = stores.map((s) => s.key);
  const [codes, counts, teams] = await Promise.all([
    qrCodesOf(q, viewer.tenantId, keys),
    storeCounts(q, viewer.tenantId, keys, new Date(now.getTime() - VISIT_DAYS * 86_400_000)),
    listTeams(q, viewer.tenantId),
  ]);
  const teamNames = new Map(teams.map((t) => [t.key, t.name]));
  return stores.map((s) => ({
    ...s,
    teamName: s.teamKey ? (teamNames.get(s.teamKey) ?? s.teamKey) : null,
    visits30d: counts.get(s.key)?.visits ?? 0,
    pendingReviews: counts.get(s.key)?.pendingReviews ?? 0,
    qrCodes: codes.filter((c) => c.storeKey === s.key).map(qrView),
  }));
}

export interface StoreInput {
  name: string;
  teamKey: string | null;
  city: string | null;
}

const text = (v: unknown, max: number, error: string, optional: boolean): string | null => {
  if ((v === undefined || v === null || (typeof v === 'string' && !v.trim())) && optional) return null;
  if (typeof v !== 'string' || !v.trim() || v.trim().length > max) throw badRequest('invalid_store', error);
  return v.trim();
};

export function readStoreInput(body: Record<string, unknown>): StoreInput {
  return {
    name: text(body.name, 64, E.storeName, false)!,
    teamKey: text(body.teamKey, 64, E.unknownTeam, true),
    city: text(body.city, 32, E.storeCity, true),
  };
}

/** Creates or edits a store. A manager may only touch stores of their teams and keep them there. */
export async function saveStore(q: Queryable, viewer: Viewer, key: string, input: StoreInput): Promise<{ store: Store; created: boolean }> {
  if (!KEY.test(key)) throw badRequest('invalid_store', E.storeKey);
  const existing = await getStore(q, viewer.tenantId, key);
  if (existing && !inScope(viewer, existing)) throw notFound('unknown_store', E.noStore);
  const teams = teamsVisibleTo(viewer, null);
  if (teams !== 'all' && (input.teamKey === null || !teams.includes(input.teamKey))) throw badRequest('invalid_store', E.storeTeam);
  if (input.teamKey && !(await listTeams(q, viewer.tenantId)).some((t) => t.key === input.teamKey)) {
    throw badRequest('unknown_team', E.unknownTeam);
  }
  await upsertStore(q, viewer.tenantId, { key, ...input });
  return { store: (await getStore(q, viewer.tenantId, key))!, created: existing === null };
}

export function readQrInput(body: Record<string, unknown>): { purpose: QrCode['purpose']; campaign: string | null } {
  const purpose = body.purpose ?? 'visit';
  if (purpose !== 'visit' && purpose !== 'campaign') throw badRequest('invalid_qrcode', E.qrPurpose);
  return { purpose, campaign: purpose === 'campaign' ? text(body.campaign, 64, E.qrCampaign, false) : null };
}

export async function mintStoreQr(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, viewer: Viewer, storeKey: string, input: { purpose: QrCode['purpose']; campaign: string | null },
): Promise<MintedQr & { id: string }> {
  const store = await visibleStore(deps.db, viewer, storeKey);
  const minted = await mintQrCode(deps, viewer.tenantId, store.key, input.purpose, input.campaign);
  return { ...minted, id: parseQrToken(minted.token)!.id };
}

/** A code of a visible store; a code of another store or tenant is 404. */
async function storeCode(q: Queryable, viewer: Viewer, storeKey: string, id: string): Promise<{ store: Store; code: QrCode }> {
  const store = await visibleStore(q, viewer, storeKey);
  const code = await findQrCode(q, id);
  if (!code || code.tenantId !== viewer.tenantId || code.storeKey !== store.key) throw notFound('unknown_qrcode', E.noQrCode);
  return { store, code };
}

/** The link a code prints as and its picture (PNG, base64), to show or copy again. */
export async function showStoreQr(deps: Pick<AppDeps, 'db' | 'config'>, viewer: Viewer, storeKey: string, id: string) {
  const { code } = await storeCode(deps.db, viewer, storeKey, id);
  const token = await tokenOf(deps.db, code);
  const url = qrUrl(deps.config.publicBaseUrl, token);
  return {
    id: code.id, purpose: code.purpose, campaign: code.campaign, revokedAt: code.revokedAt?.toISOString() ?? null, token, url,
    png: qrPng(url).toString('base64'),
  };
}

/** The printable A-size sheet of one code: store name, campaign, code, instruction, link. */
export async function storeQrSheet(deps: Pick<AppDeps, 'db' | 'config'>, viewer: Viewer, storeKey: string, id: string): Promise<Buffer> {
  const { store, code } = await storeCode(deps.db, viewer, storeKey, id);
  if (code.revokedAt) throw new AppError('qr_revoked', E.qrRevoked, { status: 409 });
  const url = qrUrl(deps.config.publicBaseUrl, await tokenOf(deps.db, code));
  return qrSheetPng({ storeName: store.name, url, campaign: code.campaign ?? undefined });
}

export async function revokeStoreQr(deps: Pick<AppDeps, 'db' | 'clock'>, viewer: Viewer, storeKey: string, id: string): Promise<{ id: string; revokedAt: string }> {
  const { code } = await storeCode(deps.db, viewer, storeKey, id);
  await revokeQrCode(deps.db, viewer.tenantId, code.id, deps.clock.now());
  const after = (await findQrCode(deps.db, code.id))!;
  return { id: code.id, revokedAt: after.revokedAt!.toISOString() };
}

const REVIEW_STATUSES: readonly ReviewStatus[] = ['pending', 'approved', 'returned'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A Shanghai date (YYYY-MM-DD) as the instant its day starts; `next` gives the following day's start. */
function dayStart(v: unknown, next = false): Date | null {
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00+08:00`))) throw badRequest('invalid_date', E.badDate);
  const start = new Date(`${v}T00:00:00+08:00`);
  return next ? new Date(start.getTime() + 86_400_000) : start;
}

const one = (v: unknown): string | undefined => (Array.isArray(v) ? v[0] : typeof v === 'string' ? v : undefined);

/** Filters of GET /visits: store, staff, from / to (dates, inclusive), flagged, review, page, pageSize. */
export function readVisitQuery(query: Record<string, unknown>): Omit<VisitFilter, 'storeKeys'> {
  const review = one(query.review);
  const pageSize = Math.min(100, Math.max(1, Number(one(query.pageSize)) || 20));
  const page = Math.max(1, Math.floor(Number(one(query.page)) || 1));
  const flagged = one(query.flagged);
  return {
    storeKey: one(query.store) || null,
    userId: one(query.staff) || null,
    from: dayStart(one(query.from)),
    to: dayStart(one(query.to), true),
    flagged: flagged === 'true' ? true : flagged === 'false' ? false : null,
    review: review && (REVIEW_STATUSES as readonly string[]).includes(review) ? (review as ReviewStatus) : null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };
}

export function visitView(v: ReviewedVisit) {
  return {
    id: v.id, storeKey: v.storeKey, storeName: v.storeName, teamKey: v.teamKey, userId: v.userId, staffName: v.staffName,
    question: v.question, topics: v.topics, customerName: v.customerName,
    // Store staff type customers' phone numbers; the console shows them masked like the mini-program.
    customerPhoneMasked: v.customerPhone ? maskPhone(v.customerPhone) : null,
    complianceNote: v.complianceNote, sensitiveWords: v.sensitiveWords, flaggedForReview: v.flaggedForReview,
    createdAt: v.createdAt.toISOString(),
    review: v.review ? { ...v.review, reviewedAt: v.review.reviewedAt?.toISOString() ?? null } : null,
  };
}

export async function listConsoleVisits(q: Queryable, viewer: Viewer, filter: Omit<VisitFilter, 'storeKeys'>) {
  const teams = teamsVisibleTo(viewer, null);
  const storeKeys = teams === 'all' ? 'all' : (await visibleStores(q, viewer)).map((s) => s.key);
  const { items, total } = await listVisits(q, viewer.tenantId, { ...filter, storeKeys });
  return { items: items.map(visitView), total };
}

/** A visit at a visible store, or 404. */
export async function visibleVisit(q: Queryable, viewer: Viewer, id: string): Promise<ReviewedVisit> {
  const visit = await findVisit(q, viewer.tenantId, id);
  const teams = teamsVisibleTo(viewer, null);
  if (!visit || (teams !== 'all' && (visit.teamKey === null || !teams.includes(visit.teamKey)))) throw notFound('unknown_visit', E.noVisit);
  return visit;
}
