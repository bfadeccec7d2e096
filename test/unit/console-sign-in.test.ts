// Pure parts of console sign-in: where a sign-in may send the browser, the ADMIN_TOKEN failure backoff, and
// the platform sign-in URLs.
import { describe, expect, it } from 'vitest';
import { appRoute, CONSOLE_HOME, safeNext } from '../../src/app/console/sign-in/sign-in-next.js';
import { createFailureThrottle } from '../../src/app/console/sign-in/sign-in-throttle.js';
import { dingtalkAuthorizeUrl } from '../../src/channels/dingtalk/oauth-login.js';
import { isWecomClient, wecomAuthorizeUrl } from '../../src/channels/wecom/web-login.js';
import { fixedClock } from '../../src/shared/clock.js';

describe('safeNext', () => {
  it('keeps pages of the console, with their query', () => {
    expect(safeNext('/console/customers')).toBe('/console/customers');
    expect(safeNext('/console/customers/c-1?tab=timeline#x')).toBe('/console/customers/c-1?tab=timeline#x');
    expect(safeNext('/console/reports?q=%E4%BB%B7%E6%A0%BC')).toBe('/console/reports?q=%E4%BB%B7%E6%A0%BC');
  });

  it.each([
    undefined, '', 'customers', '/customers', 'https://evil.example/console/x', '//evil.example/console/', '/\\evil.example',
    '/console/\\\\evil.example', '/console/../admin', '/console/%2e%2e/api/users', '/console/api/me', '/console/login?next=/x',
    '/console/x\nLocation: https://evil.example', 'javascript:alert(1)', `/console/${'a'.repeat(2000)}`,
  ])('sends %j to the overview', (raw) => {
    expect(safeNext(raw)).toBe(CONSOLE_HOME);
  });

  it('gives the single-page app its own route', () => {
    expect(appRoute('/console/customers?x=1')).toBe('/customers?x=1');
    expect(appRoute(CONSOLE_HOME)).toBe('/overview');
  });
});

describe('failure throttle', () => {
  it('lets a few failures pass, then doubles the wait, per key, and forgets after a quiet while', () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    const th = createFailureThrottle(clock);
    for (let i = 0; i < 3; i++) {
      expect(th.waitMs('a')).toBe(0);
      th.failed('a');
    }
    expect(th.waitMs('a')).toBe(2_000);
    expect(th.waitMs('b')).toBe(0);
    clock.advance(2_000);
    th.failed('a');
    expect(th.waitMs('a')).toBe(4_000);
    clock.advance(4_000);
    th.failed('a');
    expect(th.waitMs('a')).toBe(8_000);
    clock.advance(15 * 60_000 + 1);
    expect(th.waitMs('a')).toBe(0);
  });

  it('caps the wait, and a success clears it', () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    const th = createFailureThrottle(clock, { maxWaitMs: 60_000 });
    for (let i = 0; i < 20; i++) th.failed('a');
    expect(th.waitMs('a')).toBe(60_000);
    th.succeeded('a');
    expect(th.waitMs('a')).toBe(0);
  });

  it('keeps at most maxKeys addresses', () => {
    const clock = fixedClock('2026-03-02T09:00:00Z');
    const th = createFailureThrottle(clock, { maxKeys: 2, freeFailures: 0 });
    th.failed('a');
    th.failed('b');
    th.failed('c');
    expect(th.waitMs('a')).toBe(0);
    expect(th.waitMs('c')).toBeGreaterThan(0);
  });
});

describe('platform sign-in URLs', () => {
  const app = { corpId: 'ww1436e0e65a779aee', agentId: 1000002 };
  const redirectUri = 'https://zb.example.com/console/api/login/wecom/callback';

  it('WeCom: OAuth2 in the client, with parameters in the documented order and the fragment', () => {
    expect(wecomAuthorizeUrl(app, { redirectUri, state: 's1', inWecomClient: true })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1436e0e65a779aee'
      + '&redirect_uri=https%3A%2F%2Fzb.example.com%2Fconsole%2Fapi%2Flogin%2Fwecom%2Fcallback'
      + '&response_type=code&scope=snsapi_base&state=s1&agentid=1000002#wechat_redirect',
    );
  });

  it('WeCom: the QR web login elsewhere', () => {
    expect(wecomAuthorizeUrl(app, { redirectUri, state: 's2', inWecomClient: false })).toBe(
      'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1436e0e65a779aee&agentid=1000002'
      + '&redirect_uri=https%3A%2F%2Fzb.example.com%2Fconsole%2Fapi%2Flogin%2Fwecom%2Fcallback&state=s2',
    );
  });

  it('tells the WeCom client from WeChat and ordinary browsers', () => {
    expect(isWecomClient('Mozilla/5.0 (iPhone) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1')).toBe(true);
    expect(isWecomClient('Mozilla/5.0 (Windows NT 10.0) wxwork/4.1.20 (MicroMessenger/6.2) WindowsWechat')).toBe(true);
    expect(isWecomClient('Mozilla/5.0 (iPhone) Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI')).toBe(false);
    expect(isWecomClient('Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36')).toBe(false);
  });

  it('DingTalk: login.dingtalk.com/oauth2/auth with openid scope and consent', () => {
    const url = new URL(dingtalkAuthorizeUrl({ appKey: 'dingzb7x3kq9wlfmtest' }, { redirectUri: 'https://zb.example.com/cb', state: 's3' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://login.dingtalk.com/oauth2/auth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      redirect_uri: 'https://zb.example.com/cb', response_type: 'code', client_id: 'dingzb7x3kq9wlfmtest', scope: 'openid', state: 's3', prompt: 'consent',
    });
  });
});
