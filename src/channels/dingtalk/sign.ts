// DingTalk HMAC signatures (pure, clock passed in): the enterprise-robot HTTP callback check and the
// custom group robot's signed webhook URL. Both use Base64(HmacSHA256(secret, timestamp + "\n" + secret))
// (platforms.md §3.1 and §3.6; open.dingtalk.com/document/isvapp/receive-message).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors.js';

/** The doc's freshness rule: |now − timestamp| ≤ 1 hour. */
export const CALLBACK_WINDOW_MS = 3_600_000;

// Decimal milliseconds only. 16 digits reach year 318 857, so anything longer is not a clock value.
const DECIMAL_MS = /^[0-9]{1,16}$/;

export function dingtalkSign(timestampMs: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

export type CallbackSignatureResult = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'bad_signature' };

export interface CallbackSignatureInput {
  /** `timestamp` request header (ms since epoch, as sent). */
  timestamp: string | null | undefined;
  /** `sign` request header (Base64, not URL-encoded). */
  sign: string | null | undefined;
  appSecret: string;
  now: Date;
  windowMs?: number;
}

/**
 * Checks the `timestamp`/`sign` headers of an HTTP-mode robot callback. The signature covers only
 * the timestamp, not the body, so a captured pair replays for the whole window (platforms.md §3.1);
 * callers may pass a tighter window and should dedupe by msgId.
 */
export function verifyCallbackSignature(input: CallbackSignatureInput): CallbackSignatureResult {
  const windowMs = input.windowMs ?? CALLBACK_WINDOW_MS;
  // A broken setting must fail closed, never switch the check off (architecture principle 7).
  if (!input.appSecret || !Number.isFinite(windowMs) || windowMs < 0 || Number.isNaN(input.now.getTime())) {
    throw new AppError('dingtalk_bad_config', 'DingTalk callback verification is misconfigured', { status: 500 });
  }
  const { timestamp, sign } = input;
  if (!timestamp || !sign) return { ok: false, reason: 'missing' };
  // A value that is not a decimal ms timestamp can never be inside the window.
  if (!DECIMAL_MS.test(timestamp)) return { ok: false, reason: 'stale' };
  // Signature before freshness: an unsigned request learns nothing about our clock window.
  if (!safeEqual(sign, dingtalkSign(timestamp, input.appSecret))) return { ok: false, reason: 'bad_signature' };
  if (!(Math.abs(input.now.getTime() - Number(timestamp)) <= windowMs)) return { ok: false, reason: 'stale' };
  return { ok: true };
}

/**
 * Exact bytes, constant time. The expected value always has the same public length (44 chars),
 * so returning early on a length mismatch leaks nothing secret.
 */
function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Custom group robot ("自定义机器人") send URL. With 加签 the `sign` query value is the URL-encoded
 * Base64 signature and DingTalk rejects timestamps older than 1 hour (310000). The URL contains the
 * robot's access token: never log it.
 */
export function signedWebhookUrl(base: string, accessToken: string, secret: string | null, nowMs: number): string {
  const root = base.replace(/\/+$/, '');
  const url = `${root}/robot/send?access_token=${encodeURIComponent(accessToken)}`;
  if (secret === null) return url;
  const timestamp = String(Math.trunc(nowMs));
  return `${url}&timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(timestamp, secret))}`;
}
