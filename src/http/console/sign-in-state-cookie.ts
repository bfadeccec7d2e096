// OAuth state for WeCom and DingTalk sign-in, bound to the browser that started it (login CSRF): a random
// state goes to the platform and, with the page to return to, into a short-lived HttpOnly cookie scoped to
// the sign-in routes. The callback is accepted only when both agree, and the cookie is spent either way.
import { randomBytes } from 'node:crypto';
import { sameSecret } from '../../shared/same-secret.js';
import type { Context } from 'koa';
import type { SignInChannel } from '../../app/console/sign-in/platform-sign-in.js';
import { safeNext } from '../../app/console/sign-in/sign-in-next.js';

const STATE_COOKIE = 'zb_sign_in';
const STATE_PATH = '/console/api/login';
/** Long enough to scan a QR code and confirm on the phone; WeCom's code itself lives 5 minutes. */
const STATE_MINUTES = 10;

interface SavedState {
  s: string;
  c: SignInChannel;
  n: string;
}

const cookieOptions = (ctx: Context) => ({ httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, path: STATE_PATH, overwrite: true });

/** A new state for this browser; returns the value to send to the platform. */
export function startSignInState(ctx: Context, channel: SignInChannel, next: string): string {
  const state = randomBytes(24).toString('base64url');
  const saved: SavedState = { s: state, c: channel, n: next };
  ctx.cookies.set(STATE_COOKIE, Buffer.from(JSON.stringify(saved)).toString('base64url'), { ...cookieOptions(ctx), maxAge: STATE_MINUTES * 60_000 });
  return state;
}

/**
 * Spends the browser's state. Returns where to go next when `presented` is the state this browser started
 * for `channel`; null when it is missing, expired, for another platform or different.
 */
export function takeSignInState(ctx: Context, channel: SignInChannel, presented: string | undefined): { next: string } | null {
  const raw = ctx.cookies.get(STATE_COOKIE);
  if (raw) ctx.cookies.set(STATE_COOKIE, '', { ...cookieOptions(ctx), maxAge: 0 });
  const saved = raw ? parse(raw) : null;
  if (!saved || saved.c !== channel || !presented || !sameSecret(saved.s, presented)) return null;
  return { next: safeNext(saved.n) };
}

function parse(raw: string): SavedState | null {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<SavedState>;
    return typeof v.s === 'string' && typeof v.c === 'string' && typeof v.n === 'string' ? (v as SavedState) : null;
  } catch {
    return null;
  }
}
