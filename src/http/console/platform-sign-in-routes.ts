// WeCom and DingTalk sign-in: GET /login/<platform>?next=… sends the browser to the platform with a state
// bound to it; GET /login/<platform>/callback checks the state, asks the platform who came back, and opens
// a session for the person behind that account. Every failure lands on the sign-in page with a reason code
// (?error=…) the page explains in Chinese; nothing is signed in on any of them.
import type Router from '@koa/router';
import type { Context } from 'koa';
import { viewerOfAccount, type PlatformLogins, type SignInChannel } from '../../app/console/sign-in/platform-sign-in.js';
import { appRoute, CONSOLE_HOME, safeNext } from '../../app/console/sign-in/sign-in-next.js';
import { signIn } from '../../app/console/sign-in/sign-in.js';
import type { ConsoleDeps } from './console-deps.js';
import { admit } from './sign-in-session.js';
import { startSignInState, takeSignInState } from './sign-in-state-cookie.js';

/** Why a platform sign-in ended on the sign-in page (the page words each one). */
export type SignInFailure = 'unavailable' | 'state' | 'denied' | 'not_member' | 'platform';

const CHANNELS: readonly SignInChannel[] = ['wecom', 'dingtalk'];

const text = (v: unknown): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
};

function toSignInPage(ctx: Context, error: SignInFailure, next: string): void {
  const q = new URLSearchParams({ error });
  if (next !== CONSOLE_HOME) q.set('next', appRoute(next));
  ctx.redirect(`/console/login?${q}`);
}

export function mountPlatformSignIn(open: Router, deps: ConsoleDeps, logins: PlatformLogins): void {
  for (const channel of CHANNELS) {
    open.get(`/login/${channel}`, async (ctx) => {
      const next = safeNext(text(ctx.query.next));
      const login = logins[channel];
      if (!login) return toSignInPage(ctx, 'unavailable', next);
      const state = startSignInState(ctx, channel, next);
      // Back to the host the browser used, where the state cookie lives; the platform accepts it only
      // if it is the app's trusted domain (README: console sign-in).
      const redirectUri = `${ctx.protocol}://${ctx.host}${ctx.path}/callback`;
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect(login.authorizeUrl({ redirectUri, state, userAgent: ctx.get('user-agent') }));
    });

    open.get(`/login/${channel}/callback`, async (ctx) => {
      const log = ctx.state.log;
      const login = logins[channel];
      const saved = takeSignInState(ctx, channel, text(ctx.query.state));
      ctx.set('Cache-Control', 'no-store');
      if (!login) return toSignInPage(ctx, 'unavailable', CONSOLE_HOME);
      if (!saved) {
        log.warn({ channel }, 'console sign-in refused: state missing or different');
        return toSignInPage(ctx, 'state', CONSOLE_HOME);
      }
      // DingTalk answers ?authCode= (and ?error= when the person declines); WeCom ?code=.
      const code = channel === 'dingtalk' ? (text(ctx.query.authCode) ?? text(ctx.query.code)) : text(ctx.query.code);
      if (!code) return toSignInPage(ctx, 'denied', saved.next);
      let visitor;
      try {
        visitor = await login.visitorOf(code);
      } catch (err) {
        log.warn({ err, channel }, 'console sign-in: the platform did not confirm the code');
        return toSignInPage(ctx, 'platform', saved.next);
      }
      const { db, clock } = deps.app;
      const viewer = visitor.kind === 'member' ? await viewerOfAccount(db, deps.tenantId, channel, visitor.userId) : null;
      if (!viewer?.userId) {
        log.info({ channel, member: visitor.kind === 'member' }, 'console sign-in refused: not a person Zhanbao knows');
        return toSignInPage(ctx, 'not_member', saved.next);
      }
      const signedIn = await signIn(db, { tenantId: deps.tenantId, userId: viewer.userId, via: channel, now: clock.now(), ip: ctx.ip || null, adminToken: deps.adminToken });
      if (!signedIn) return toSignInPage(ctx, 'not_member', saved.next);
      await admit(ctx, deps, signedIn);
      ctx.redirect(saved.next);
    });
  }
}
