// One-time sign-in links (`console-link`): an admin asks for one through the bearer API, the person opens it
// within 15 minutes, once. Links go through chat, so only a script on the sign-in page spends them (a POST):
// link previewers that fetch the URL never do.
import type { Queryable } from '../../../store/database.js';
import { findUser } from '../../../store/repos/users-repo.js';
import { recordAudit } from '../audit.js';
import { adminViewer, createLoginToken, spendLoginToken, viewerOf } from '../sessions.js';
import { signIn, type SignedIn } from './sign-in.js';
import type { Viewer } from '../viewer.js';

export type LinkRequest = { kind: 'created'; token: string; expiresAt: Date; viewer: Viewer } | { kind: 'unknown_user' } | { kind: 'inactive' };

/** A link for a person (or the admin when userId is null); refused for an unknown person or one who left. */
export async function createSignInLink(
  q: Queryable,
  r: { tenantId: string; userId: string | null; now: Date; ip: string | null },
): Promise<LinkRequest> {
  let viewer = adminViewer(r.tenantId);
  if (r.userId) {
    const user = await findUser(q, r.tenantId, r.userId);
    if (!user) return { kind: 'unknown_user' };
    const v = await viewerOf(q, r.tenantId, r.userId);
    if (!v) return { kind: 'inactive' };
    viewer = v;
  }
  const { token, expiresAt } = await createLoginToken(q, r.tenantId, r.userId, r.now);
  await recordAudit(q, adminViewer(r.tenantId), 'console.link_created', r.userId, { for: r.userId ?? 'admin', expiresAt: expiresAt.toISOString() }, { ip: r.ip, at: r.now });
  return { kind: 'created', token, expiresAt, viewer };
}

export type LinkSignIn = { kind: 'signed_in'; signedIn: SignedIn } | { kind: 'expired' } | { kind: 'not_member' };

/** Spends the link (even when its person has left since: a link is never good twice). */
export async function signInWithLink(
  q: Queryable,
  r: { tenantId: string; token: string; now: Date; ip: string | null; adminToken: string | null },
): Promise<LinkSignIn> {
  const owner = await spendLoginToken(q, r.token, r.now);
  if (!owner || owner.tenantId !== r.tenantId) return { kind: 'expired' };
  const signedIn = await signIn(q, { tenantId: r.tenantId, userId: owner.userId, via: 'link', now: r.now, ip: r.ip, adminToken: r.adminToken });
  return signedIn ? { kind: 'signed_in', signedIn } : { kind: 'not_member' };
}
