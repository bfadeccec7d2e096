// DingTalk HTTP client: one axios instance, the app access token (cached, single-flight, refreshed once
// on rejection) and every transport the enterprise robot needs — OpenAPI sends, sessionWebhook replies,
// custom group robots, received-file download and image upload (platforms.md §3.2–§3.6).
import axios, { type AxiosInstance } from 'axios';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { DownloadedMedia } from '../channel.js';
import { fileNameFrom } from '../file-name.js';
import { isMaxContentLengthError, MediaTooLargeError } from '../media-errors.js';
import { createTokenCache } from '../token-cache.js';
import { fetchDingtalkToken } from './access-token.js';
import { classifyDingtalkError, DingtalkApiError, EXPIRED_SESSION_ERRCODE, isTimeoutError } from './errors.js';
import { resolveContentType } from './media-type.js';
import type { RobotMessage } from './render.js';
import { signedWebhookUrl } from './sign.js';

export { DingtalkApiError, isExpiredSession } from './errors.js';

export interface DingtalkClientOptions {
  /** https://api.dingtalk.com (new OpenAPI). */
  apiBase: string;
  /** https://oapi.dingtalk.com (custom robots, media upload, sessionWebhook host). */
  oapiBase: string;
  appKey: string;
  appSecret: string;
  robotCode: string;
  timeoutMs?: number;
  clock?: Clock;
  logger: Logger;
  /** Origins a sessionWebhook may point at; defaults to oapiBase's origin. */
  sessionWebhookOrigins?: string[];
  /** Largest received file we accept (voice notes are tiny); default 20 MB, past it MediaTooLargeError. */
  maxDownloadBytes?: number;
}

export interface BatchSendResult {
  processQueryKeys: string[];
  /** Staff ids DingTalk refused (not in the org / robot not visible to them). */
  invalidStaffIds: string[];
  /** Staff ids skipped by per-user flow control; resend later. */
  flowControlledStaffIds: string[];
}

export interface DingtalkClient {
  readonly robotCode: string;
  /** Gets an access token (cached when still valid); throws when the credentials do not work. */
  checkToken(): Promise<void>;
  /** 1:1 robot messages; more than 20 users are sent in chunks of 20, in order. */
  sendToUsers(userIds: readonly string[], msg: RobotMessage): Promise<BatchSendResult>;
  sendToGroup(openConversationId: string, msg: RobotMessage): Promise<{ processQueryKey: string }>;
  /** Reply through the callback's sessionWebhook (no token). 300001 → isExpiredSession(err). */
  replyBySession(sessionWebhook: string, body: object): Promise<void>;
  /** Custom group robot; `secret` (SEC…) when 加签 is on, else null. */
  postCustomRobot(accessToken: string, secret: string | null, body: object): Promise<void>;
  downloadMessageFile(downloadCode: string): Promise<DownloadedMedia>;
  /** Uploads a PNG/JPEG and returns the media_id for sampleImageMsg.photoURL. */
  uploadImage(image: Buffer, fileName?: string): Promise<string>;
  /**
   * Member detail (topapi/v2/user/get): name, and mobile/email when the app holds the contact
   * permission; null when the member is unknown or the app may not read it (a permanent answer).
   */
  getUser(staffId: string): Promise<{ name: string | null; mobile: string | null; email: string | null } | null>;
  /** POST to an oapi endpoint with the app token (directory listings); a non-zero errcode throws DingtalkApiError. */
  oapiPost<T>(path: string, body: object): Promise<T>;
}

export const BATCH_SEND_MAX_USERS = 20; // oToMessages/batchSend: ≤20 userIds per call (platforms.md §3.5)

const PATH = {
  batchSend: '/v1.0/robot/oToMessages/batchSend',
  groupSend: '/v1.0/robot/groupMessages/send',
  download: '/v1.0/robot/messageFiles/download',
  session: '/robot/sendBySession',
  customRobot: '/robot/send',
  upload: '/media/upload',
  userGet: '/topapi/v2/user/get',
  file: '(download url)',
} as const;

