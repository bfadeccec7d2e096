// WeCom failure classification (pure) and the error the WeCom client throws.
// Decide on errcode, never on errmsg (WC/90455 全局错误码; internal-app copy WC/90313).
import { AppError } from '../../shared/errors.js';

/** 'token' means: invalidate the cached access_token, refresh once and retry once. */
export type WecomFailureClass = 'token' | 'retryable' | 'rate_limited' | 'permanent';

export interface WecomFailure {
  errcode?: number;
  httpStatus?: number;
  timeout?: boolean;
  network?: boolean;
}

const TOKEN_CODES = new Set([
  40001, // invalid secret, or access_token invalid (on normal calls WeCom uses it for a bad token)
  40014, // invalid access_token (revoked early, or from another app)
  41001, // access_token missing
  42001, // access_token expired (tokens may be invalidated before expires_in, WC/91039)
]);

const RETRYABLE_CODES = new Set([
  -1, // system busy — the only code WC/90455 says to retry (≤3 times)
]);

const RATE_LIMIT_CODES = new Set([
  45009, // API call over frequency limit; minute blocks clear after 60 s (WC/90454)
  45033, // concurrent-call limit
  45011, // "API 调用太频繁，请稍候再试" — WeChat-family minute quota, seen on shared endpoints
  45047, // "下行条数超过上限" — WeChat-family send quota; back off rather than dead-letter
]);
// Not rate limits, deliberately permanent: 45035 is "access clientip is not registered, not in
// ip-white-list" in the WeChat code table (an IP allow-list config error, like 60020), and the
// WeCom table (WC/90455) does not list it at all. Other permanent examples: 40003 invalid UserID,
// 40008 invalid msgtype, 45002 content too long, 60020 IP not in 企业可信IP, 81013 every recipient
// invalid, 86xxx appchat errors (chatid invalid / not created by this app), 93000 bad webhook key.

export function classifyWecomError(f: WecomFailure): WecomFailureClass {
  if (f.timeout || f.network) return 'retryable';
  if (f.httpStatus !== undefined && f.httpStatus >= 500) return 'retryable';
  if (f.httpStatus === 429) return 'rate_limited';
  if (f.errcode !== undefined) {
    if (TOKEN_CODES.has(f.errcode)) return 'token';
    if (RETRYABLE_CODES.has(f.errcode)) return 'retryable';
    if (RATE_LIMIT_CODES.has(f.errcode)) return 'rate_limited';
    return 'permanent';
  }
  // A non-2xx without an errcode (e.g. a proxy's 404 page) will not fix itself on retry.
  if (f.httpStatus !== undefined && (f.httpStatus < 200 || f.httpStatus >= 300)) return 'permanent';
  // 2xx without a usable errcode body: an unreadable answer, most likely transient.
  return 'retryable';
}

/**
 * Whether a transport error was our timeout. axios reports ECONNABORTED/ETIMEDOUT when nothing
 * arrived, but if headers came and the body stalled it reports "stream has been aborted"
 * (ERR_BAD_RESPONSE), so the elapsed time decides too.
 */
export function isTimeoutError(e: unknown, elapsedMs: number, timeoutMs: number): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || (timeoutMs > 0 && elapsedMs >= timeoutMs);
}

/** A failed WeCom API call. Never carries the access_token or secret (no axios error as cause). */
export class WecomApiError extends AppError {
  readonly errcode?: number;
  readonly httpStatus?: number;
  readonly failureClass: WecomFailureClass;

  constructor(
    message: string,
    opts: { failureClass: WecomFailureClass; errcode?: number; httpStatus?: number; path: string },
  ) {
    super('wecom_api_error', message, {
      status: 502,
      expose: false,
      details: { path: opts.path, errcode: opts.errcode, httpStatus: opts.httpStatus },
    });
    this.name = 'WecomApiError';
    this.errcode = opts.errcode;
    this.httpStatus = opts.httpStatus;
    this.failureClass = opts.failureClass;
  }
}
