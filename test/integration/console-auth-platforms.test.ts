// WeCom and DingTalk console sign-in through the running server, the platforms' sign-in APIs faked with nock
// on the test server's fake API hosts (their token endpoints still answer from the fakes): the redirect to
// the platform, the state bound to the browser, the callback, and every way it must refuse.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { cookieFrom, cookiesOf } from '../support/sign-in-http.js';
import { DINGTALK, startTestServer, WECOM, type TestServer } from '../support/test-server.js';

let t: TestServer;
let tenant: string;

const WXWORK_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1';

beforeAll(async () => {
  t = await startTestServer({ workers: false });
  tenant = t.config.defaultTenantId;
  await ensureUser(t.db, tenant, 'zhangsan', '张三', 'wecom');
  await ensureUser(t.db, tenant, 'left-one', '离职者', 'wecom');
  await t.db.execute('update users set active = false where tenant_id = $1 and id = $2', [tenant, 'left-one']);
  await ensureUser(t.db, tenant, 'dt-staff-1', '李四', 'dingtalk');
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(async () => {
  await t.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.server.url}${path}`, { redirect: 'manual', headers });

/** Starts a platform sign-in like the button does; returns the platform URL and the browser's state cookie. */
async function start(platform: 'wecom' | 'dingtalk', next: string, headers: Record<string, string> = {}) {
  const res = await get(`/console/api/login/${platform}?next=${encodeURIComponent(next)}`, headers);
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  const cookie = cookieFrom(res, 'zb_sign_in');
  return { location, cookie, state: location.searchParams.get('state')!, setCookie: cookiesOf(res)[0]! };
}

function wecomAnswers(code: string, body: object) {
  return nock(t.fake.url, { allowUnmocked: true })
    .get('/cgi-bin/auth/getuserinfo')
    .query((q) => q.code === code && typeof q.access_token === 'string')
    .reply(200, body);
}

const landing = (res: Response) => new URL(res.headers.get('location')!, t.server.url);

describe('WeCom sign-in', () => {
  it('sends a desktop browser to the QR web login with the app, the callback and a state', async () => {
    const { location, setCookie, state } = await start('wecom', '/console/customers');
    expect(`${location.origin}${location.pathname}`).toBe('https://login.work.weixin.qq.com/wwlogin/sso/login');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      login_type: 'CorpApp', appid: WECOM.corpId, agentid: WECOM.agentId,
      redirect_uri: `${t.server.url}/console/api/login/wecom/callback`, state,
    });
    expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(setCookie).toMatch(/; path=\/console\/api\/login/i);
    expect(setCookie).toMatch(/; httponly/i);
    expect(setCookie).toMatch(/; samesite=lax/i);
  });

  it('uses OAuth2 网页授权 inside the WeCom client', async () => {
    const { location, state } = await start('wecom', '/console/overview', { 'user-agent': WXWORK_UA });
    expect(location.href).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${WECOM.corpId}`
      + `&redirect_uri=${encodeURIComponent(`${t.server.url}/console/api/login/wecom/callback`)}`
      + `&response_type=code&scope=snsapi_base&state=${state}&agentid=${WECOM.agentId}#wechat_redirect`,
    );
  });

  it('signs a member in and returns to the page they wanted', async () => {
    const { cookie, state } = await start('wecom', '/console/customers?stage=proposal');
    const api = wecomAnswers('CODE-ZS', { errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
    const res = await get(`/console/api/login/wecom/callback?code=CODE-ZS&state=${state}`, { cookie });
    expect(api.isDone()).toBe(true);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/customers?stage=proposal');
    const session = cookieFrom(res, 'zb_console');
    // The state is spent with the callback.
    expect(cookiesOf(res).find((c) => c.startsWith('zb_sign_in='))).toMatch(/^zb_sign_in=;/);
    const me = await get('/console/api/me', { cookie: session });
    expect(await me.json()).toMatchObject({ userId: 'zhangsan', name: '张三', role: 'rep', via: 'wecom' });
    const audit = await t.db.query<{ details: unknown }>(
      "select details from audit_log where tenant_id = $1 and action = 'console.sign_in' and actor = 'zhangsan'", [tenant]);
    expect(audit.map((a) => a.details)).toContainEqual({ via: 'wecom' });
  });

  it('refuses a callback whose state is not the one this browser started', async () => {
    const { cookie } = await start('wecom', '/console/overview');
    const api = wecomAnswers('CODE-X', { errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
    const forged = await get('/console/api/login/wecom/callback?code=CODE-X&state=someone-elses-state', { cookie });
    expect(landing(forged).pathname).toBe('/console/login');
    expect(landing(forged).searchParams.get('error')).toBe('state');
    expect(cookiesOf(forged).some((c) => c.startsWith('zb_console='))).toBe(false);
    expect(api.isDone()).toBe(false); // the code was never even exchanged

    // No state cookie at all (a link sent to someone else) is refused the same way.
    const { state } = await start('wecom', '/console/overview');
    const noCookie = await get(`/console/api/login/wecom/callback?code=CODE-X&state=${state}`);
    expect(landing(noCookie).searchParams.get('error')).toBe('state');
    // Nor does a DingTalk state open a WeCom callback.
    const dt = await start('dingtalk', '/console/overview');
    const crossed = await get(`/console/api/login/wecom/callback?code=CODE-X&state=${dt.state}`, { cookie: dt.cookie });
    expect(landing(crossed).searchParams.get('error')).toBe('state');
    expect(api.isDone()).toBe(false);
  });

  it('never redirects off the console', async () => {
    for (const next of ['https://evil.example/steal', '//evil.example/x', '/\\evil.example', '/console/../api/customers', '/console/api/me', 'javascript:alert(1)']) {
      const { cookie, state } = await start('wecom', next);
      wecomAnswers(`CODE-${state}`, { errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
      const res = await get(`/console/api/login/wecom/callback?code=CODE-${state}&state=${state}`, { cookie });
      expect(res.headers.get('location'), next).toBe('/console/overview');
    }
  });

  it('turns away outsiders, unknown members and people who left, with the reason', async () => {
    const cases: [string, object][] = [
      ['outsider', { errcode: 0, errmsg: 'ok', openid: 'oABC', external_userid: 'wmEXT' }],
      ['stranger', { errcode: 0, errmsg: 'ok', userid: 'not-in-zhanbao' }],
      ['leaver', { errcode: 0, errmsg: 'ok', userid: 'left-one' }],
    ];
    for (const [name, body] of cases) {
      const { cookie, state } = await start('wecom', '/console/reports');
      wecomAnswers(`CODE-${name}`, body);
      const res = await get(`/console/api/login/wecom/callback?code=CODE-${name}&state=${state}`, { cookie });
      expect(landing(res).pathname, name).toBe('/console/login');
      expect(Object.fromEntries(landing(res).searchParams), name).toEqual({ error: 'not_member', next: '/reports' });
      expect(cookiesOf(res).some((c) => c.startsWith('zb_console=')), name).toBe(false);
    }
  });

  it('says the platform could not confirm when getuserinfo fails, and "denied" without a code', async () => {
    const { cookie, state } = await start('wecom', '/console/overview');
    wecomAnswers('USED', { errcode: 40029, errmsg: 'invalid code' });
    const res = await get(`/console/api/login/wecom/callback?code=USED&state=${state}`, { cookie });
    expect(landing(res).searchParams.get('error')).toBe('platform');

    const again = await start('wecom', '/console/overview');
    const denied = await get(`/console/api/login/wecom/callback?state=${again.state}`, { cookie: again.cookie });
    expect(landing(denied).searchParams.get('error')).toBe('denied');
  });
});

describe('DingTalk sign-in', () => {
  function dingtalkAnswers(authCode: string, o: { unionId: string; lookup: object }) {
    const api = nock(t.dingtalk.url, { allowUnmocked: true });
    api.post('/v1.0/oauth2/userAccessToken', {
      clientId: DINGTALK.appKey, clientSecret: DINGTALK.appSecret, code: authCode, grantType: 'authorization_code',
    }).reply(200, { accessToken: `user-token-${authCode}`, refreshToken: 'r', expireIn: 7200, corpId: DINGTALK.corpId });
    api.get('/v1.0/contact/users/me')
      .matchHeader('x-acs-dingtalk-access-token', `user-token-${authCode}`)
      .reply(200, { nick: '李四', unionId: o.unionId, openId: 'open-1', stateCode: '86' });
    api.post('/topapi/user/getbyunionid', { unionid: o.unionId })
      .query((q) => typeof q.access_token === 'string' && q.access_token.length > 0)
      .reply(200, o.lookup);
    return api;
  }

  it('sends the browser to login.dingtalk.com with the app and a state', async () => {
    const { location, state } = await start('dingtalk', '/console/overview');
    expect(`${location.origin}${location.pathname}`).toBe('https://login.dingtalk.com/oauth2/auth');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      redirect_uri: `${t.server.url}/console/api/login/dingtalk/callback`, response_type: 'code', client_id: DINGTALK.appKey,
      scope: 'openid', state, prompt: 'consent',
    });
  });

  it('signs a member in: authCode → user token → unionId → the org userid → the person', async () => {
    const { cookie, state } = await start('dingtalk', '/console/teams');
    const api = dingtalkAnswers('AUTH-1', { unionId: 'union-lisi', lookup: { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: 'dt-staff-1' } } });
    const res = await get(`/console/api/login/dingtalk/callback?authCode=AUTH-1&state=${state}`, { cookie });
    expect(api.isDone()).toBe(true);
    expect(res.headers.get('location')).toBe('/console/teams');
    const me = await get('/console/api/me', { cookie: cookieFrom(res, 'zb_console') });
    expect(await me.json()).toMatchObject({ userId: 'dt-staff-1', name: '李四', via: 'dingtalk' });
  });

  it('turns away an account outside the organisation and an external contact', async () => {
    const outside = await start('dingtalk', '/console/overview');
    dingtalkAnswers('AUTH-2', { unionId: 'union-x', lookup: { errcode: 60121, errmsg: '找不到该用户' } });
    const r1 = await get(`/console/api/login/dingtalk/callback?authCode=AUTH-2&state=${outside.state}`, { cookie: outside.cookie });
    expect(landing(r1).searchParams.get('error')).toBe('not_member');

    const external = await start('dingtalk', '/console/overview');
    dingtalkAnswers('AUTH-3', { unionId: 'union-y', lookup: { errcode: 0, errmsg: 'ok', result: { contact_type: 1, userid: 'dt-staff-1' } } });
    const r2 = await get(`/console/api/login/dingtalk/callback?authCode=AUTH-3&state=${external.state}`, { cookie: external.cookie });
    expect(landing(r2).searchParams.get('error')).toBe('not_member');
    expect(cookiesOf(r2).some((c) => c.startsWith('zb_console='))).toBe(false);
  });

  it('refuses a mismatched state and reports a refused code', async () => {
    const { cookie } = await start('dingtalk', '/console/overview');
    const forged = await get('/console/api/login/dingtalk/callback?authCode=AUTH-9&state=nope', { cookie });
    expect(landing(forged).searchParams.get('error')).toBe('state');

    const again = await start('dingtalk', '/console/overview');
    nock(t.dingtalk.url, { allowUnmocked: true }).post('/v1.0/oauth2/userAccessToken').reply(400, { code: 'invalidAuthCode', message: 'code invalid' });
    const refused = await get(`/console/api/login/dingtalk/callback?authCode=BAD&state=${again.state}`, { cookie: again.cookie });
    expect(landing(refused).searchParams.get('error')).toBe('platform');
  });
});

describe('without a platform configured', () => {
  it('sends the browser back to the sign-in page saying so', async () => {
    await t.restart({ workers: false, config: { wecom: null, dingtalk: null } });
    const res = await get('/console/api/login/wecom?next=/console/customers');
    expect(res.status).toBe(302);
    expect(Object.fromEntries(landing(res).searchParams)).toEqual({ error: 'unavailable', next: '/customers' });
    const options = await (await get('/console/api/login/options')).json();
    expect(options).toMatchObject({ wecom: false, dingtalk: false });
  });
});
