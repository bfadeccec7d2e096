// DingTalk failure classification (pure) and the error the DingTalk client throws.
// Two answer styles: the new OpenAPI (api.dingtalk.com) fails with HTTP 4xx/5xx + {code, message, requestid};
// the old oapi / robot webhooks answer HTTP 200 + {errcode, errmsg} (errcode 88 adds sub_code/sub_msg).
import { AppError } from '../../shared/errors.js';

/** 'token' means: invalidate the cached access token, refresh once and retry once. */
export type DingtalkFailureClass = 'token' | 'retryable' | 'rate_limited' | 'permanent';

export interface DingtalkFailure {
  httpStatus?: number;
  /** New-style string code, e.g. 'InvalidAuthentication', 'Throttling.Api', 'invalidParameter.userIds.overMax'. */
  code?: string;
  /** Old-style numeric errcode (oapi, sessionWebhook, custom robot). */
  errcode?: number;
  /** oapi errcode 88 carries the real reason here (e.g. '60011' no permission, '90018' flow control). */
  subCode?: string;
  timeout?: boolean;
  network?: boolean;
}

// oapi access-token errors (DingTalk global code table, same numbers as WeChat's): the Python SDK's
// upload_to_dingtalk also resets its token on these answers.
const TOKEN_ERRCODES = new Set([
  40014, // 不合法的 access_token
  41001, // access_token 缺失
  42001, // access_token 已过期
]);

const RETRYABLE_ERRCODES = new Set([
  -1, // 系统繁忙 — "retry once, at most 3 times" (global code table)
]);

// Flow control ("调用频率限制", help.dingtalk.io/open/development/call-frequency-limit and the
// Chinese original): the platform blocks for a while, so back off instead of retrying at once.
const RATE_LIMIT_ERRCODES = new Set([
  130101, // custom robot / sessionWebhook: "send too fast, exceed 20 times per minute"; throttled ~10 min (platforms.md §3.6)
  90002, // global per-API QPS across all orgs exceeded
  90018, // this org/app calls the API too often; requests temporarily refused
  90019, // third-party app: ≤40 calls/s per authorised org per API exceeded
]);

/** sessionWebhook answer when the session has expired (platforms.md §3.4; agentscope#1317 "session 不存在"). */
export const EXPIRED_SESSION_ERRCODE = 300001;
// Deliberately permanent (examples): 310000 sign/keyword/IP check failed on a custom robot,
// 300001 on /robot/send ("token is not exist": wrong custom-robot access_token), 460101 body over
// 20 000 bytes, 400102 robot disabled, 60011 (88/sub_code) no permission, 90020 the org's monthly API
// quota is used up (nothing changes until next month), 90030 "webhook over limit" (monthly robot
// quota on some editions — unverified, platforms.md §3.6).

export function classifyDingtalkError(f: DingtalkFailure): DingtalkFailureClass {
  if (f.timeout || f.network) return 'retryable';
  if (f.httpStatus !== undefined && f.httpStatus >= 500) return 'retryable';
  // The Python SDK resets its token on any HTTP 401 (stream.py reset_access_token).
  if (f.httpStatus === 401 || f.code === 'InvalidAuthentication') return 'token';
  if (f.httpStatus === 429 || (f.code !== undefined && isThrottlingCode(f.code))) return 'rate_limited';
  if (f.errcode !== undefined && f.errcode !== 0) return classifyErrcode(f.errcode, f.subCode);
  if (f.code !== undefined) return 'permanent';
  // A non-2xx without any code (a proxy's error page) will not fix itself on retry.
  if (f.httpStatus !== undefined && (f.httpStatus < 200 || f.httpStatus >= 300)) return 'permanent';
  // 2xx without a usable body: an unreadable answer, most likely transient.
  return 'retryable';
}

function classifyErrcode(errcode: number, subCode: string | undefined): DingtalkFailureClass {
  // 88 = "鉴权异常 / 请求失败, see sub_code" (global code table): classify by the sub_code.
  if (errcode === 88 && subCode !== undefined && /^-?\d+$/.test(subCode)) {
    const sub = Number(subCode);
    return sub === 88 ? 'permanent' : classifyErrcode(sub, undefined);
  }
  if (TOKEN_ERRCODES.has(errcode)) return 'token';
  if (RETRYABLE_ERRCODES.has(errcode)) return 'retryable';
  if (RATE_LIMIT_ERRCODES.has(errcode)) return 'rate_limited';
  return 'permanent';
}

// New-OpenAPI flow-control codes look like 'Throttling', 'Throttling.Api', 'Throttling.User'
// (Alibaba-Cloud gateway convention) or 'Forbidden.AccessDenied.QpsLimitForApi' /
// '…QpsLimitForAppkeyAndApi'. 'Forbidden.AccessDenied.ApiCountLimitForOrg' is the monthly quota
// (dingtalk.com/qidian help 1061621972) and stays permanent.
function isThrottlingCode(code: string): boolean {
  return /^Throttling/i.test(code) || /QpsLimit/i.test(code) || /flow.?control/i.test(code);
}

/**
 * Whether a transport error was our timeout. axios reports ECONNABORTED/ETIMEDOUT when nothing
 * arrived, but a stalled body after the headers surfaces as "stream has been aborted", so the
 * elapsed time decides too (same rule as the WeCom client).
 */
export function isTimeoutError(e: unknown, elapsedMs: number, timeoutMs: number): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT' || (timeoutMs > 0 && elapsedMs >= timeoutMs);
}

/** A failed DingTalk call. Never carries a token, secret or query string (no axios error as cause). */
export class DingtalkApiError extends AppError {
  readonly failureClass: DingtalkFailureClass;
  readonly httpStatus?: number;
  readonly platformCode?: string;
  readonly errcode?: number;
  /** True only for a sessionWebhook answer 300001: the sender should fall back to the OpenAPI. */
  readonly expiredSession: boolean;
  /** batchSend chunks that were accepted before this failure (their users must not be sent again). */
  readonly deliveredUserIds: readonly string[];

  constructor(
    message: string,
    opts: {
      failureClass: DingtalkFailureClass;
      path: string;
      httpStatus?: number;
      code?: string;
      errcode?: number;
      expiredSession?: boolean;
      deliveredUserIds?: readonly string[];
    },
  ) {
    super('dingtalk_api_error', message, {
      status: 502,
      expose: false,
      details: { path: opts.path, httpStatus: opts.httpStatus, code: opts.code, errcode: opts.errcode },
    });
    this.name = 'DingtalkApiError';
    this.failureClass = opts.failureClass;
    this.httpStatus = opts.httpStatus;
    this.platformCode = opts.code;
    this.errcode = opts.errcode;
    this.expiredSession = opts.expiredSession ?? false;
    this.deliveredUserIds = opts.deliveredUserIds ?? [];
  }
}

/** The sessionWebhook has expired (300001): resend through oToMessages/batchSend or groupMessages/send. */
export function isExpiredSession(e: unknown): boolean {
  return e instanceof DingtalkApiError && e.expiredSession;
}
