// WeCom server-API client: one axios instance, access_token handling and errcode classification.
// WeCom answers HTTP 200 even on failure, so success is decided on errcode (WC/90455).
import axios, { type AxiosInstance } from 'axios';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { classifyWecomError, isTimeoutError, WecomApiError } from './errors.js';
import { isMaxContentLengthError, MediaTooLargeError } from '../media-errors.js';
import { createTokenCache } from '../token-cache.js';
import { fetchWecomToken } from './token-cache.js';

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

/** A binary answer (media/get): the bytes and the headers that describe them. */
export interface WecomDownload {
  bytes: Buffer;
  contentType: string;
  contentDisposition: string | null;
}

export interface WecomClient {
  readonly agentId: number;
  /** Gets an access token (cached when still valid); throws when the credentials do not work. */
  checkToken(): Promise<void>;
  call<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, opts?: WecomCallOptions): Promise<T>;
  /**
   * GET raw bytes with the same token handling as `call`; a JSON errcode body is thrown as WecomApiError.
   * Past `maxBytes` (default 20 MB, media/get's limit for one request) the transfer is aborted and
   * MediaTooLargeError thrown.
   */
  download(path: string, query?: Record<string, string | number>, opts?: { maxBytes?: number }): Promise<WecomDownload>;
  postWebhook(key: string, body: Record<string, unknown>): Promise<void>;
  /** media/upload (temporary media, valid 3 days): returns the media_id. */
  uploadMedia(type: 'image' | 'voice' | 'file', file: { bytes: Buffer; fileName: string; contentType: string }): Promise<string>;
  /** user/get; mobile and email come only to apps allowed to read them (empty otherwise). */
  getUser(userId: string): Promise<{ userid: string; name: string; mobile: string | null; email: string | null } | null>;
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

