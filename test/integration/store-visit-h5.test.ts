// The H5 visit page over HTTP: /s/<token> inside WeCom sends the browser to OAuth2 网页授权 with a state
// bound to it, the callback turns the code into a member through auth/getuserinfo on the fake WeCom API and
// sets a short-lived HttpOnly cookie scoped to /s/, and the form goes through the same recordVisit as
// /mp/visits (validation, the compliance rule, suggestions) with a per-session CSRF token. Outside WeCom
// the page keeps explaining; a revoked code keeps its message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWPORTS } from '../support/browser.js';
import { startTestServer, WECOM, type TestServer } from '../support/test-server.js';

const WXWORK = VIEWPORTS.phone.userAgent;
let t: TestServer;
let token = '';
let session = '';

beforeAll(async () => {
  t = await startTestServer({ workers: false });
  await t.send('PUT', '/api/teams/shop-east', { name: '华东门店组', memberUserIds: [], managerUserIds: [] });
  await t.send('PUT', '/api/stores/sh-xuhui', { name: '徐汇旗舰店', teamKey: 'shop-east', city: '上海' });
  token = (await t.send('POST', '/api/stores/sh-xuhui/qrcodes', { purpose: 'visit' })).json.token;
});
afterAll(async () => {
  await t?.stop();
});

const cookiesOf = (res: Response) => res.headers.getSetCookie();
const cookieValue = (res: Response, name: string) => cookiesOf(res).find((c) => c.startsWith(`${name}=`))?.split(';')[0]!.slice(name.length + 1);

async function get(path: string, cookie = '', ua: string = WXWORK) {
  return fetch(`${t.server.url}${path}`, { redirect: 'manual', headers: { 'user-agent': ua, ...(cookie ? { cookie } : {}) } });
}

