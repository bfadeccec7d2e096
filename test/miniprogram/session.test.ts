// Session storage, the one-minute expiry margin, proactive login and single-flight renewal.
import { describe, expect, it } from 'vitest';
import { isApiError } from '../../miniprogram/lib/api-error.js';
import { EXPIRY_MARGIN_MS, SESSION_STORAGE_KEY, createSession, isExpired } from '../../miniprogram/lib/session.js';
import { ORIGIN, createFakeWx, deferred, loginBody, type FakeWx } from './fake-wx.js';

const NOW = Date.parse('2025-03-10T02:00:00Z');

function setup(fake: FakeWx = createFakeWx()) {
  let n = 0;
  fake.route('POST', '/mp/login', () => ({ status: 200, body: loginBody(`s${++n}`, NOW) }));
  const session = createSession({ wx: fake.wx, apiBase: ORIGIN, timeoutMs: 5000, now: () => NOW });
  return { fake, session };
}

describe('session', () => {
  it('logs in when nothing is stored and keeps the answer in storage', async () => {
    const { fake, session } = setup();
    const login = await session.ensure();
    expect(login.session).toBe('s1');
    expect(fake.qy.logins).toBe(1);
    const [req] = fake.calls('POST', '/mp/login');
    expect(req?.body).toEqual({ code: 'code-1' });
    expect(req?.header.Authorization).toBeUndefined();
    expect(req?.timeout).toBe(5000);
    expect(fake.storage.get(SESSION_STORAGE_KEY)).toMatchObject({ session: 's1', user: { id: 'u1' } });
    expect(session.current()?.session).toBe('s1');
  });

  it('reuses a stored session without calling wx.qy.login', async () => {
    const { fake, session } = setup();
    fake.storage.set(SESSION_STORAGE_KEY, loginBody('stored', NOW, 30));
    expect((await session.ensure()).session).toBe('stored');
    expect(fake.qy.logins).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('treats a session as expired one minute before expiresAt', async () => {
    const { fake, session } = setup();
    const at = (ms: number) => ({ ...loginBody('old', NOW), expiresAt: new Date(NOW + ms).toISOString() });
    fake.storage.set(SESSION_STORAGE_KEY, at(EXPIRY_MARGIN_MS + 1000));
    expect((await session.ensure()).session).toBe('old');
    fake.storage.set(SESSION_STORAGE_KEY, at(EXPIRY_MARGIN_MS - 1000));
    expect(session.current()).toBeNull();
    expect((await session.ensure()).session).toBe('s1');
    expect(fake.qy.logins).toBe(1);
  });

  it('ignores malformed storage from an older build', async () => {
    const { fake, session } = setup();
    for (const junk of ['', 'token', { session: 's' }, { session: 's', expiresAt: 'soon', user: null }]) {
      fake.storage.set(SESSION_STORAGE_KEY, junk);
      expect(session.current()).toBeNull();
    }
    expect(isExpired({ expiresAt: 'not a date' }, NOW)).toBe(true);
  });

  it('shares one login among concurrent callers', async () => {
    const fake = createFakeWx();
    const gate = deferred();
    fake.route('POST', '/mp/login', async () => {
      await gate.promise;
      return { status: 200, body: loginBody('shared', NOW) };
    });
    const session = createSession({ wx: fake.wx, apiBase: ORIGIN, timeoutMs: 5000, now: () => NOW });
    const all = Promise.all([session.ensure(), session.ensure(), session.renew('x')]);
    gate.resolve();
    expect((await all).map((l) => l.session)).toEqual(['shared', 'shared', 'shared']);
    expect(fake.qy.logins).toBe(1);
    expect(fake.calls('POST', '/mp/login')).toHaveLength(1);
  });

  it('renew() reuses a session another caller already renewed, and logs in when the stored one was rejected', async () => {
    const { fake, session } = setup();
    fake.storage.set(SESSION_STORAGE_KEY, loginBody('fresh', NOW));
    expect((await session.renew('stale')).session).toBe('fresh');
    expect(fake.qy.logins).toBe(0);
    expect((await session.renew('fresh')).session).toBe('s1');
    expect(fake.qy.logins).toBe(1);
  });

  it('surfaces a failed wx.qy.login as wx_login_failed and tries again next time', async () => {
    const { fake, session } = setup();
    fake.qy.fail = 'qy.login:fail';
    const err: unknown = await session.ensure().catch((e: unknown) => e);
    expect(isApiError(err) && err.code).toBe('wx_login_failed');
    expect(fake.requests).toHaveLength(0);
    fake.qy.fail = null;
    expect((await session.ensure()).session).toBe('s1');
    expect(fake.qy.logins).toBe(2);
  });

  it('surfaces a refused /mp/login with the server code and stores nothing', async () => {
    const fake = createFakeWx();
    fake.route('POST', '/mp/login', () => ({ status: 401, body: { code: 'login_failed', message: 'invalid code' } }));
    const session = createSession({ wx: fake.wx, apiBase: ORIGIN, timeoutMs: 5000, now: () => NOW });
    await expect(session.ensure()).rejects.toMatchObject({ status: 401, code: 'login_failed' });
    expect(fake.storage.has(SESSION_STORAGE_KEY)).toBe(false);
  });

  it('rejects a login answer without a session', async () => {
    const fake = createFakeWx();
    fake.route('POST', '/mp/login', () => ({ status: 200, body: { ok: true } }));
    const session = createSession({ wx: fake.wx, apiBase: ORIGIN, timeoutMs: 5000, now: () => NOW });
    await expect(session.ensure()).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('never calls wx.qy.login outside WeCom', async () => {
    const { fake, session } = setup(createFakeWx({ noQy: true }));
    await expect(session.ensure()).rejects.toMatchObject({ status: 0, code: 'not_in_wecom', message: '请在企业微信中打开' });
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps the session in memory when storage refuses the write', async () => {
    const { fake, session } = setup();
    fake.wx.setStorageSync = () => {
      throw new Error('setStorageSync:fail exceed storage max size');
    };
    expect((await session.ensure()).session).toBe('s1');
    expect((await session.ensure()).session).toBe('s1');
    expect(fake.qy.logins).toBe(1);
  });

  it('clear() forgets the stored session', async () => {
    const { fake, session } = setup();
    await session.ensure();
    session.clear();
    expect(fake.storage.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(session.current()).toBeNull();
  });
});
