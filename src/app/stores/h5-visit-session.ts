// Sessions of the H5 visit page (/s/<token> inside WeCom, for companies without the mini-program). The
// browser holds the same opaque mp_sessions token the mini-program holds, but for a shift rather than a
// week, in an HttpOnly cookie; forms carry a per-session CSRF token derived from it, so a page that does
// not know the cookie cannot make one.
import { createHash } from 'node:crypto';
import { sameSecret } from '../../shared/same-secret.js';
import { findSession } from '../../store/repos/mp-sessions-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import { storeStaffSession } from './mp-login.js';

/** A shift: long enough to record a day's visits, short enough that a lost phone's page goes cold. */
export const H5_SESSION_TTL_MS = 12 * 3_600_000;

export interface H5Caller {
  tenantId: string;
  userId: string;
  name: string;
}

/** Opens a session for a WeCom member OAuth2 vouched for (a store staff person is made on first visit). */
export async function openH5Session(deps: AppDeps, wecomUserId: string): Promise<{ token: string; expiresAt: Date }> {
  const { session } = await storeStaffSession(deps, wecomUserId, H5_SESSION_TTL_MS);
  return session;
}

/** The caller behind a session cookie; null when it is missing, unknown or expired. */
export async function h5Caller(deps: Pick<AppDeps, 'db' | 'clock'>, token: string | undefined): Promise<H5Caller | null> {
  if (!token || token.length > 128) return null;
  const session = await findSession(deps.db, token);
  if (!session || session.expiresAt <= deps.clock.now()) return null;
  const user = await findUser(deps.db, session.tenantId, session.userId);
  return { tenantId: session.tenantId, userId: session.userId, name: user?.name || session.userId };
}

/** The form token of a session: a one-way function of the cookie, so it is per session and unguessable. */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`zb-h5-visit-csrf\n${sessionToken}`).digest('base64url');
}

export function csrfTokenMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  return sameSecret(csrfTokenOf(sessionToken), presented);
}
