// DingTalk app access token: POST /v1.0/oauth2/accessToken {appKey, appSecret} → {accessToken, expireIn}
// (7200 s; repeated calls inside the validity return the same token — platforms.md §3.5). The same
// token is accepted as `access_token` by oapi.dingtalk.com (the official Python SDK's
// upload_to_dingtalk uses it for /media/upload), so one token serves both hosts.
import type { AxiosInstance } from 'axios';
import type { FetchedToken } from '../token-cache.js';
import { classifyDingtalkError, DingtalkApiError, isTimeoutError } from './errors.js';

export const ACCESS_TOKEN_PATH = '/v1.0/oauth2/accessToken';

/**
 * A rejected appKey/appSecret is a configuration error and stays permanent (a 401 here must not be
 * read as "refresh the token"); 5xx, 429, timeouts and network errors keep their usual classes.
 */
export async function fetchDingtalkToken(
  http: AxiosInstance,
  creds: { apiBase: string; appKey: string; appSecret: string },
): Promise<FetchedToken> {
  const path = ACCESS_TOKEN_PATH;
  let res;
  const started = performance.now();
  try {
    res = await http.post(`${creds.apiBase}${path}`, { appKey: creds.appKey, appSecret: creds.appSecret });
  } catch (e) {
    const timeout = isTimeoutError(e, performance.now() - started, http.defaults.timeout ?? 0);
    throw new DingtalkApiError(`dingtalk ${path} ${timeout ? 'timed out' : 'network error'}`, { failureClass: 'retryable', path });
  }
  const body = (typeof res.data === 'object' && res.data !== null ? res.data : {}) as {
    accessToken?: unknown;
    expireIn?: unknown;
    code?: unknown;
    message?: unknown;
  };
  if (res.status >= 200 && res.status < 300 && typeof body.accessToken === 'string' && body.accessToken !== '') {
    const expiresInSec = typeof body.expireIn === 'number' && body.expireIn > 0 ? body.expireIn : 7200;
    return { token: body.accessToken, expiresInSec };
  }
  const code = typeof body.code === 'string' ? body.code : undefined;
  const cls = classifyDingtalkError({ httpStatus: res.status, code });
  const detail = typeof body.message === 'string' ? ` ${body.message.slice(0, 200)}` : '';
  throw new DingtalkApiError(`dingtalk ${path} failed: http ${res.status} ${code ?? 'no code'}${detail}`, {
    failureClass: cls === 'token' ? 'permanent' : cls,
    httpStatus: res.status,
    code,
    path,
  });
}