type Attempt<T> = { ok: true; data: T } | { ok: false; error: DingtalkApiError };

interface Exchange {
  method: 'GET' | 'POST';
  url: string;
  /** What logs and errors show: never a query string, token or session id. */
  path: string;
  data?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export function createDingtalkClient(opts: DingtalkClientOptions): DingtalkClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const clock = opts.clock ?? systemClock;
  const log = opts.logger;
  const http: AxiosInstance = axios.create({ timeout: timeoutMs, validateStatus: () => true });
  const tokens = createTokenCache({ clock, fetchToken: () => fetchDingtalkToken(http, opts) });
  const sessionOrigins = new Set((opts.sessionWebhookOrigins ?? [opts.oapiBase]).map((u) => new URL(u).origin));
  const maxDownloadBytes = opts.maxDownloadBytes ?? 20 * 1024 * 1024;

  async function exchange<T>(req: Exchange): Promise<Attempt<T>> {
    let res;
    const started = performance.now();
    try {
      res = await http.request({ method: req.method, url: req.url, params: req.params, data: req.data, headers: req.headers });
    } catch (e) {
      return { ok: false, error: transportError(e, req.path, performance.now() - started, timeoutMs) };
    }
    return interpret<T>(res.status, res.data, req.path);
  }

  async function token(): Promise<string> {
    try {
      return await tokens.get();
    } catch (e) {
      const f = e instanceof DingtalkApiError ? { code: e.platformCode, failureClass: e.failureClass } : {};
      log.warn(f, 'dingtalk access token failed');
      throw e;
    }
  }

  async function withToken<T>(path: string, run: (token: string) => Promise<Attempt<T>>): Promise<T> {
    const first = await token();
    let result = await run(first);
    if (!result.ok && result.error.failureClass === 'token') {
      // Tokens can be revoked before expireIn; the Python SDK resets on 401 too. Refresh once, retry once.
      log.info({ path, httpStatus: result.error.httpStatus }, 'dingtalk access token rejected; refreshing');
      tokens.invalidate(first);
      result = await run(await token());
    }
    return settle(path, result);
  }

  function settle<T>(path: string, result: Attempt<T>): T {
    if (result.ok) {
      log.debug({ path }, 'dingtalk call ok');
      return result.data;
    }
    const e = result.error;
    log.warn({ path, httpStatus: e.httpStatus, code: e.platformCode, errcode: e.errcode, failureClass: e.failureClass }, 'dingtalk call failed');
    throw e;
  }

  function openApi<T>(path: string, body: object): Promise<T> {
    return withToken(path, (t) =>
      exchange<T>({ method: 'POST', url: `${opts.apiBase}${path}`, path, data: body, headers: { 'x-acs-dingtalk-access-token': t } }),
    );
  }

  async function sendToUsers(userIds: readonly string[], msg: RobotMessage): Promise<BatchSendResult> {
    const out: BatchSendResult = { processQueryKeys: [], invalidStaffIds: [], flowControlledStaffIds: [] };
    const delivered: string[] = [];
    for (let i = 0; i < userIds.length; i += BATCH_SEND_MAX_USERS) {
      const chunk = userIds.slice(i, i + BATCH_SEND_MAX_USERS);
      let res: { processQueryKey?: unknown; invalidStaffIdList?: unknown; flowControlledStaffIdList?: unknown };
      try {
        res = await openApi(PATH.batchSend, { robotCode: opts.robotCode, userIds: chunk, msgKey: msg.msgKey, msgParam: msg.msgParam });
      } catch (e) {
        // Earlier chunks already went out: a retry must skip them, so the error says who got it.
        if (e instanceof DingtalkApiError && delivered.length > 0) throw withDelivered(e, delivered, PATH.batchSend);
        throw e;
      }
      delivered.push(...chunk);
      if (typeof res.processQueryKey === 'string') out.processQueryKeys.push(res.processQueryKey);
      out.invalidStaffIds.push(...strings(res.invalidStaffIdList));
      out.flowControlledStaffIds.push(...strings(res.flowControlledStaffIdList));
    }
    return out;
  }

