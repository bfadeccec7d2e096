// The platform side of console sign-in, built from the configuration: WeCom's getuserinfo through the
// WeCom client, DingTalk's OAuth exchange through its own small client. They keep their own token caches:
// both platforms return the same app token for repeated requests within its validity, so these never
// invalidate the senders' tokens.
import type { AppDeps } from '../app-deps.js';
import { createWecomClient } from '../../channels/wecom/client.js';
import { isWecomClient, wecomAuthorizeUrl, wecomVisitorOf } from '../../channels/wecom/web-login.js';
import { createDingtalkOAuthLogin, dingtalkAuthorizeUrl } from '../../channels/dingtalk/oauth-login.js';
import type { PlatformLogins } from './platform-sign-in.js';

export function platformLoginsFor(app: Pick<AppDeps, 'config' | 'clock' | 'logger'>): PlatformLogins {
  const { wecom, dingtalk } = app.config;
  const logins: PlatformLogins = {};
  if (wecom) {
    const client = createWecomClient({ ...wecom, clock: app.clock, logger: app.logger });
    logins.wecom = {
      authorizeUrl: (o) => wecomAuthorizeUrl(wecom, { redirectUri: o.redirectUri, state: o.state, inWecomClient: isWecomClient(o.userAgent) }),
      visitorOf: (code) => wecomVisitorOf(client, code),
    };
  }
  if (dingtalk) {
    const oauth = createDingtalkOAuthLogin({ ...dingtalk, clock: app.clock });
    logins.dingtalk = {
      authorizeUrl: (o) => dingtalkAuthorizeUrl(dingtalk, o),
      visitorOf: (code) => oauth.visitorOf(code),
    };
  }
  return logins;
}
