// The HTTP end of every sign-in: the previous session of this browser is closed, the new one goes into the
// session cookie, and the page gets what GET /me returns.
import type { Context } from 'koa';
import { closeSession } from '../../app/console/sessions.js';
import { signIn, type SignedIn, type SignInVia } from '../../app/console/sign-in/sign-in.js';
import type { Viewer } from '../../app/console/viewer.js';
import type { ConsoleDeps } from './console-deps.js';
import { sessionToken, setSessionCookie } from './session-cookie.js';

/** What GET /me (and every sign-in) answers; `tryIt` tells the page that 试一试 exists on this server. */
export const meView = (viewer: Viewer, csrfToken: string, via: string, deps: Pick<ConsoleDeps, 'tryIt'>) => ({
  userId: viewer.userId,
  name: viewer.name,
  role: viewer.role,
  managedTeamKeys: viewer.managedTeamKeys,
  csrfToken,
  via,
  tryIt: deps.tryIt !== undefined && viewer.role === 'admin',
});

/** Signs this browser in as the person (or the admin for null); null when the person is unknown or left. */
export async function signInBrowser(ctx: Context, deps: ConsoleDeps, userId: string | null, via: SignInVia): Promise<SignedIn | null> {
  const db = deps.app.db;
  const signedIn = await signIn(db, { tenantId: deps.tenantId, userId, via, now: deps.app.clock.now(), ip: ctx.ip || null, adminToken: deps.adminToken });
  if (!signedIn) return null;
  await admit(ctx, deps, signedIn);
  return signedIn;
}

/** Puts an opened session into the cookie, ending the one this browser had before (if any). */
export async function admit(ctx: Context, deps: ConsoleDeps, signedIn: SignedIn): Promise<void> {
  const previous = sessionToken(ctx);
  if (previous) await closeSession(deps.app.db, previous);
  setSessionCookie(ctx, signedIn.session);
}