  async function sendToGroup(openConversationId: string, msg: RobotMessage): Promise<{ processQueryKey: string }> {
    const res = await openApi<{ processQueryKey?: unknown }>(PATH.groupSend, {
      robotCode: opts.robotCode, openConversationId, msgKey: msg.msgKey, msgParam: msg.msgParam,
    });
    return { processQueryKey: typeof res.processQueryKey === 'string' ? res.processQueryKey : '' };
  }

  async function replyBySession(sessionWebhook: string, body: object): Promise<void> {
    const path = PATH.session;
    // The URL comes from a callback payload: only ever POST to DingTalk, never to where a payload points.
    if (!isAllowedSessionUrl(sessionWebhook, sessionOrigins)) {
      throw new DingtalkApiError('sessionWebhook is not a DingTalk robot URL', { failureClass: 'permanent', path });
    }
    const result = await exchange<unknown>({ method: 'POST', url: sessionWebhook, path, data: body });
    settle(path, result);
  }

  async function postCustomRobot(accessToken: string, secret: string | null, body: object): Promise<void> {
    const path = PATH.customRobot;
    const url = signedWebhookUrl(opts.oapiBase, accessToken, secret, clock.now().getTime());
    settle(path, await exchange<unknown>({ method: 'POST', url, path, data: body }));
  }

  async function downloadMessageFile(downloadCode: string): Promise<DownloadedMedia> {
    const res = await openApi<{ downloadUrl?: unknown }>(PATH.download, { downloadCode, robotCode: opts.robotCode });
    if (typeof res.downloadUrl !== 'string' || !/^https?:\/\//i.test(res.downloadUrl)) {
      throw new DingtalkApiError(`dingtalk ${PATH.download} returned no downloadUrl`, { failureClass: 'retryable', path: PATH.download });
    }
    return settle(PATH.file, await fetchFile(res.downloadUrl));
  }

  // The downloadUrl is a pre-signed storage link: no token header goes there, and only its status decides.
  async function fetchFile(url: string): Promise<Attempt<DownloadedMedia>> {
    const path = PATH.file;
    let res;
    const started = performance.now();
    try {
      res = await http.get<ArrayBuffer>(url, { responseType: 'arraybuffer', maxContentLength: maxDownloadBytes });
    } catch (e) {
      // axios aborted the transfer at the cap; the app tells the rep to send a shorter note.
      if (isMaxContentLengthError(e)) {
        log.warn({ path, maxBytes: maxDownloadBytes }, 'dingtalk file download refused: larger than the cap');
        throw new MediaTooLargeError('dingtalk', maxDownloadBytes);
      }
      return { ok: false, error: transportError(e, path, performance.now() - started, timeoutMs) };
    }
    const bytes = Buffer.from(res.data ?? new ArrayBuffer(0));
    if (res.status < 200 || res.status >= 300) {
      const failureClass = classifyDingtalkError({ httpStatus: res.status });
      return { ok: false, error: new DingtalkApiError(`dingtalk file download failed: http ${res.status}`, { failureClass, httpStatus: res.status, path }) };
    }
    if (bytes.length === 0) {
      return { ok: false, error: new DingtalkApiError('dingtalk file download returned an empty body', { failureClass: 'retryable', path }) };
    }
    const disposition = res.headers['content-disposition'];
    const contentType = resolveContentType(String(res.headers['content-type'] ?? ''), bytes);
    return { ok: true, data: { bytes, contentType, fileName: fileNameFrom(typeof disposition === 'string' ? disposition : null) } };
  }

  // oapi /media/upload (multipart field `media`, form field `type`) — the request the official
  // Python SDK's upload_to_dingtalk makes with the new-style token; `type` also goes in the query as
  // community clients send it. Answer: {errcode:0, media_id:'@…', type, created_at}.
  async function uploadImage(image: Buffer, fileName = 'image.png'): Promise<string> {
    const path = PATH.upload;
    const contentType = resolveContentType(undefined, image);
    const res = await withToken<{ media_id?: unknown }>(path, (t) => {
      const form = new FormData();
      form.append('type', 'image');
      form.append('media', new Blob([image], { type: contentType }), fileName);
      return exchange({ method: 'POST', url: `${opts.oapiBase}${path}`, path, params: { access_token: t, type: 'image' }, data: form });
    });
    if (typeof res.media_id !== 'string' || res.media_id === '') {
      throw new DingtalkApiError(`dingtalk ${path} returned no media_id`, { failureClass: 'retryable', path });
    }
    return res.media_id;
  }

