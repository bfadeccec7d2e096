// Are we inside the WeCom client? wx.qy.login — the only login this app has — exists only there
// (platforms.md §4.1). Outside WeCom pages show MSG.openInWeCom instead of calling it.
import { ApiError } from './api-error.js';
import { MSG } from './messages.js';
import type { Wx, WxQy } from './wx-facade.js';

export interface RuntimeEnv {
  /** wx.qy.login is callable. */
  canLogin: boolean;
  /** getSystemInfoSync().environment === 'wxwork'. */
  reportsWxwork: boolean;
  /** Either signal: the WeCom DevTools simulator exposes wx.qy without the environment flag. */
  inWeCom: boolean;
}

export function detectEnv(wx: Pick<Wx, 'qy' | 'getSystemInfoSync'>): RuntimeEnv {
  const canLogin = typeof wx.qy?.login === 'function';
  let reportsWxwork = false;
  try {
    reportsWxwork = wx.getSystemInfoSync().environment === 'wxwork';
  } catch {
    // Some base-library versions throw here in DevTools; wx.qy alone still decides.
  }
  return { canLogin, reportsWxwork, inWeCom: canLogin || reportsWxwork };
}

/** The user-facing blocker, or null when the app can work. */
export function envBlocker(env: RuntimeEnv): string | null {
  return env.canLogin ? null : MSG.openInWeCom;
}

/** wx.qy, or an ApiError('not_in_wecom') so callers never reach an undefined login. */
export function requireQy(wx: Pick<Wx, 'qy'>): WxQy {
  const qy = wx.qy;
  if (!qy || typeof qy.login !== 'function') throw new ApiError(0, 'not_in_wecom', MSG.openInWeCom);
  return qy;
}
