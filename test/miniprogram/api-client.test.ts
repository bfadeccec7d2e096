// The typed /mp/* client over a fake wx.request: routes, Bearer header, timeouts, one re-login and
// one retry on a RELOGIN 401 (shared by concurrent calls), and errors as ApiError.
import { describe, expect, it } from 'vitest';
import type { LeaderboardResponse, StoreCard, VisitResponse } from '../../src/shared/mp-api.js';
import { createApiClient } from '../../miniprogram/lib/api-client.js';
import { ApiError, errorText, isApiError } from '../../miniprogram/lib/api-error.js';
import { SESSION_STORAGE_KEY, createSession } from '../../miniprogram/lib/session.js';
import { ORIGIN, createFakeWx, deferred, loginBody, type FakeWx } from './fake-wx.js';

const NOW = Date.parse('2025-03-10T02:00:00Z');

const CARD: StoreCard = {
  store: { key: 'sh-01', name: '静安店', city: '上海' },
  purpose: 'visit',
  campaign: null,
  todayVisits: 4,
  myTodayVisits: 1,
};

const VISIT: VisitResponse = {
  visit: {
    id: 'v1',
    storeKey: 'sh-01',
    storeName: '静安店',
    question: '宝宝湿疹用什么',
    topics: ['湿疹'],
    customerName: null,
    customerPhoneMasked: null,
    complianceNote: null,
    flaggedForReview: false,
    createdAt: '2025-03-10T02:00:00Z',
  },
  topics: ['湿疹'],
  suggestions: [{ action: '推荐含神经酰胺的润肤霜', from: '宝宝湿疹' }],
};

function setup(opts: { stored?: string; apiBase?: string } = {}) {
  const fake = createFakeWx();
  let n = 0;
  fake.route('POST', '/mp/login', () => ({ status: 200, body: loginBody(`new${++n}`, NOW) }));
  if (opts.stored) fake.storage.set(SESSION_STORAGE_KEY, loginBody(opts.stored, NOW));
  const apiBase = opts.apiBase ?? ORIGIN;
  const session = createSession({ wx: fake.wx, apiBase, timeoutMs: 8000, now: () => NOW });
  const api = createApiClient({ wx: fake.wx, session, apiBase, timeoutMs: 8000, visitTimeoutMs: 30000 });
  return { fake, api };
}

/** 401 session_expired for `stale`, `ok` for any other token. */
function expireToken(fake: FakeWx, method: string, path: string, stale: string, ok: unknown) {
  fake.route(method, path, (req) =>
    req.header.Authorization === `Bearer ${stale}`
      ? { status: 401, body: { code: 'session_expired', message: 'expired' } }
      : { status: 200, body: ok },
  );
}

