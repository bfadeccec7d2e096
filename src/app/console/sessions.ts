// Console sign-in: one-time links (CLI `console-link`), ADMIN_TOKEN, and platform OAuth all end in
// `openSession`. A session's viewer is rebuilt from the person on every request, so a role or team change
// (or a leaver) takes effect at once instead of when the cookie expires.
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../store/database.js';
import { findUser } from '../../store/repos/users-repo.js';
import {
  deleteSession, findSession, insertLoginToken, insertSession, touchSession, useLoginToken,
} from '../../store/repos/console-sessions-repo.js';
import type { ConsoleRole, Viewer } from './viewer.js';

/** Sliding lifetime of a console session. */
export const SESSION_HOURS = 12;
/** A sign-in link is good for one use within this many minutes. */
export const LOGIN_LINK_MINUTES = 15;

const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** What an admin session remembers of ADMIN_TOKEN: rotating or unsetting the token ends those sessions. */
const adminKeyOf = (adminToken: string | null) => (adminToken ? createHash('sha256').update(`console-admin:${adminToken}`).digest('hex').slice(0, 32) : null);

/** The console role of a person: admin, manager (leads a team or has the role) or rep; null when unknown. */
export async function viewerOf(q: Queryable, tenantId: string, userId: string): Promise<Viewer | null> {
  const user = await findUser(q, tenantId, userId);
  if (!user || user.active === false) return null;
  const led = await q.query<{ team_key: string }>(
    'select team_key from team_members where tenant_id = $1 and user_id = $2 and is_manager order by team_key',
    [tenantId, userId],
  );
  const managedTeamKeys = led.map((r) => r.team_key);
  const role: ConsoleRole = user.role === 'admin' ? 'admin' : user.role === 'manager' || managedTeamKeys.length ? 'manager' : 'rep';
  return { tenantId, userId, name: user.name, role, managedTeamKeys };
}

export const adminViewer = (tenantId: string): Viewer => ({ tenantId, userId: null, name: '管理员', role: 'admin', managedTeamKeys: [] });

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function openSession(
  q: Queryable,
  s: { tenantId: string; userId: string | null; via: 'link' | 'admin_token' | 'wecom' | 'dingtalk'; now: Date; adminToken: string | null },
): Promise<OpenedSession> {
  const viewer = s.userId ? await viewerOf(q, s.tenantId, s.userId) : adminViewer(s.tenantId);
  if (!viewer) throw new Error(`no active person ${s.userId}`);
  const adminKey = s.userId ? null : adminKeyOf(s.adminToken);
  if (!s.userId && !adminKey) throw new Error('an admin session needs ADMIN_TOKEN');
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(s.now.getTime() + SESSION_HOURS * 3_600_000);
  await insertSession(q, { tokenHash: hashToken(token), tenantId: s.tenantId, userId: s.userId, role: viewer.role, via: s.via, csrfToken, adminKey, expiresAt, now: s.now });
  return { token, csrfToken, expiresAt };
}

/** The viewer behind a session cookie, or null when the session is unknown, expired or its person left. */
export async function sessionViewer(
  q: Queryable, token: string, now: Date, adminToken: string | null,
): Promise<{ viewer: Viewer; csrfToken: string; via: string } | null> {
  const tokenHash = hashToken(token);
  const session = await findSession(q, tokenHash, now);
  if (!session) return null;
  const adminStillValid = session.adminKey !== null && session.adminKey === adminKeyOf(adminToken);
  const viewer = session.userId ? await viewerOf(q, session.tenantId, session.userId) : adminStillValid ? adminViewer(session.tenantId) : null;
  if (!viewer) {
    await deleteSession(q, tokenHash);
    return null;
  }
  // Slide the expiry, but write at most once a minute per session.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await touchSession(q, tokenHash, now, new Date(now.getTime() + SESSION_HOURS * 3_600_000));
  }
  return { viewer, csrfToken: session.csrfToken, via: session.via };
}

/** Slides a session's expiry to `now` (试一试 moves the server's clock: the page's own session must not lapse). */
export async function slideSession(q: Queryable, token: string, now: Date): Promise<void> {
  await touchSession(q, hashToken(token), now, new Date(now.getTime() + SESSION_HOURS * 3_600_000));
}

export async function closeSession(q: Queryable, token: string): Promise<void> {
  await deleteSession(q, hashToken(token));
}

/** A one-time sign-in link token for a person (or the admin when userId is null). */
export async function createLoginToken(q: Queryable, tenantId: string, userId: string | null, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await insertLoginToken(q, { tokenHash: hashToken(token), tenantId, userId, expiresAt });
  return { token, expiresAt };
}

export async function spendLoginToken(q: Queryable, token: string, now: Date): Promise<{ tenantId: string; userId: string | null } | null> {
  return useLoginToken(q, hashToken(token), now);
}
