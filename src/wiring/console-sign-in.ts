// The platform side of console sign-in, picked by the server like every other implementation: WeCom's
// getuserinfo through the server's WeCom client (one token cache with the senders), DingTalk's OAuth
// exchange through its own small client (user tokens are not app tokens).
import type { AppConfig } from '../config/app-config.js';
import type { WecomClient } from '../channels/wecom/client.js';
import { isWecomClient, wecomAuthorizeUrl, wecomVisitorOf } from '../channels/wecom/web-login.js';
import { createDingtalkOAuthLogin, dingtalkAuthorizeUrl } from '../channels/dingtalk/oauth-login.js';
import type { PlatformLogins } from '../app/console/sign-in/platform-sign-in.js';
import type { Clock } from '../shared/clock.js';

export function platformLoginsFor(config: AppConfig, clock: Clock, wecomClient: WecomClient | null): PlatformLogins {
  const { wecom, dingtalk } = config;
  const logins: PlatformLogins = {};
  if (wecom && wecomClient) {
    const client = wecomClient;
    logins.wecom = {
      authorizeUrl: (o) => wecomAuthorizeUrl(wecom, { redirectUri: o.redirectUri, state: o.state, inWecomClient: isWecomClient(o.userAgent) }),
      visitorOf: (code) => wecomVisitorOf(client, code),
    };
  }
  if (dingtalk) {
    const oauth = createDingtalkOAuthLogin({ ...dingtalk, clock });
    logins.dingtalk = {
      authorizeUrl: (o) => dingtalkAuthorizeUrl(dingtalk, o),
      visitorOf: (code) => oauth.visitorOf(code),
    };
  }
  return logins;
}