describe('api client routes', () => {
  it('calls every route with the Bearer session, JSON body and timeout', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    const board: LeaderboardResponse = { scope: 'team', period: 'month', title: '本月', rows: [] };
    fake.route('GET', '/mp/config', () => ({ status: 200, body: { sensitiveWords: ['过敏'], maxQuestionChars: 300 } }));
    fake.route('POST', '/mp/scan', () => ({ status: 200, body: CARD }));
    fake.route('POST', '/mp/visits', () => ({ status: 200, body: VISIT }));
    fake.route('GET', '/mp/visits', () => ({ status: 200, body: { visits: [VISIT.visit] } }));
    fake.route('GET', '/mp/leaderboard', () => ({ status: 200, body: board }));

    expect(await api.config()).toEqual({ sensitiveWords: ['过敏'], maxQuestionChars: 300 });
    expect(await api.scan('abc123')).toEqual(CARD);
    expect(await api.createVisit({ qr: 'abc123', question: '宝宝湿疹用什么' })).toEqual(VISIT);
    expect((await api.myVisits()).visits).toHaveLength(1);
    expect(await api.leaderboard('team', 'month')).toEqual(board);

    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /mp/config',
      'POST /mp/scan',
      'POST /mp/visits',
      'GET /mp/visits',
      'GET /mp/leaderboard?scope=team&period=month',
    ]);
    for (const r of fake.requests) {
      expect(r.url.startsWith(`${ORIGIN}/mp/`)).toBe(true);
      expect(r.header.Authorization).toBe('Bearer tok');
    }
    const [scan] = fake.calls('POST', '/mp/scan');
    expect(scan?.body).toEqual({ qr: 'abc123' });
    expect(scan?.header['Content-Type']).toBe('application/json');
    expect(scan?.timeout).toBe(8000);
    expect(fake.calls('POST', '/mp/visits')[0]?.timeout).toBe(30000);
    expect(fake.calls('GET', '/mp/config')[0]?.body).toBeUndefined();
    expect(fake.qy.logins).toBe(0);
  });

  it('logs in first when no session is stored', async () => {
    const { fake, api } = setup();
    fake.route('GET', '/mp/visits', () => ({ status: 200, body: { visits: [] } }));
    await api.myVisits();
    expect(fake.requests.map((r) => r.path)).toEqual(['/mp/login', '/mp/visits']);
    expect(fake.calls('GET', '/mp/visits')[0]?.header.Authorization).toBe('Bearer new1');
  });

  it('login() returns the user', async () => {
    const { api } = setup();
    expect((await api.login()).user).toEqual({ id: 'u1', name: '小王', role: 'store_staff' });
  });

  it('joins apiBase and paths without doubled slashes', async () => {
    const { fake, api } = setup({ stored: 'tok', apiBase: `${ORIGIN}/` });
    fake.route('GET', '/mp/config', () => ({ status: 200, body: { sensitiveWords: [], maxQuestionChars: 1 } }));
    await api.config();
    expect(fake.requests[0]?.url).toBe(`${ORIGIN}/mp/config`);
  });

  it('accepts a JSON body that arrived as a string', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    fake.route('POST', '/mp/scan', () => ({ status: 200, body: JSON.stringify(CARD) }));
    expect(await api.scan('abc')).toEqual(CARD);
  });
});

describe('api client re-login', () => {
  it('on a RELOGIN 401 logs in again once and repeats the call once', async () => {
    const { fake, api } = setup({ stored: 'stale' });
    expireToken(fake, 'POST', '/mp/scan', 'stale', CARD);
    expect(await api.scan('abc')).toEqual(CARD);
    expect(fake.requests.map((r) => `${r.path} ${r.header.Authorization ?? ''}`)).toEqual([
      '/mp/scan Bearer stale',
      '/mp/login ',
      '/mp/scan Bearer new1',
    ]);
    expect(fake.qy.logins).toBe(1);
  });

  it('gives up after one retry', async () => {
    const { fake, api } = setup({ stored: 'stale' });
    fake.route('GET', '/mp/visits', () => ({ status: 401, body: { code: 'session_invalid', message: 'no' } }));
    await expect(api.myVisits()).rejects.toMatchObject({ status: 401, code: 'session_invalid' });
    expect(fake.calls('GET', '/mp/visits')).toHaveLength(2);
    expect(fake.qy.logins).toBe(1);
  });

  it('does not log in again for 401s outside RELOGIN_CODES or RELOGIN codes on other statuses', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    fake.route('GET', '/mp/visits', () => ({ status: 401, body: { code: 'cross_corp', message: 'other corp' } }));
    fake.route('GET', '/mp/config', () => ({ status: 403, body: { code: 'session_expired', message: 'odd' } }));
    await expect(api.myVisits()).rejects.toMatchObject({ status: 401, code: 'cross_corp' });
    await expect(api.config()).rejects.toMatchObject({ status: 403, code: 'session_expired' });
    expect(fake.qy.logins).toBe(0);
    expect(fake.requests).toHaveLength(2);
  });

  it('concurrent calls that all hit a 401 share one re-login', async () => {
    const fake = createFakeWx();
    fake.storage.set(SESSION_STORAGE_KEY, loginBody('stale', NOW));
    const gate = deferred();
    fake.route('POST', '/mp/login', async () => {
      await gate.promise;
      return { status: 200, body: loginBody('fresh', NOW) };
    });
    expireToken(fake, 'POST', '/mp/scan', 'stale', CARD);
    expireToken(fake, 'GET', '/mp/visits', 'stale', { visits: [] });
    expireToken(fake, 'GET', '/mp/config', 'stale', { sensitiveWords: [], maxQuestionChars: 200 });
    const session = createSession({ wx: fake.wx, apiBase: ORIGIN, timeoutMs: 8000, now: () => NOW });
    const api = createApiClient({ wx: fake.wx, session, apiBase: ORIGIN, timeoutMs: 8000 });

    const all = Promise.all([api.scan('abc'), api.myVisits(), api.config()]);
    // Let all three 401s arrive and pile up behind the one login before it answers.
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls('POST', '/mp/login')).toHaveLength(1);
    gate.resolve();
    await all;

    expect(fake.qy.logins).toBe(1);
    expect(fake.calls('POST', '/mp/login')).toHaveLength(1);
    const retried = fake.requests.filter((r) => r.path !== '/mp/login' && r.header.Authorization === 'Bearer fresh');
    expect(retried).toHaveLength(3);
  });

  it('a 401 arriving after another call already renewed reuses the new session', async () => {
    const fake = createFakeWx();
    fake.storage.set(SESSION_STORAGE_KEY, loginBody('stale', NOW));
    fake.route('POST', '/mp/login', () => ({ status: 200, body: loginBody('fresh', NOW) }));
    const slow = deferred();
    fake.route('GET', '/mp/visits', async (req) => {
      if (req.header.Authorization === 'Bearer stale') {
        await slow.promise;
        return { status: 401, body: { code: 'session_expired', message: 'expired' } };
      }
      return { status: 200, body: { visits: [] } };
    });
    expireToken(fake, 'POST', '/mp/scan', 'stale', CARD);
    const session = createSession({ wx: fake.wx, apiBase: ORIGIN, timeoutMs: 8000, now: () => NOW });
    const api = createApiClient({ wx: fake.wx, session, apiBase: ORIGIN, timeoutMs: 8000 });

    const visits = api.myVisits();
    await api.scan('abc'); // renews while the visits call is still waiting for its 401
    slow.resolve();
    await visits;
    expect(fake.qy.logins).toBe(1);
  });
});

