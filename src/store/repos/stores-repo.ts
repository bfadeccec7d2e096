// Stores, their QR codes, visits and the tenant's secrets.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../database.js';

export interface Store {
  key: string;
  name: string;
  teamKey: string | null;
  city: string | null;
}

export interface QrCode {
  id: string;
  tenantId: string;
  storeKey: string;
  purpose: 'visit' | 'campaign';
  campaign: string | null;
  revokedAt: Date | null;
}

export async function upsertStore(q: Queryable, tenantId: string, s: Store): Promise<void> {
  await q.execute(
    `insert into stores (tenant_id, key, name, team_key, city) values ($1, $2, $3, $4, $5)
     on conflict (tenant_id, key) do update set name = excluded.name, team_key = excluded.team_key, city = excluded.city, updated_at = now()`,
    [tenantId, s.key, s.name, s.teamKey, s.city],
  );
}

export async function getStore(q: Queryable, tenantId: string, key: string): Promise<Store | null> {
  const rows = await q.query<{ key: string; name: string; team_key: string | null; city: string | null }>(
    'select key, name, team_key, city from stores where tenant_id = $1 and key = $2', [tenantId, key]);
  return rows[0] ? { key: rows[0].key, name: rows[0].name, teamKey: rows[0].team_key, city: rows[0].city } : null;
}

export async function listStores(q: Queryable, tenantId: string, teamKey?: string | null): Promise<Store[]> {
  const rows = await q.query<{ key: string; name: string; team_key: string | null; city: string | null }>(
    `select key, name, team_key, city from stores where tenant_id = $1 and ($2::text is null or team_key = $2) order by key`, [tenantId, teamKey ?? null]);
  return rows.map((r) => ({ key: r.key, name: r.name, teamKey: r.team_key, city: r.city }));
}

export async function insertQrCode(q: Queryable, c: Omit<QrCode, 'revokedAt'>, now: Date): Promise<void> {
  await q.execute(
    'insert into qr_codes (id, tenant_id, store_key, purpose, campaign, created_at) values ($1, $2, $3, $4, $5, $6)',
    [c.id, c.tenantId, c.storeKey, c.purpose, c.campaign, now],
  );
}

/** By id across tenants: the token says which id, the signature then proves which tenant. */
export async function findQrCode(q: Queryable, id: string): Promise<QrCode | null> {
  const rows = await q.query<{ id: string; tenant_id: string; store_key: string; purpose: QrCode['purpose']; campaign: string | null; revoked_at: Date | null }>(
    'select id, tenant_id, store_key, purpose, campaign, revoked_at from qr_codes where id = $1', [id]);
  const r = rows[0];
  return r ? { id: r.id, tenantId: r.tenant_id, storeKey: r.store_key, purpose: r.purpose, campaign: r.campaign, revokedAt: r.revoked_at ? new Date(r.revoked_at) : null } : null;
}

/** The newest code of a purpose that is still valid (for printing a store's sheet). */
export async function latestQrCode(q: Queryable, tenantId: string, storeKey: string, purpose: QrCode['purpose']): Promise<QrCode | null> {
  const rows = await q.query<{ id: string }>(
    `select id from qr_codes where tenant_id = $1 and store_key = $2 and purpose = $3 and revoked_at is null order by created_at desc limit 1`,
    [tenantId, storeKey, purpose]);
  return rows[0] ? findQrCode(q, rows[0].id) : null;
}

export async function revokeQrCode(q: Queryable, tenantId: string, id: string, now: Date): Promise<boolean> {
  const n = await q.execute('update qr_codes set revoked_at = coalesce(revoked_at, $3) where tenant_id = $1 and id = $2', [tenantId, id, now]);
  return n > 0;
}

/**
 * The tenant's secret of this name, created (random 32 bytes) the first time it is asked for. Every
 * scan asks, so the usual case is one read; the write happens once per tenant.
 */
export async function tenantSecret(q: Queryable, tenantId: string, name: string): Promise<string> {
  const read = () => q.query<{ value: string }>('select value from tenant_secrets where tenant_id = $1 and name = $2', [tenantId, name]);
  const existing = await read();
  if (existing[0]) return existing[0].value;
  await q.execute('insert into tenant_secrets (tenant_id, name, value) values ($1, $2, $3) on conflict do nothing', [
    tenantId, name, randomBytes(32).toString('base64url'),
  ]);
  // Two first callers race on the insert; both read back the one that won.
  return (await read())[0]!.value;
}

export interface NewVisit {
  tenantId: string;
  storeKey: string;
  qrId: string;
  userId: string;
  question: string;
  transcript: string | null;
  topics: string[];
  customerName: string | null;
  customerPhone: string | null;
  complianceNote: string | null;
  sensitiveWords: string[];
  flaggedForReview: boolean;
  createdAt: Date;
}

export interface VisitRow extends NewVisit {
  id: string;
  storeName: string;
}

