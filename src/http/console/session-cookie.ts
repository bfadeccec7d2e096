// The console session cookie: HttpOnly (scripts never see it), SameSite=Lax (no cross-site POSTs carry it),
// Secure whenever the request came over https (directly or through the proxy's X-Forwarded-Proto).
import type { Context } from 'koa';
import type { OpenedSession } from '../../app/console/sessions.js';

export const SESSION_COOKIE = 'zb_console';

export function setSessionCookie(ctx: Context, session: OpenedSession): void {
  ctx.cookies.set(SESSION_COOKIE, session.token, {
    httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/console', expires: session.expiresAt, overwrite: true,
  });
}

export function clearSessionCookie(ctx: Context): void {
  ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/console', maxAge: 0, overwrite: true });
}

export const sessionToken = (ctx: Context): string | null => ctx.cookies.get(SESSION_COOKIE) || null;
