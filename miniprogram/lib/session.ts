// The WeCom login session: kept in wx storage, treated as expired a minute before expiresAt (clock
// skew, slow networks), renewed through wx.qy.login → POST /mp/login. One login at a time: every
// caller that needs a session while a login runs waits for that same login.
import type { LoginRequest, LoginResponse } from '../../src/shared/mp-api.js';
import { ApiError } from './api-error.js';
import { requireQy } from './env.js';
import { apiUrl, sendJson, unwrap } from './request.js';
import type { Wx, WxQy } from './wx-facade.js';

export const SESSION_STORAGE_KEY = 'zhanbao.mp.session';
export const EXPIRY_MARGIN_MS = 60_000;

export interface SessionDeps {
  wx: Pick<Wx, 'qy' | 'request' | 'getStorageSync' | 'setStorageSync' | 'removeStorageSync'>;
  apiBase: string;
  timeoutMs: number;
  now?: () => number;
}

export interface Session {
  /** The stored login while it is still usable, else null. */
  current(): LoginResponse | null;
  /** A usable login (its `session` is the bearer token): the stored one, or a fresh one. */
  ensure(): Promise<LoginResponse>;
  /**
   * A token other than `rejected` (which the server just refused): joins a login in flight, reuses
   * one another caller already obtained, or logs in.
   */
  renew(rejected: string): Promise<LoginResponse>;
  clear(): void;
}

export function createSession(deps: SessionDeps): Session {
  const now = deps.now ?? Date.now;
  let inflight: Promise<LoginResponse> | null = null;
  // Fallback when storage refuses the write (wx storage is capped per user), so a full storage
  // does not turn every call into a fresh wx.qy.login.
  let memory: LoginResponse | null = null;

  const current = (): LoginResponse | null => {
    const stored = readStored(deps.wx.getStorageSync(SESSION_STORAGE_KEY)) ?? memory;
    return stored && !isExpired(stored, now()) ? stored : null;
  };

  const clear = (): void => {
    memory = null;
    deps.wx.removeStorageSync(SESSION_STORAGE_KEY);
  };

  const save = (res: LoginResponse): void => {
    memory = res;
    try {
      deps.wx.setStorageSync(SESSION_STORAGE_KEY, res);
    } catch {
      // kept in memory for this app run
    }
  };

  const login = (): Promise<LoginResponse> => {
    if (!inflight) {
      inflight = loginOnce(deps).then(
        (res) => {
          inflight = null;
          save(res);
          return res;
        },
        (err: unknown) => {
          inflight = null;
          throw err;
        },
      );
    }
    return inflight;
  };

  return {
    current,
    clear,
    ensure() {
      if (inflight) return inflight;
      const cur = current();
      return cur ? Promise.resolve(cur) : login();
    },
    renew(rejected) {
      if (inflight) return inflight;
      const cur = current();
      if (cur && cur.session !== rejected) return Promise.resolve(cur);
      clear();
      return login();
    },
  };
}

export function isExpired(s: Pick<LoginResponse, 'expiresAt'>, nowMs: number): boolean {
  const at = Date.parse(s.expiresAt);
  return Number.isNaN(at) || at - EXPIRY_MARGIN_MS <= nowMs;
}

async function loginOnce(deps: SessionDeps): Promise<LoginResponse> {
  const code = await qyLoginCode(requireQy(deps.wx));
  const body: LoginRequest = { code };
  const res = await sendJson(deps.wx, {
    url: apiUrl(deps.apiBase, '/mp/login'),
    method: 'POST',
    body,
    timeoutMs: deps.timeoutMs,
  });
  const login = unwrap<LoginResponse>(res);
  const checked = readStored(login);
  if (!checked) throw new ApiError(res.status, 'bad_response', 'login answer lacks session/expiresAt/user');
  return checked;
}

// The code is valid five minutes and single-use (platforms.md §4.1): fetch it right before use.
function qyLoginCode(qy: WxQy): Promise<string> {
  return new Promise((resolve, reject) => {
    qy.login({
      success: (res) => {
        if (typeof res.code === 'string' && res.code) resolve(res.code);
        else reject(new ApiError(0, 'wx_login_failed', 'wx.qy.login gave no code'));
      },
      fail: (err) => reject(new ApiError(0, 'wx_login_failed', err.errMsg)),
    });
  });
}

// Storage survives app updates, so whatever is there may come from an older build or be corrupt.
function readStored(value: unknown): LoginResponse | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<LoginResponse>;
  if (typeof v.session !== 'string' || !v.session) return null;
  if (typeof v.expiresAt !== 'string') return null;
  if (typeof v.user !== 'object' || v.user === null || typeof v.user.id !== 'string') return null;
  return { session: v.session, expiresAt: v.expiresAt, user: v.user };
}
