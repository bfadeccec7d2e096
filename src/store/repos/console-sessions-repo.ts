// Console sessions and one-time sign-in links. Only sha256 hashes of their tokens are stored, so a copy of
// the database opens nothing.
import type { Queryable } from '../database.js';
import type { ConsoleRole } from '../../app/console/viewer.js';

export interface ConsoleSessionRow {
  tenantId: string;
  userId: string | null;
  role: ConsoleRole;
  via: string;
  csrfToken: string;
  adminKey: string | null;
  expiresAt: Date;
  lastSeenAt: Date;
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; tenantId: string; userId: string | null; role: ConsoleRole; via: string; csrfToken: string; adminKey: string | null; expiresAt: Date; now: Date },
): Promise<void> {
  await q.execute(
    `insert into console_sessions (token_hash, tenant_id, user_id, role, via, csrf_token, admin_key, expires_at, last_seen_at, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
    [s.tokenHash, s.tenantId, s.userId, s.role, s.via, s.csrfToken, s.adminKey, s.expiresAt, s.now],
  );
}

export async function findSession(q: Queryable, tokenHash: string, now: Date): Promise<ConsoleSessionRow | null> {
  const rows = await q.query<{ tenant_id: string; user_id: string | null; role: ConsoleRole; via: string; csrf_token: string; admin_key: string | null; expires_at: Date; last_seen_at: Date }>(
    'select tenant_id, user_id, role, via, csrf_token, admin_key, expires_at, last_seen_at from console_sessions where token_hash = $1 and expires_at > $2',
    [tokenHash, now],
  );
  const r = rows[0];
  return r
    ? { tenantId: r.tenant_id, userId: r.user_id, role: r.role, via: r.via, csrfToken: r.csrf_token, adminKey: r.admin_key, expiresAt: new Date(r.expires_at), lastSeenAt: new Date(r.last_seen_at) }
    : null;
}

export async function touchSession(q: Queryable, tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
  await q.execute('update console_sessions set last_seen_at = $2, expires_at = $3 where token_hash = $1', [tokenHash, now, expiresAt]);
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.execute('delete from console_sessions where token_hash = $1', [tokenHash]);
}

/** Ends every session of a person (a leaver, or an admin who revokes access). */
export async function deleteSessionsOf(q: Queryable, tenantId: string, userId: string): Promise<number> {
  return q.execute('delete from console_sessions where tenant_id = $1 and user_id = $2', [tenantId, userId]);
}

export async function purgeExpiredSessions(q: Queryable, now: Date): Promise<number> {
  const a = await q.execute('delete from console_sessions where expires_at <= $1', [now]);
  const b = await q.execute('delete from console_login_tokens where expires_at <= $1', [now]);
  return a + b;
}

export async function insertLoginToken(q: Queryable, t: { tokenHash: string; tenantId: string; userId: string | null; expiresAt: Date }): Promise<void> {
  await q.execute('insert into console_login_tokens (token_hash, tenant_id, user_id, expires_at) values ($1, $2, $3, $4)', [
    t.tokenHash, t.tenantId, t.userId, t.expiresAt,
  ]);
}

/** Spends a sign-in link: returns its owner once, and null for an unknown, expired or used link. */
export async function useLoginToken(q: Queryable, tokenHash: string, now: Date): Promise<{ tenantId: string; userId: string | null } | null> {
  const rows = await q.query<{ tenant_id: string; user_id: string | null }>(
    `update console_login_tokens set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2
     returning tenant_id, user_id`,
    [tokenHash, now],
  );
  return rows[0] ? { tenantId: rows[0].tenant_id, userId: rows[0].user_id } : null;
}
