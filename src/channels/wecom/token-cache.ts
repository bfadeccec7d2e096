// WeCom gettoken for one (corpId, secret); the cache around it is the channels' shared token cache.
// gettoken is frequency-limited and many callers may see 42001 at once (WC/91039, platforms.md §2.1).
import type { AxiosInstance } from 'axios';
import type { FetchedToken } from '../token-cache.js';
import { classifyWecomError, isTimeoutError, WecomApiError } from './errors.js';

const GETTOKEN = '/cgi-bin/gettoken';

/**
 * GET /cgi-bin/gettoken. An errcode here is a configuration error (40001 wrong secret, 40013 wrong
 * CorpID) and stays permanent; only busy (-1), 5xx, timeouts and network errors are retryable.
 */
export async function fetchWecomToken(
  http: AxiosInstance,
  creds: { apiBase: string; corpId: string; secret: string },
): Promise<FetchedToken> {
  let res;
  const started = performance.now();
  try {
    res = await http.get(`${creds.apiBase}${GETTOKEN}`, {
      params: { corpid: creds.corpId, corpsecret: creds.secret },
    });
  } catch (e) {
    const timeout = isTimeoutError(e, performance.now() - started, http.defaults.timeout ?? 0);
    throw new WecomApiError(timeout ? 'wecom gettoken timed out' : 'wecom gettoken network error', {
      failureClass: 'retryable',
      path: GETTOKEN,
    });
  }
  const body = res.data as { errcode?: unknown; errmsg?: unknown; access_token?: unknown; expires_in?: unknown };
  const errcode = typeof body?.errcode === 'number' ? body.errcode : undefined;
  if (res.status >= 200 && res.status < 300 && (errcode ?? 0) === 0 && typeof body.access_token === 'string') {
    const expiresInSec = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 7200;
    return { token: body.access_token, expiresInSec };
  }
  const cls = classifyWecomError({ errcode, httpStatus: res.status });
  throw new WecomApiError(`wecom gettoken failed: errcode ${errcode ?? 'none'} ${String(body?.errmsg ?? '')}`.trim(), {
    failureClass: cls === 'token' ? 'permanent' : cls,
    errcode,
    httpStatus: res.status,
    path: GETTOKEN,
  });
}
