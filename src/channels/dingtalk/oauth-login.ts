// DingTalk sign-in for the web console (platforms.md §2.11): login.dingtalk.com/oauth2/auth hands back an
// authCode; the user access token it buys names the person only by unionId, and the org's userid (the
// staffId our identities use) comes from oapi topapi/user/getbyunionid with the app token.
import axios, { type AxiosInstance } from 'axios';
import { systemClock, type Clock } from '../../shared/clock.js';
import { createTokenCache } from '../token-cache.js';
import { fetchDingtalkToken } from './access-token.js';
import { classifyDingtalkError, DingtalkApiError, isTimeoutError } from './errors.js';

export interface DingtalkLoginApp {
  appKey: string;
  appSecret: string;
  /** https://api.dingtalk.com */
  apiBase: string;
  /** https://oapi.dingtalk.com */
  oapiBase: string;
}

/** The browser goes here; DingTalk comes back to redirectUri with ?authCode=…&state=… (or ?error=…). */
export function dingtalkAuthorizeUrl(app: Pick<DingtalkLoginApp, 'appKey'>, o: { redirectUri: string; state: string }): string {
  const q = new URLSearchParams({
    redirect_uri: o.redirectUri, response_type: 'code', client_id: app.appKey, scope: 'openid', state: o.state, prompt: 'consent',
  });
  return `https://login.dingtalk.com/oauth2/auth?${q}`;
}

export type DingtalkVisitor = { kind: 'member'; userId: string } | { kind: 'outsider' };

export interface DingtalkOAuthLogin {
  /** Throws DingtalkApiError when DingTalk refuses the code or cannot be reached. */
  visitorOf(authCode: string): Promise<DingtalkVisitor>;
}

const PATH = {
  userToken: '/v1.0/oauth2/userAccessToken',
  me: '/v1.0/contact/users/me',
  byUnionId: '/topapi/user/getbyunionid',
} as const;

/** getbyunionid: 60121 "找不到该用户" — the DingTalk account is not in this organisation. */
const NOT_IN_ORG = 60121;

export function createDingtalkOAuthLogin(opts: DingtalkLoginApp & { clock?: Clock; timeoutMs?: number }): DingtalkOAuthLogin {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const http: AxiosInstance = axios.create({ timeout: timeoutMs, validateStatus: () => true });
  // DingTalk returns the same app token for repeated requests within its validity (platforms.md §3.5),
  // so this cache and the robot sender's never invalidate each other.
  const appTokens = createTokenCache({ clock: opts.clock ?? systemClock, fetchToken: () => fetchDingtalkToken(http, opts) });

  async function exchange<T>(path: string, req: { method: 'GET' | 'POST'; url: string; data?: unknown; headers?: Record<string, string>; params?: Record<string, string> }): Promise<T> {
    let res;
    const started = performance.now();
    try {
      res = await http.request({ ...req });
    } catch (e) {
      const timeout = isTimeoutError(e, performance.now() - started, timeoutMs);
      throw new DingtalkApiError(`dingtalk ${path} ${timeout ? 'timed out' : 'network error'}`, { failureClass: 'retryable', path });
    }
    const body = typeof res.data === 'object' && res.data !== null && !Array.isArray(res.data) ? (res.data as Record<string, unknown>) : null;
    const errcode = typeof body?.errcode === 'number' ? body.errcode : undefined;
    if (res.status >= 200 && res.status < 300 && body && (errcode ?? 0) === 0) return body as T;
    const code = typeof body?.code === 'string' ? body.code : undefined;
    const failureClass = classifyDingtalkError({ httpStatus: res.status, code, errcode });
    throw new DingtalkApiError(`dingtalk ${path} failed: http ${res.status} ${code ?? (errcode !== undefined ? `errcode ${errcode}` : 'no code')}`, {
      failureClass, httpStatus: res.status, code, errcode, path,
    });
  }

  async function unionIdOf(authCode: string): Promise<string> {
    const token = await exchange<{ accessToken?: unknown }>(PATH.userToken, {
      method: 'POST', url: `${opts.apiBase}${PATH.userToken}`,
      data: { clientId: opts.appKey, clientSecret: opts.appSecret, code: authCode, grantType: 'authorization_code' },
    });
    if (typeof token.accessToken !== 'string' || !token.accessToken) {
      throw new DingtalkApiError(`dingtalk ${PATH.userToken} returned no accessToken`, { failureClass: 'permanent', path: PATH.userToken });
    }
    const me = await exchange<{ unionId?: unknown }>(PATH.me, {
      method: 'GET', url: `${opts.apiBase}${PATH.me}`, headers: { 'x-acs-dingtalk-access-token': token.accessToken },
    });
    if (typeof me.unionId !== 'string' || !me.unionId) {
      throw new DingtalkApiError(`dingtalk ${PATH.me} returned no unionId`, { failureClass: 'permanent', path: PATH.me });
    }
    return me.unionId;
  }

  async function byUnionId(unionId: string, appToken: string) {
    return exchange<{ result?: { contact_type?: unknown; userid?: unknown } }>(PATH.byUnionId, {
      method: 'POST', url: `${opts.oapiBase}${PATH.byUnionId}`, params: { access_token: appToken }, data: { unionid: unionId },
    });
  }

  async function visitorOf(authCode: string): Promise<DingtalkVisitor> {
    const unionId = await unionIdOf(authCode);
    const first = await appTokens.get();
    let res;
    try {
      res = await byUnionId(unionId, first).catch(async (e: unknown) => {
        if (!(e instanceof DingtalkApiError) || e.failureClass !== 'token') throw e;
        appTokens.invalidate(first);
        return byUnionId(unionId, await appTokens.get());
      });
    } catch (e) {
      if (e instanceof DingtalkApiError && e.errcode === NOT_IN_ORG) return { kind: 'outsider' };
      throw e;
    }
    // contact_type 1: an external contact of the org, not a member.
    const userId = res.result?.userid;
    if (Number(res.result?.contact_type) === 1 || typeof userId !== 'string' || !userId) return { kind: 'outsider' };
    return { kind: 'member', userId };
  }

  return { visitorOf };
}
