// Console sign-in and the session itself. Open (no session yet): GET /login/options, POST /login/link
// {token} (the one-time link from `console-link`), POST /login/token {token} (ADMIN_TOKEN), and the WeCom /
// DingTalk OAuth routes. Behind the session guard: GET /me, POST /logout, GET /audit (admins).
import type Router from '@koa/router';
import type { Context } from 'koa';
import { createHash, timingSafeEqual } from 'node:crypto';
import { signInWithLink } from '../../app/console/sign-in/sign-in-links.js';
import { signInText } from '../../app/console/sign-in/sign-in-messages.js';
import { createFailureThrottle } from '../../app/console/sign-in/sign-in-throttle.js';
import { signOut } from '../../app/console/sign-in/sign-in.js';
import { requireRole } from '../../app/console/viewer.js';
import { isWecomClient } from '../../channels/wecom/web-login.js';
import { AppError, badRequest, forbidden, notFound, unauthorized } from '../../shared/errors.js';
import { listAudit } from '../../store/repos/audit-log-repo.js';
import { limitParam } from '../query-params.js';
import { readJsonBody } from '../read-body.js';
import { viewerIn, type ConsoleDeps } from './console-deps.js';
import { mountPlatformSignIn } from './platform-sign-in-routes.js';
import { clearSessionCookie, sessionToken } from './session-cookie.js';
import { admit, meView, signInBrowser } from './sign-in-session.js';

const MAX_BODY = 4 * 1024;

const digest = (s: string) => createHash('sha256').update(s).digest();

const text = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
};

/**
 * Sign-in bodies must be JSON: a cross-site HTML form can only send form or text bodies, so no other site
 * can sign a visitor in behind their back (login CSRF) — the session guard's CSRF header does not exist yet.
 */
async function signInBody(ctx: Context): Promise<Record<string, unknown>> {
  if (!ctx.is('application/json')) throw new AppError('json_only', signInText.jsonOnly, { status: 415 });
  return readJsonBody(ctx, MAX_BODY);
}

export function mountConsoleAuth(open: Router, deps: ConsoleDeps): void {
  const { db, clock } = deps.app;
  const logins = deps.platformLogins;
  const adminDigest = deps.adminToken ? digest(deps.adminToken) : null;
  const throttle = createFailureThrottle(clock);

  open.get('/login/options', async (ctx) => {
    const inWecom = isWecomClient(ctx.get('user-agent'));
    const inDingtalk = /DingTalk/i.test(ctx.get('user-agent'));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      wecom: Boolean(logins.wecom),
      dingtalk: Boolean(logins.dingtalk),
      adminToken: adminDigest !== null,
      // Inside a platform's own browser its sign-in needs no typing (WeCom's is even silent): start it.
      autoStart: inWecom && logins.wecom ? 'wecom' : inDingtalk && logins.dingtalk ? 'dingtalk' : null,
    };
  });

  open.post('/login/link', async (ctx) => {
    const body = await signInBody(ctx);
    const token = text(body.token);
    if (!token || token.length > 200) throw badRequest('link_missing', signInText.linkMissing);
    const r = await signInWithLink(db, { tenantId: deps.tenantId, token, now: clock.now(), ip: ctx.ip || null, adminToken: deps.adminToken });
    if (r.kind === 'expired') throw new AppError('link_expired', signInText.linkExpired, { status: 410 });
    if (r.kind === 'not_member') throw forbidden('not_member', signInText.notMember);
    await admit(ctx, deps, r.signedIn);
    ctx.body = meView(r.signedIn.viewer, r.signedIn.session.csrfToken, 'link', deps);
  });

  open.post('/login/token', async (ctx) => {
    if (!adminDigest) throw notFound('sign_in_unavailable', signInText.unavailable);
    const ip = ctx.ip || 'unknown';
    const waitMs = throttle.waitMs(ip);
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      ctx.set('Retry-After', String(seconds));
      throw new AppError('too_many_attempts', signInText.tooManyAttempts(seconds), { status: 429 });
    }
    const token = text((await signInBody(ctx)).token);
    if (!token) throw badRequest('token_missing', signInText.tokenMissing);
    // Hashing first makes the compare constant-time whatever length was typed.
    if (!timingSafeEqual(digest(token), adminDigest)) {
      throttle.failed(ip);
      ctx.state.log.warn({ ip }, 'console sign-in with a wrong ADMIN_TOKEN');
      throw unauthorized('wrong_token', signInText.wrongToken);
    }
    throttle.succeeded(ip);
    const signedIn = (await signInBrowser(ctx, deps, null, 'admin_token'))!;
    ctx.body = meView(signedIn.viewer, signedIn.session.csrfToken, 'admin_token', deps);
  });

  mountPlatformSignIn(open, deps, logins);
}

export function mountSessionRoutes(guarded: Router, deps: ConsoleDeps): void {
  const { db, clock } = deps.app;

  guarded.get('/me', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = meView(viewerIn(ctx), ctx.state.csrfToken as string, ctx.state.sessionVia as string, deps);
  });

  guarded.post('/logout', async (ctx) => {
    await signOut(db, sessionToken(ctx)!, viewerIn(ctx), { ip: ctx.ip || null, at: clock.now() });
    clearSessionCookie(ctx);
    ctx.body = { ok: true };
  });

  guarded.get('/audit', async (ctx) => {
    requireRole(viewerIn(ctx), 'admin');
    const limit = limitParam(text(ctx.query.limit));
    const entries = await listAudit(db, deps.tenantId, { limit, actor: text(ctx.query.actor) });
    ctx.body = { items: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
  });
}
