// Signed, tenant-scoped QR tokens for store/campaign codes: `${id}.${mac}`, opaque to whoever scans.
// The server resolves the id to a store after verifying the mac, so a printed code cannot be forged or
// moved to another tenant, and a revoked id can be refused without changing the secret.
//
// Size arithmetic. The token must fit a 小程序码 `scene` (docs/platforms.md §4.4: ≤ 32 visible chars of
// [0-9A-Za-z!#$&'()*+,/:;=?@-._~]); base64url [A-Za-z0-9_-] plus the "." separator are all in that set,
// so the same token also sits unescaped in a URL path (https://host/s/<token>).
//   id  = 10 random bytes (80 bits) → base64url without padding = ceil(80 / 6) = 14 chars
//   "." = 1 char
//   mac = HMAC-SHA256 (43 base64url chars) truncated to 32 − 14 − 1 = 17 chars = 102 bits
// A shorter id gets a longer mac (the token is always exactly 32), and ids are capped at 15 chars so the
// mac never drops below 16 chars = 96 bits, the usual floor for a truncated HMAC tag (NIST SP 800-107).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const QR_TOKEN_LENGTH = 32;
export const QR_ID_MIN = 4;
export const QR_ID_MAX = 15;
/** A configured secret shorter than this is a mistake, not a key (architecture: security cannot be switched off by a missing setting). */
const MIN_SECRET_BYTES = 16;

const ID = /^[A-Za-z0-9_-]+$/;
const TOKEN = /^([A-Za-z0-9_-]{4,15})\.([A-Za-z0-9_-]{16,27})$/;

/** A fresh random id: 10 bytes, 14 base64url characters. */
export function newQrId(): string {
  return randomBytes(10).toString('base64url');
}

function checkSecret(secret: string | Buffer): Buffer {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (key.length < MIN_SECRET_BYTES) throw new Error(`QR token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return key;
}

function macFor(key: Buffer, tenantId: string, id: string): string {
  // The id never contains ":", so "tenant:id" cannot be read two ways.
  return createHmac('sha256', key)
    .update(`${tenantId}:${id}`, 'utf8')
    .digest('base64url')
    .slice(0, QR_TOKEN_LENGTH - id.length - 1);
}

export function signQrToken(secret: string | Buffer, tenantId: string, id: string): string {
  const key = checkSecret(secret);
  if (tenantId.length === 0) throw new Error('QR token needs a tenant id');
  if (!ID.test(id) || id.length < QR_ID_MIN || id.length > QR_ID_MAX) {
    throw new Error(`QR id must be ${QR_ID_MIN}–${QR_ID_MAX} characters of [A-Za-z0-9_-]`);
  }
  return `${id}.${macFor(key, tenantId, id)}`;
}

/** Shape only (no secret): id and mac, or null. Verify before trusting the id. */
export function parseQrToken(token: string): { id: string; mac: string } | null {
  if (token.length !== QR_TOKEN_LENGTH) return null;
  const m = TOKEN.exec(token);
  return m ? { id: m[1]!, mac: m[2]! } : null;
}

/** Constant-time over the mac; a malformed token is simply false. A too-short secret throws. */
export function verifyQrToken(secret: string | Buffer, tenantId: string, token: string): boolean {
  const key = checkSecret(secret);
  const parsed = parseQrToken(token);
  if (!parsed || tenantId.length === 0) return false;
  const expected = Buffer.from(macFor(key, tenantId, parsed.id), 'ascii');
  const given = Buffer.from(parsed.mac, 'ascii');
  // Lengths are equal by construction once the shape check passed (mac = 32 − id − 1).
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function decodeOnce(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The token inside whatever a scan returned (docs/platforms.md §4.3–4.4):
 *  - a plain-link QR: "https://any.host/…/s/<token>" (the host is checked by the server, not here);
 *  - a 小程序码 path or query: "pages/visit/index?scene=<urlencoded token>" or "scene=…";
 *  - a link QR opened the mini-program: "…?q=<urlencoded https://host/s/<token>>";
 *  - the bare token.
 * Returns null when nothing of the right shape is found.
 */
export function extractQrToken(scanned: string): string | null {
  return extract(scanned.trim(), 0);
}

function extract(s: string, depth: number): string | null {
  if (depth > 3 || s.length === 0) return null;
  if (parseQrToken(s)) return s;
  if (/^https?%3a/i.test(s)) return extract(decodeOnce(s), depth + 1);
  if (/^https?:\/\//i.test(s)) {
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return null;
    }
    const segments = url.pathname.split('/').filter((p) => p.length > 0);
    const at = segments.lastIndexOf('s');
    if (at >= 0 && at === segments.length - 2) return extract(decodeOnce(segments[at + 1]!), depth + 1);
    return fromQuery(url.search.slice(1), depth);
  }
  const q = s.indexOf('?');
  return fromQuery(q >= 0 ? s.slice(q + 1) : s, depth);
}

function fromQuery(query: string, depth: number): string | null {
  if (!query.includes('=')) return null;
  const params = new URLSearchParams(query);
  const scene = params.get('scene');
  // URLSearchParams already decoded once; a page that passed query.scene through encodeURIComponent
  // again arrives double-encoded ("%252E"), so one more decode is tried inside extract().
  if (scene !== null) return extract(scene, depth + 1) ?? extract(decodeOnce(scene), depth + 1);
  const q = params.get('q');
  if (q !== null) return extract(q, depth + 1);
  return null;
}
