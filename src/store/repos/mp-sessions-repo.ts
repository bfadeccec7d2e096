// Mini-program sessions. The client holds an opaque random token; only its SHA-256 is stored, so a
// leaked database does not hand out live sessions.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../database.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(q: Queryable, tenantId: string, userId: string, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs);
  await q.execute('insert into mp_sessions (token_hash, tenant_id, user_id, expires_at, created_at) values ($1, $2, $3, $4, $5)', [
    hash(token), tenantId, userId, expiresAt, now,
  ]);
  // Expired sessions are useless; drop them as new ones are made.
  await q.execute('delete from mp_sessions where expires_at < $1', [new Date(now.getTime() - 24 * 3_600_000)]);
  return { token, expiresAt };
}

export async function findSession(q: Queryable, token: string): Promise<{ tenantId: string; userId: string; expiresAt: Date } | null> {
  const rows = await q.query<{ tenant_id: string; user_id: string; expires_at: Date }>(
    'select tenant_id, user_id, expires_at from mp_sessions where token_hash = $1', [hash(token)]);
  return rows[0] ? { tenantId: rows[0].tenant_id, userId: rows[0].user_id, expiresAt: new Date(rows[0].expires_at) } : null;
}