  async function getUser(staffId: string): Promise<{ name: string | null; mobile: string | null; email: string | null } | null> {
    const path = PATH.userGet;
    try {
      const res = await withToken<{ result?: { name?: unknown; mobile?: unknown; email?: unknown; org_email?: unknown } }>(path, (t) =>
        exchange({ method: 'POST', url: `${opts.oapiBase}${path}`, path, params: { access_token: t }, data: { userid: staffId, language: 'zh_CN' } }));
      const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
      const r = res.result ?? {};
      return { name: text(r.name), mobile: text(r.mobile), email: text(r.email) ?? text(r.org_email) };
    } catch (e) {
      // 60121 unknown member, 88/60011 no contact permission: asking again will not change the answer.
      if (e instanceof DingtalkApiError && e.failureClass === 'permanent') return null;
      throw e;
    }
  }

  function oapiPost<T>(path: string, body: object): Promise<T> {
    return withToken<T>(path, (t) => exchange({ method: 'POST', url: `${opts.oapiBase}${path}`, path, params: { access_token: t }, data: body }));
  }

  const checkToken = async (): Promise<void> => void (await token());
  return { robotCode: opts.robotCode, sendToUsers, sendToGroup, replyBySession, postCustomRobot, downloadMessageFile, uploadImage, getUser, oapiPost, checkToken };
}

/**
 * One reading for both answer styles: success is a 2xx JSON object whose errcode is absent or 0;
 * otherwise {code, message} (OpenAPI) or {errcode, errmsg, sub_code} (oapi/webhooks) classify it.
 */
function interpret<T>(status: number, data: unknown, path: string): Attempt<T> {
  const body = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  const errcode = toInt(body?.errcode);
  if (status >= 200 && status < 300 && body && (errcode ?? 0) === 0) return { ok: true, data: body as T };
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const subCode = body?.sub_code === undefined ? undefined : String(body.sub_code);
  const failureClass = classifyDingtalkError({ httpStatus: status, code, errcode, subCode });
  const expiredSession = path === PATH.session && errcode === EXPIRED_SESSION_ERRCODE;
  const text = [body?.message, body?.errmsg].find((v): v is string => typeof v === 'string');
  const reason = code ?? (errcode !== undefined ? `errcode ${errcode}` : 'no code');
  const message = `dingtalk ${path} failed: http ${status} ${reason}${text ? ` ${text.slice(0, 200)}` : ''}`;
  return { ok: false, error: new DingtalkApiError(message, { failureClass, httpStatus: status, code, errcode, path, expiredSession }) };
}

function transportError(e: unknown, path: string, elapsedMs: number, timeoutMs: number): DingtalkApiError {
  const timeout = isTimeoutError(e, elapsedMs, timeoutMs);
  const failureClass = classifyDingtalkError({ timeout, network: !timeout });
  return new DingtalkApiError(`dingtalk ${path} ${timeout ? 'timed out' : 'network error'}`, { failureClass, path });
}

function withDelivered(e: DingtalkApiError, delivered: readonly string[], path: string): DingtalkApiError {
  return new DingtalkApiError(e.message, {
    failureClass: e.failureClass, httpStatus: e.httpStatus, code: e.platformCode, errcode: e.errcode, path, deliveredUserIds: [...delivered],
  });
}

function isAllowedSessionUrl(raw: string, origins: ReadonlySet<string>): boolean {
  try {
    const u = new URL(raw);
    return (u.protocol === 'https:' || u.protocol === 'http:') && origins.has(u.origin) && u.pathname === PATH.session;
  } catch {
    return false;
  }
}

function toInt(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) return Number(v);
  return undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
