// The signature of a web-form post to /hooks/leads/:token (pure, clock injected): hex HMAC-SHA256 with the
// source's secret over the exact bytes `timestamp + "\n" + body`, where timestamp is the Unix time in
// seconds sent in X-Zhanbao-Timestamp; compared in constant time; stale outside ±5 minutes. Nothing here
// can be switched off by a missing setting: no secret, no lead.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const REPLAY_WINDOW_MS = 5 * 60_000;

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function leadHookSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}\n`, 'utf8'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')])).digest('hex');
}

export function verifyLeadHook(
  input: { secret: string; timestamp: string | undefined; signature: string | undefined; body: Buffer },
  now: Date,
): SignatureCheck {
  const { secret, timestamp, signature } = input;
  if (!secret || !timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  // "sha256=" like GitHub's and Stripe's headers, or the bare hex.
  const hex = signature.trim().replace(/^sha256=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > REPLAY_WINDOW_MS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(leadHookSignature(secret, timestamp, input.body), 'hex');
  return timingSafeEqual(expected, Buffer.from(hex, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