/** media/get serves at most 20 MB per request (larger files need Range requests, WC/96486). */
const DEFAULT_MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

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
  async function attempt<T>(method: 'GET' | 'POST', path: string, o: WecomCallOptions, token: string | null): Promise<Attempt<T>> {
    let res;
    const started = performance.now();
    try {
      res = await http.request({
        method,
        url: `${opts.apiBase}${path}`,
        params: token === null ? o.query : { ...o.query, access_token: token },
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

  // media/get answers raw bytes, or WeCom's JSON error with HTTP 200 (platforms.md §2.4), so the
  // body is only parsed when the headers or the first byte say it is JSON.
  async function attemptDownload(path: string, query: Record<string, string | number>, token: string, maxBytes: number): Promise<Attempt<WecomDownload>> {
    let res;
    const started = performance.now();
    try {
      res = await http.request<ArrayBuffer>({
        method: 'GET',
        url: `${opts.apiBase}${path}`,
        params: { ...query, access_token: token },
        responseType: 'arraybuffer',
        // axios counts the bytes as they stream in and destroys the response once past the cap.
        maxContentLength: maxBytes,
      });
    } catch (e) {
      if (isMaxContentLengthError(e)) {
        log.warn({ path, maxBytes }, 'wecom download refused: larger than the cap');
        throw new MediaTooLargeError('wecom', maxBytes);
      }
      const timeout = isTimeoutError(e, performance.now() - started, timeoutMs);
      const failureClass = classifyWecomError({ timeout, network: !timeout });
      return { ok: false, error: new WecomApiError(`wecom ${path} ${timeout ? 'timed out' : 'network error'}`, { failureClass, path }) };
    }
    const bytes = Buffer.from(res.data ?? new ArrayBuffer(0));
    const contentType = String(res.headers['content-type'] ?? '').toLowerCase();
    const disposition = res.headers['content-disposition'];
    const error = parseErrorBody(bytes, contentType);
    if (res.status >= 200 && res.status < 300 && !error) {
      return { ok: true, data: { bytes, contentType, contentDisposition: typeof disposition === 'string' ? disposition : null } };
    }
    const errcode = error?.errcode;
    // errcode 0 in a JSON body is still not the file we asked for: treat it as an unreadable answer.
    const failureClass = classifyWecomError({ errcode: errcode === 0 ? undefined : errcode, httpStatus: res.status });
    const errmsg = error?.errmsg ? ` ${error.errmsg}` : '';
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

  async function withToken<T>(path: string, run: (token: string) => Promise<Attempt<T>>): Promise<Attempt<T>> {
    const first = await token();
    const result = await run(first);
    if (result.ok || result.error.failureClass !== 'token') return result;
    // Tokens can be revoked before expires_in (WC/91039): refresh once, retry once.
    log.info({ path, errcode: result.error.errcode }, 'wecom access_token rejected; refreshing');
    tokens.invalidate(first);
    return run(await token());
  }

  async function call<T>(method: 'GET' | 'POST', path: string, o: WecomCallOptions = {}): Promise<T> {
    const result = await withToken(path, (t) => attempt<T>(method, path, o, t));
    if (result.ok) {
      log.debug({ method, path }, 'wecom call ok');
      return result.data;
    }
    const e = result.error;
    log.warn({ method, path, errcode: e.errcode, httpStatus: e.httpStatus, failureClass: e.failureClass }, 'wecom call failed');
    throw e;
  }

  async function download(path: string, query: Record<string, string | number> = {}, o: { maxBytes?: number } = {}): Promise<WecomDownload> {
    const maxBytes = o.maxBytes ?? DEFAULT_MAX_DOWNLOAD_BYTES;
    const result = await withToken(path, (t) => attemptDownload(path, query, t, maxBytes));
    if (result.ok) {
      log.debug({ path, bytes: result.data.bytes.length }, 'wecom download ok');
      return result.data;
    }
    const e = result.error;
    log.warn({ method: 'GET', path, errcode: e.errcode, httpStatus: e.httpStatus, failureClass: e.failureClass }, 'wecom download failed');
    throw e;
  }

  async function getUser(userId: string): Promise<{ userid: string; name: string; mobile: string | null; email: string | null } | null> {
    try {
      const u = await call<{ userid?: string; name?: string; mobile?: string; email?: string; biz_mail?: string }>(
        'GET', '/cgi-bin/user/get', { query: { userid: userId } });
      return { userid: u.userid ?? userId, name: u.name ?? '', mobile: u.mobile || null, email: u.email || u.biz_mail || null };
    } catch (e) {
      if (e instanceof WecomApiError && e.errcode !== undefined && USER_UNREADABLE.has(e.errcode)) return null;
      throw e;
    }
  }

  /** Group robot webhook (WC/91770): authenticated by its key, no access token. */
  async function postWebhook(key: string, body: Record<string, unknown>): Promise<void> {
    const path = '/cgi-bin/webhook/send';
    const result = await attempt<unknown>('POST', path, { query: { key }, body }, null);
    if (result.ok) return;
    const e = result.error;
    log.warn({ path, errcode: e.errcode, httpStatus: e.httpStatus, failureClass: e.failureClass }, 'wecom webhook failed');
    throw e;
  }

  /** Multipart field `media` with a file name, as media/upload requires (WC/96484, platforms.md §2.4). */
  async function uploadMedia(type: 'image' | 'voice' | 'file', file: { bytes: Buffer; fileName: string; contentType: string }): Promise<string> {
    const form = new FormData();
    form.append('media', new Blob([file.bytes], { type: file.contentType }), file.fileName);
    const res = await call<{ media_id?: unknown }>('POST', '/cgi-bin/media/upload', { query: { type }, body: form });
    if (typeof res.media_id !== 'string' || !res.media_id) {
      throw new WecomApiError('wecom /cgi-bin/media/upload answered without media_id', { failureClass: 'retryable', path: '/cgi-bin/media/upload' });
    }
    return res.media_id;
  }

  const checkToken = async (): Promise<void> => void (await token());
  return { agentId: opts.agentId, call, download, getUser, postWebhook, uploadMedia, checkToken };
}

/**
 * WeCom's JSON error in place of a file. A JSON content type is always an error answer; otherwise
 * (text/plain from some gateways, or no type) only a body that parses to an object with an errcode.
 */
function parseErrorBody(bytes: Buffer, contentType: string): { errcode?: number; errmsg?: string } | null {
  const declaredJson = contentType.includes('json');
  const maybeJson = declaredJson || contentType.startsWith('text/') || bytes.subarray(0, 1).toString() === '{';
  if (!maybeJson || bytes.length > 64 * 1024) return null;
  let body: { errcode?: unknown; errmsg?: unknown };
  try {
    body = JSON.parse(bytes.toString('utf8')) as typeof body;
  } catch {
    return declaredJson ? {} : null;
  }
  if (typeof body !== 'object' || body === null) return declaredJson ? {} : null;
  const errcode = typeof body.errcode === 'number' ? body.errcode : undefined;
  if (!declaredJson && errcode === undefined) return null;
  return { errcode, errmsg: typeof body.errmsg === 'string' ? body.errmsg : undefined };
}
