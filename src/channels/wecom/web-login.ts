// WeCom sign-in for the web console (platforms.md §2.11): inside the WeCom client, OAuth2 网页授权
// (snsapi_base, silent); elsewhere 企业微信 Web 登录 (扫码). Both hand back a `code` that
// /cgi-bin/auth/getuserinfo turns into the member's userid.
import type { WecomClient } from './client.js';

export interface WecomLoginApp {
  corpId: string;
  agentId: number;
}

/** The WeCom client's in-app browser says "wxwork" in its User-Agent (WeChat alone does not). */
export const isWecomClient = (userAgent: string): boolean => /wxwork/i.test(userAgent);

/**
 * Where to send the browser. WeCom requires the OAuth2 parameters in this order and the
 * #wechat_redirect fragment; the redirect host must be the app's 可信域名 (else errcode 50001).
 */
export function wecomAuthorizeUrl(app: WecomLoginApp, o: { redirectUri: string; state: string; inWecomClient: boolean }): string {
  if (o.inWecomClient) {
    const q = new URLSearchParams({
      appid: app.corpId, redirect_uri: o.redirectUri, response_type: 'code', scope: 'snsapi_base', state: o.state, agentid: String(app.agentId),
    });
    return `https://open.weixin.qq.com/connect/oauth2/authorize?${q}#wechat_redirect`;
  }
  const q = new URLSearchParams({
    login_type: 'CorpApp', appid: app.corpId, agentid: String(app.agentId), redirect_uri: o.redirectUri, state: o.state,
  });
  return `https://login.work.weixin.qq.com/wwlogin/sso/login?${q}`;
}

/** A member of the corp, or someone WeCom knows only as an outsider (openid / external_userid). */
export type WecomVisitor = { kind: 'member'; userId: string } | { kind: 'outsider' };

/**
 * GET /cgi-bin/auth/getuserinfo?code= (WC/98177, WC/96442): members come back as {userid}, everyone else
 * as {openid, external_userid}. A code is single-use and lives 5 minutes; a bad one is errcode 40029,
 * thrown as WecomApiError like every other call.
 */
export async function wecomVisitorOf(client: Pick<WecomClient, 'call'>, code: string): Promise<WecomVisitor> {
  const res = await client.call<{ userid?: unknown; UserId?: unknown }>('GET', '/cgi-bin/auth/getuserinfo', { query: { code } });
  // The older /cgi-bin/user/getuserinfo spelled it UserId; accept both so a proxy of either works.
  const userId = [res.userid, res.UserId].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return userId ? { kind: 'member', userId: userId.trim() } : { kind: 'outsider' };
}
