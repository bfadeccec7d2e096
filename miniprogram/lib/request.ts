// wx.request as a promise over JSON: status + parsed body out, ApiError on a transport failure or a
// non-2xx answer. Knows nothing about sessions; api-client and session add the Bearer header.
import { ApiError } from './api-error.js';
import type { Wx, WxMethod } from './wx-facade.js';

export interface JsonRequest {
  url: string;
  method: WxMethod;
  /** Sent as JSON; an object, as wx.request's typings require. */
  body?: object;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface JsonResponse {
  status: number;
  body: unknown;
}

/** Resolves with any HTTP status; rejects only when no answer arrived (network, timeout). */
export function sendJson(wx: Pick<Wx, 'request'>, req: JsonRequest): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const header: Record<string, string> = { Accept: 'application/json', ...req.headers };
    if (req.body !== undefined) header['Content-Type'] = 'application/json';
    wx.request({
      url: req.url,
      method: req.method,
      header,
      timeout: req.timeoutMs,
      dataType: 'json',
      ...(req.body !== undefined ? { data: req.body } : {}),
      success: (res) => resolve({ status: res.statusCode, body: parseBody(res.data) }),
      fail: (err) => reject(transportError(err.errMsg)),
    });
  });
}

/** The 2xx body as T, or the error body as ApiError. */
export function unwrap<T>(res: JsonResponse): T {
  if (res.status >= 200 && res.status < 300) {
    if (res.body === null || typeof res.body !== 'object') {
      throw new ApiError(res.status, 'bad_response', 'expected a JSON object');
    }
    return res.body as T;
  }
  throw ApiError.fromBody(res.status, res.body);
}

// With dataType 'json' wx parses the body itself, but falls back to the raw string when parsing
// fails (e.g. a proxy's HTML error page); one more attempt costs nothing.
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

// wx reports a timeout only through errMsg ("request:fail timeout"), so the text is all we have.
function transportError(errMsg: string): ApiError {
  const timedOut = /timeout|timed out/i.test(errMsg);
  return new ApiError(0, timedOut ? 'timeout' : 'network', errMsg);
}

/** `https://host/base` + `/mp/x` without doubled or missing slashes. */
export function apiUrl(apiBase: string, path: string): string {
  return apiBase.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}
