// WeCom server-API client: one axios instance, access_token handling and errcode classification.
// WeCom answers HTTP 200 even on failure, so success is decided on errcode (WC/90455).
import axios, { type AxiosInstance } from 'axios';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { classifyWecomError, isTimeoutError, WecomApiError } from './errors.js';
import { createTokenCache, fetchWecomToken } from './token-cache.js';

export { WecomApiError } from './errors.js';

export interface WecomClientOptions {
  apiBase: string;
  corpId: string;
  secret: string;
  agentId: number;
  timeoutMs?: number;
  clock?: Clock;
  logger: Logger;
}

export interface WecomCallOptions {
  query?: Record<string, string | number>;
  body?: unknown;
}

export interface WecomClient {
  readonly agentId: number;
  call<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, opts?: WecomCallOptions): Promise<T>;
  getUser(userId: string): Promise<{ userid: string; name: string } | null>;
}

/** user/get answers these when the member is unknown or outside the app's visibility. */
const USER_UNREADABLE = new Set([
  40003, // invalid UserID
  46004, // member does not exist
  48002, // API not permitted for this app
  50002, // member outside the app's visibility (成员不在权限范围)
  60011, // no privilege to access the member/department/tag
  60111, // UserID not found
]);

type Attempt<T> = { ok: true; data: T } | { ok: false; error: WecomApiError };

export function createWecomClient(opts: WecomClientOptions): WecomClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const http: AxiosInstance = axios.create({
    timeout: timeoutMs,
    validateStatus: () => true,
  });
  const log = opts.logger;
  const tokens = createTokenCache({
    clock: opts.clock ?? systemClock,
    fetchToken: () => fetchWecomToken(http, opts),
  });

  // `path` never contains a query string, so it is the only URL part that reaches logs and errors.
  async function attempt<T>(method: 'GET' | 'POST', path: string, o: WecomCallOptions, token: string): Promise<Attempt<T>> {
    let res;
    const started = performance.now();
    try {
      res = await http.request({
        method,
        url: `${opts.apiBase}${path}`,
        params: { ...o.query, access_token: token },
        data: o.body,
      });
    } catch (e) {
      const timeout = isTimeoutError(e, performance.now() - started, timeoutMs);
      const failureClass = classifyWecomError({ timeout, network: !timeout });
      return { ok: false, error: new WecomApiError(`wecom ${path} ${timeout ? 'timed out' : 'network error'}`, { failureClass, path }) };
    }
    const body = res.data as { errcode?: unknown; errmsg?: unknown } | undefined;
    const errcode = typeof body?.errcode === 'number' ? body.errcode : undefined;
    const isObject = typeof body === 'object' && body !== null;
    if (res.status >= 200 && res.status < 300 && isObject && (errcode ?? 0) === 0) return { ok: true, data: body as T };
    const failureClass = classifyWecomError({ errcode, httpStatus: res.status });
    const errmsg = typeof body?.errmsg === 'string' ? ` ${body.errmsg}` : '';
    const message = `wecom ${path} failed: http ${res.status} errcode ${errcode ?? 'none'}${errmsg}`;
    return { ok: false, error: new WecomApiError(message, { failureClass, errcode, httpStatus: res.status, path }) };
  }

  async function token(): Promise<string> {
    try {
      return await tokens.get();
    } catch (e) {
      const f = e instanceof WecomApiError ? { errcode: e.errcode, failureClass: e.failureClass } : {};
      log.warn(f, 'wecom gettoken failed');
      throw e;
    }
  }

  async function call<T>(method: 'GET' | 'POST', path: string, o: WecomCallOptions = {}): Promise<T> {
    const first = await token();
    let result = await attempt<T>(method, path, o, first);
    if (!result.ok && result.error.failureClass === 'token') {
      // Tokens can be revoked before expires_in (WC/91039): refresh once, retry once.
      log.info({ path, errcode: result.error.errcode }, 'wecom access_token rejected; refreshing');
      tokens.invalidate(first);
      result = await attempt<T>(method, path, o, await token());
    }
    if (result.ok) {
      log.debug({ method, path }, 'wecom call ok');
      return result.data;
    }
    const e = result.error;
    log.warn({ method, path, errcode: e.errcode, httpStatus: e.httpStatus, failureClass: e.failureClass }, 'wecom call failed');
    throw e;
  }

  async function getUser(userId: string): Promise<{ userid: string; name: string } | null> {
    try {
      const u = await call<{ userid?: string; name?: string }>('GET', '/cgi-bin/user/get', { query: { userid: userId } });
      return { userid: u.userid ?? userId, name: u.name ?? '' };
    } catch (e) {
      if (e instanceof WecomApiError && e.errcode !== undefined && USER_UNREADABLE.has(e.errcode)) return null;
      throw e;
    }
  }

  return { agentId: opts.agentId, call, getUser };
}
