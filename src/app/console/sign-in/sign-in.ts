// Opening and closing console sessions, each written to the audit log. Every sign-in path (link, ADMIN_TOKEN,
// WeCom, DingTalk) ends here once it knows who is signing in.
import type { Queryable } from '../../../store/database.js';
import { purgeExpiredSessions } from '../../../store/repos/console-sessions-repo.js';
import { recordAudit } from '../audit.js';
import { adminViewer, closeSession, openSession, viewerOf, type OpenedSession } from '../sessions.js';
import type { Viewer } from '../viewer.js';

export type SignInVia = 'link' | 'admin_token' | 'wecom' | 'dingtalk';

export interface SignedIn {
  session: OpenedSession;
  viewer: Viewer;
}

/** Opens a session for the person (or the admin when userId is null); null when the person is unknown or left. */
export async function signIn(
  q: Queryable,
  s: { tenantId: string; userId: string | null; via: SignInVia; now: Date; ip: string | null; adminToken: string | null },
): Promise<SignedIn | null> {
  // An admin session lives on ADMIN_TOKEN: none without it.
  const viewer = s.userId ? await viewerOf(q, s.tenantId, s.userId) : s.adminToken ? adminViewer(s.tenantId) : null;
  if (!viewer) return null;
  // Sign-ins are rare and cheap to piggyback on: expired sessions and links go here, no job needed.
  await purgeExpiredSessions(q, s.now);
  const session = await openSession(q, { tenantId: s.tenantId, userId: s.userId, via: s.via, now: s.now, adminToken: s.adminToken });
  await recordAudit(q, viewer, 'console.sign_in', viewer.userId, { via: s.via }, { ip: s.ip, at: s.now });
  return { session, viewer };
}

export async function signOut(q: Queryable, token: string, viewer: Viewer, meta: { ip: string | null; at: Date }): Promise<void> {
  await closeSession(q, token);
  await recordAudit(q, viewer, 'console.sign_out', viewer.userId, null, meta);
}
