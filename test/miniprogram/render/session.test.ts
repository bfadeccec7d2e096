// Session expiry and re-login, seen through rendered pages.
import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY } from '../../../miniprogram/lib/session.js';
import { createMiniProgram, settle, tap, textOf } from '../../support/miniprogram-render.js';
import { login, mpError, serveMp } from './fixtures.js';

describe('session expiry and re-login (rendered)', () => {
  it('an expired stored session is replaced by a fresh login before the page’s call', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    await settle(); // onLaunch's early login
    expect(mp.fake.calls('POST', '/mp/login')).toHaveLength(1);
    mp.fake.storage.set(SESSION_STORAGE_KEY, login('stale', -5));

    const home = await mp.open('home');
    expect(textOf(home, '.count')).toBe('1');
    expect(mp.fake.calls('POST', '/mp/login')).toHaveLength(2);
    expect(mp.fake.calls('GET', '/mp/visits').map((r) => r.header['Authorization'])).toEqual(['Bearer session-2']);
    expect((mp.fake.storage.get(SESSION_STORAGE_KEY) as { session: string }).session).toBe('session-2');
  });

  it('a RELOGIN 401 from the server logs in again once and the page still renders', async () => {
    const mp = createMiniProgram();
    const server = serveMp(mp);
    const home = await mp.open('home');
    expect(textOf(home, '.count')).toBe('1');

    server.expireAll();
    await tap(home, '.link'); // navigate away …
    home.triggerPageLifeTime('show'); // … and back: onShow refreshes the count
    await settle();
    expect(textOf(home, '.count')).toBe('1');
    expect(home.querySelector('.error')).toBeUndefined();
    expect(mp.fake.calls('GET', '/mp/visits').map((r) => r.header['Authorization'])).toEqual([
      'Bearer session-1',
      'Bearer session-1',
      'Bearer session-2',
    ]);
    expect(mp.fake.calls('POST', '/mp/login')).toHaveLength(2);
  });

  it('when logging in again fails the page shows why', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    mp.fake.route('GET', '/mp/leaderboard', () => ({ status: 401, body: mpError('session_expired', 'expired') }));
    let logins = 0;
    mp.fake.route('POST', '/mp/login', () =>
      ++logins === 1 ? { status: 200, body: login('session-1') } : { status: 401, body: mpError('login_failed', 'bad code') },
    );
    const page = await mp.open('leaderboard');
    expect(textOf(page, '.error')).toBe('登录失败，请稍后再试');
    expect(page.querySelector('.row')).toBeUndefined();
    expect(mp.fake.calls('GET', '/mp/leaderboard')).toHaveLength(1);
    expect(logins).toBe(2);
  });
});
