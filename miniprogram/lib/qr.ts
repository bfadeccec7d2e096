// Store QR token extraction. The server prints `${PUBLIC_BASE_URL}/s/<token>`; scanning a 小程序码
// of ours gives a path `pages/visit/visit?scene=<token>`; opening the page from a code gives
// `query.scene` or, via "扫普通链接二维码打开小程序", `query.q` (the URL-encoded link) —
// platforms.md §4.3/§4.4. Anything else is not ours: null, so the page never calls the server with it.
import type { WxScanResult } from './wx-facade.js';

export const TOKEN_MAX_LENGTH = 32;
const TOKEN_RE = /^[A-Za-z0-9._-]{1,32}$/;

// scheme://host[/prefix…]/s/<token>[/][?…|#…]; PUBLIC_BASE_URL may carry a path prefix.
const LINK_RE = /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?\/s\/([^/?#\s]+)\/?(?:[?#]\S*)?$/i;
// Our own page path with a query string; a leading slash appears in some base-library versions.
const PATH_RE = /^\/?[A-Za-z0-9_\-/]+(?:\.html)?\?(\S*)$/;

export type PageQuery = Record<string, string | undefined>;

export function isValidToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_RE.test(value);
}

/** A printed link, a mini-program path with `scene=`, or a bare token. */
export function tokenFromText(text: string): string | null {
  const s = text.trim();
  if (!s) return null;
  if (isValidToken(s)) return s;
  const link = LINK_RE.exec(s);
  if (link) return isValidToken(link[1]) ? link[1] : null;
  const path = PATH_RE.exec(s);
  if (path) return tokenFromScene(queryParam(path[1] ?? '', 'scene'));
  return null;
}

/** `path` is set only for our own 小程序码 and is the more specific signal, so it wins. */
export function tokenFromScan(res: WxScanResult): string | null {
  if (res.path) {
    const fromPath = tokenFromText(res.path);
    if (fromPath) return fromPath;
  }
  return res.result ? tokenFromText(res.result) : null;
}

/** Page `onLoad` query: `scene` (小程序码, URL-encoded) or `q` (普通链接二维码, URL-encoded link). */
export function tokenFromQuery(query: PageQuery | undefined): string | null {
  if (!query) return null;
  if (query.scene) return tokenFromScene(query.scene);
  if (query.q) {
    const link = safeDecode(query.q);
    return link && LINK_RE.test(link.trim()) ? tokenFromText(link) : null;
  }
  return null;
}

/** The query string the visit page is opened with, so every entry point shares tokenFromQuery. */
export function visitPageUrl(token: string): string {
  return `/pages/visit/visit?scene=${encodeURIComponent(token)}`;
}

function tokenFromScene(raw: string | null): string | null {
  if (raw === null) return null;
  const decoded = safeDecode(raw);
  return decoded !== null && isValidToken(decoded) ? decoded : null;
}

function queryParam(query: string, name: string): string | null {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key === name) return eq < 0 ? '' : pair.slice(eq + 1);
  }
  return null;
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