async function post(fields: Record<string, string>, opts: { cookie?: string; type?: string } = {}) {
  const res = await fetch(`${t.server.url}/s/${token}/visit`, {
    method: 'POST', redirect: 'manual',
    headers: { 'user-agent': WXWORK, 'content-type': opts.type ?? 'application/x-www-form-urlencoded', cookie: opts.cookie ?? `zb_store_h5=${session}` },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text() };
}

const visits = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from store_visits'))[0]!.n;
const csrfIn = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Starts OAuth2 like the phone does; returns the state and the state cookie. */
async function startOAuth() {
  const res = await get(`/s/${token}`);
  expect(res.status).toBe(302);
  const to = new URL(res.headers.get('location')!);
  return { to, state: to.searchParams.get('state')!, cookie: `zb_store_oauth=${cookieValue(res, 'zb_store_oauth')}`, res };
}

describe('outside WeCom', () => {
  it('keeps explaining the mini-program, and a never-issued code keeps its 404', async () => {
    const res = await get(`/s/${token}`, '', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.40');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('徐汇旗舰店');
    expect(html).toContain('小程序');
    expect(html).not.toContain('<form');
    const gone = await get('/s/nothing-here');
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('找店长');
  });
});

describe('WeCom OAuth2 网页授权', () => {
  it('sends a WeCom browser to connect/oauth2/authorize with a state bound to a cookie on /s/', async () => {
    const { to, res } = await startOAuth();
    expect(`${to.origin}${to.pathname}`).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(to.hash).toBe('#wechat_redirect');
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      appid: WECOM.corpId, agentid: WECOM.agentId, response_type: 'code', scope: 'snsapi_base', redirect_uri: `${t.server.url}/s/${token}/oauth`,
    });
    const cookie = cookiesOf(res).find((c) => c.startsWith('zb_store_oauth='))!;
    expect(cookie).toMatch(/path=\/s\//i);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
  });

  it('refuses a callback without the browser’s state, a bad code and an outsider, and signs nobody in', async () => {
    t.fake.webCodes.set('code-stolen', 'staff-wang');
    const noCookie = await get(`/s/${token}/oauth?code=code-stolen&state=whatever`);
    expect(noCookie.status).toBe(400);
    expect(await noCookie.text()).toContain('登录没有完成');
    expect(cookieValue(noCookie, 'zb_store_h5')).toBeUndefined();

    const other = await startOAuth();
    const wrong = await get(`/s/${token}/oauth?code=code-stolen&state=${other.state}x`, other.cookie);
    expect(wrong.status).toBe(400);

    const bad = await startOAuth();
    const refused = await get(`/s/${token}/oauth?code=never-issued&state=${bad.state}`, bad.cookie);
    expect(refused.status).toBe(502);
    expect(cookieValue(refused, 'zb_store_h5')).toBeUndefined();

    t.fake.webCodes.set('code-outsider', null);
    const out = await startOAuth();
    const outsider = await get(`/s/${token}/oauth?code=code-outsider&state=${out.state}`, out.cookie);
    expect(outsider.status).toBe(403);
    expect(await outsider.text()).toContain('企业成员');
    expect(cookieValue(outsider, 'zb_store_h5')).toBeUndefined();
  });

  it('turns the code into a member through auth/getuserinfo and a short-lived HttpOnly cookie on /s/', async () => {
    t.fake.users.set('staff-wang', '王芳');
    t.fake.webCodes.set('code-wang', 'staff-wang');
    const { state, cookie } = await startOAuth();
    const res = await get(`/s/${token}/oauth?code=code-wang&state=${state}`, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/s/${token}?from=oauth`);
    const set = cookiesOf(res).find((c) => c.startsWith('zb_store_h5='))!;
    expect(set).toMatch(/path=\/s\//i);
    expect(set).toMatch(/httponly/i);
    expect(set).toMatch(/samesite=lax/i);
    const expires = Date.parse(/expires=([^;]+)/i.exec(set)![1]!);
    expect(expires - Date.now()).toBeLessThanOrEqual(12 * 3_600_000 + 60_000);
    session = cookieValue(res, 'zb_store_h5')!;
    expect(t.fake.calls.some((c) => c.path === '/cgi-bin/auth/getuserinfo' && c.query.code === 'code-wang')).toBe(true);
    const user = await t.db.query<{ role: string; name: string }>(`select role, name from users where id = 'staff-wang'`);
    expect(user[0]).toEqual({ role: 'store_staff', name: '王芳' });
    // The code is single-use: replaying it with a fresh state fails.
    const again = await startOAuth();
    expect((await get(`/s/${token}/oauth?code=code-wang&state=${again.state}`, again.cookie)).status).toBe(502);
  });
});

describe('the visit form', () => {
  it('shows the store and a form with a CSRF token to the signed-in member', async () => {
    const res = await get(`/s/${token}`, `zb_store_h5=${session}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'nonce-[^']+'/);
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await res.text();
    expect(html).toContain('徐汇旗舰店');
    expect(html).toContain('王芳');
    expect(html).toContain(`action="/s/${token}/visit"`);
    expect(csrfIn(html).length).toBeGreaterThan(20);
  });

  it('refuses a post without the session’s CSRF token, without a session, or not from the form', async () => {
    const html = await (await get(`/s/${token}`, `zb_store_h5=${session}`)).text();
    const csrf = csrfIn(html);
    expect((await post({ question: '有试用装吗' })).status).toBe(403);
    expect((await post({ question: '有试用装吗', csrf: `${csrf.slice(0, -1)}x` })).status).toBe(403);
    expect((await post({ question: '有试用装吗', csrf }, { cookie: 'zb_store_h5=not-a-session' })).status).toBe(401);
    expect((await post({ question: '有试用装吗', csrf }, { type: 'text/plain' })).status).toBe(415);
    expect(await visits()).toBe(0);
  });

  it('applies the same validation and compliance rule as /mp/visits: 422 and nothing saved without a note', async () => {
    const csrf = csrfIn(await (await get(`/s/${token}`, `zb_store_h5=${session}`)).text());
    const empty = await post({ question: '   ', csrf });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('请写下或说出顾客的问题');
    expect((await post({ question: '有试用装吗', customerPhone: '12345', csrf })).html).toContain('手机号格式不对');

    const question = '孩子对牛奶过敏,医院诊断是湿疹,能用这个吗';
    const refused = await post({ question, customerName: '王女士', csrf });
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/问题涉及「[^」]*过敏[^」]*」,请先填写合规说明/);
    expect(refused.html).toContain('王女士'); // what was typed stays in the form
    expect((await post({ question, complianceNote: '好', csrf })).status).toBe(422);
    expect(await visits()).toBe(0);

    const saved = await post({ question, customerName: '王女士', customerPhone: '138 0013 5678', complianceNote: '已提醒顾客遵医嘱,未推荐药品', csrf });
    expect(saved.status).toBe(200);
    expect(saved.html).toContain('登记成功');
    expect(saved.html).toContain('data-test="h5-flagged"');
    expect(saved.html).toContain('data-test="h5-suggestion"');
    expect(saved.html).toMatch(/本周门店拜访榜[\s\S]*徐汇旗舰店 · 1次/);
    expect(saved.html).toMatch(/本周店员拜访榜[\s\S]*王芳 · 1次/);
    const rows = await t.db.query<{ user_id: string; flagged_for_review: boolean; compliance_note: string; customer_phone: string }>(
      'select user_id, flagged_for_review, compliance_note, customer_phone from store_visits');
    expect(rows).toEqual([{ user_id: 'staff-wang', flagged_for_review: true, compliance_note: '已提醒顾客遵医嘱,未推荐药品', customer_phone: '13800135678' }]);
    const touches = await t.db.query<{ n: number }>(`select count(*)::int as n from touches where user_id = 'staff-wang' and kind = 'visit'`);
    expect(touches[0]!.n).toBe(1);
  });

  it('keeps the existing message for a revoked code, inside WeCom too', async () => {
    const code = await t.send('POST', '/api/stores/sh-xuhui/qrcodes', { purpose: 'campaign', campaign: '双11会员日' });
    expect((await t.send('DELETE', `/api/qrcodes/${code.json.token}`, '')).status).toBe(200);
    const gone = await get(`/s/${code.json.token}`, `zb_store_h5=${session}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('请找店长要一张新的门店二维码');
  });
});