describe('api client errors', () => {
  it('turns a 422 compliance_note_required into ApiError with the words', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    fake.route('POST', '/mp/visits', () => ({
      status: 422,
      body: { code: 'compliance_note_required', message: 'note required', words: ['过敏', 7] },
    }));
    const err: unknown = await api.createVisit({ qr: 'abc', question: '过敏' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 422, code: 'compliance_note_required', message: 'note required', words: ['过敏'] });
    expect(errorText(err)).toBe('请填写合规说明');
  });

  it('reports network failures and timeouts with status 0', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    fake.route('GET', '/mp/visits', () => ({ fail: 'request:fail timeout' }));
    fake.route('GET', '/mp/config', () => ({ fail: 'request:fail url not in domain list' }));
    await expect(api.myVisits()).rejects.toMatchObject({ status: 0, code: 'timeout' });
    await expect(api.config()).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('reports a non-JSON error page as bad_response with its status', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    fake.route('GET', '/mp/visits', () => ({ status: 502, body: '<html>Bad Gateway</html>' }));
    fake.route('GET', '/mp/config', () => ({ status: 200, body: 'OK' }));
    await expect(api.myVisits()).rejects.toMatchObject({ status: 502, code: 'bad_response' });
    await expect(api.config()).rejects.toMatchObject({ status: 200, code: 'bad_response' });
  });

  it('keeps unknown server codes and gives them generic Chinese text', async () => {
    const { fake, api } = setup({ stored: 'tok' });
    fake.route('POST', '/mp/scan', () => ({ status: 410, body: { code: 'qr_revoked', message: 'revoked' } }));
    fake.route('GET', '/mp/visits', () => ({ status: 500, body: { code: 'internal', message: 'boom' } }));
    const revoked: unknown = await api.scan('abc').catch((e: unknown) => e);
    const unknown: unknown = await api.myVisits().catch((e: unknown) => e);
    expect(errorText(revoked)).toBe('这个门店码已停用，请联系总部');
    expect(isApiError(unknown) && unknown.code).toBe('internal');
    expect(errorText(unknown)).toBe('出错了，请稍后再试');
    expect(errorText(new Error('x'))).toBe('出错了，请稍后再试');
    expect(errorText(new ApiError(500, 'constructor', 'x'))).toBe('出错了，请稍后再试');
  });
});