const VISIT_COLUMNS = `v.id, v.tenant_id, v.store_key, s.name as store_name, v.qr_id, v.user_id, v.question, v.transcript, v.topics,
  v.customer_name, v.customer_phone, v.compliance_note, v.sensitive_words, v.flagged_for_review, v.created_at`;

type RawVisit = {
  id: string; tenant_id: string; store_key: string; store_name: string; qr_id: string; user_id: string; question: string; transcript: string | null;
  topics: string[]; customer_name: string | null; customer_phone: string | null; compliance_note: string | null; sensitive_words: string[];
  flagged_for_review: boolean; created_at: Date;
};

const toVisit = (r: RawVisit): VisitRow => ({
  id: r.id, tenantId: r.tenant_id, storeKey: r.store_key, storeName: r.store_name, qrId: r.qr_id, userId: r.user_id, question: r.question,
  transcript: r.transcript, topics: r.topics ?? [], customerName: r.customer_name, customerPhone: r.customer_phone,
  complianceNote: r.compliance_note, sensitiveWords: r.sensitive_words ?? [], flaggedForReview: r.flagged_for_review, createdAt: new Date(r.created_at),
});

export async function insertVisit(q: Queryable, v: NewVisit): Promise<VisitRow> {
  const rows = await q.query<{ id: string }>(
    `insert into store_visits (tenant_id, store_key, qr_id, user_id, question, transcript, topics, customer_name, customer_phone,
       compliance_note, sensitive_words, flagged_for_review, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [v.tenantId, v.storeKey, v.qrId, v.userId, v.question, v.transcript, v.topics, v.customerName, v.customerPhone,
     v.complianceNote, v.sensitiveWords, v.flaggedForReview, v.createdAt],
  );
  return (await getVisit(q, v.tenantId, rows[0]!.id))!;
}

export async function getVisit(q: Queryable, tenantId: string, id: string): Promise<VisitRow | null> {
  const rows = await q.query<RawVisit>(
    `select ${VISIT_COLUMNS} from store_visits v join stores s on s.tenant_id = v.tenant_id and s.key = v.store_key where v.tenant_id = $1 and v.id = $2`,
    [tenantId, id]);
  return rows[0] ? toVisit(rows[0]) : null;
}

export async function listVisitsBy(q: Queryable, tenantId: string, userId: string, limit = 50): Promise<VisitRow[]> {
  const rows = await q.query<RawVisit>(
    `select ${VISIT_COLUMNS} from store_visits v join stores s on s.tenant_id = v.tenant_id and s.key = v.store_key
     where v.tenant_id = $1 and v.user_id = $2 order by v.created_at desc limit $3`,
    [tenantId, userId, limit]);
  return rows.map(toVisit);
}

export async function countVisits(q: Queryable, tenantId: string, since: Date, by: { storeKey?: string; userId?: string }): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `select count(*)::int as n from store_visits where tenant_id = $1 and created_at >= $2
       and ($3::text is null or store_key = $3) and ($4::text is null or user_id = $4)`,
    [tenantId, since, by.storeKey ?? null, by.userId ?? null]);
  return rows[0]!.n;
}

/** Visits per store of a team (every store listed, zero included) in [from, to). */
export async function visitsPerStore(q: Queryable, tenantId: string, teamKey: string | null, from: Date, to: Date): Promise<{ key: string; name: string; visits: number }[]> {
  return q.query<{ key: string; name: string; visits: number }>(
    `select s.key, s.name, count(v.id)::int as visits from stores s
     left join store_visits v on v.tenant_id = s.tenant_id and v.store_key = s.key and v.created_at >= $3 and v.created_at < $4
     where s.tenant_id = $1 and ($2::text is null or s.team_key = $2)
     group by s.key, s.name order by visits desc, s.key`,
    [tenantId, teamKey, from, to]);
}

/** Visits per person at the team's stores in [from, to). */
export async function visitsPerUser(q: Queryable, tenantId: string, teamKey: string | null, from: Date, to: Date): Promise<{ key: string; name: string; visits: number }[]> {
  return q.query<{ key: string; name: string; visits: number }>(
    `select v.user_id as key, coalesce(u.name, v.user_id) as name, count(*)::int as visits from store_visits v
     join stores s on s.tenant_id = v.tenant_id and s.key = v.store_key
     left join users u on u.tenant_id = v.tenant_id and u.id = v.user_id
     where v.tenant_id = $1 and ($2::text is null or s.team_key = $2) and v.created_at >= $3 and v.created_at < $4
     group by v.user_id, u.name order by visits desc, v.user_id`,
    [tenantId, teamKey, from, to]);
}

/** The store the user recorded a visit at most recently (their "home" store for the leaderboard). */
export async function lastStoreOf(q: Queryable, tenantId: string, userId: string): Promise<Store | null> {
  const rows = await q.query<{ store_key: string }>(
    'select store_key from store_visits where tenant_id = $1 and user_id = $2 order by created_at desc limit 1', [tenantId, userId]);
  return rows[0] ? getStore(q, tenantId, rows[0].store_key) : null;
}
