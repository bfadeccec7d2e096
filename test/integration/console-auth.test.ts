// Console sign-in end to end through the running server: one-time links (and the CLI that prints them),
// ADMIN_TOKEN with its failure backoff, cookie flags, CSRF, session expiry and leavers, the audit log.
// Platform sign-in (WeCom, DingTalk) is in console-auth-platforms.test.ts.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config/repo-root.js';
import { fixedClock } from '../../src/shared/clock.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { consoleClient } from '../support/console-client.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.js';
import { cookieFrom, cookiesOf, jsonPost } from '../support/sign-in-http.js';

const clock = fixedClock('2026-03-02T09:00:00+08:00');
let t: TestServer;
let tenant: string;

beforeAll(async () => {
  t = await startTestServer({ clock, workers: false });
  tenant = t.config.defaultTenantId;
  await ensureUser(t.db, tenant, 'zhangsan', '张三', 'wecom');
  await ensureUser(t.db, tenant, 'lisi', '李四', 'wecom');
  await ensureUser(t.db, tenant, 'wangwu', '王五', 'wecom');
  await ensureUser(t.db, tenant, 'zhaoliu', '赵六', 'wecom');
  const team = await t.send('PUT', '/api/teams/east', { name: '华东', memberUserIds: ['zhangsan'], managerUserIds: ['lisi'] });
  expect(team.status).toBe(200);
});
afterAll(async () => {
  await t.stop();
});

const link = async (body: object) => t.send('POST', '/api/console/links', body);
const tokenOf = (url: string) => new URL(url).searchParams.get('link')!;
const spend = (token: string, headers: Record<string, string> = {}) => jsonPost(t, '/console/api/login/link', { token }, headers);
const me = (cookie: string) => fetch(`${t.server.url}/console/api/me`, { headers: { cookie } });
const auditActions = async () => (await t.db.query<{ action: string; actor: string; target: string | null }>(
  'select action, actor, target from audit_log where tenant_id = $1 order by id', [tenant]));

describe('one-time sign-in links', () => {
  it('opens the sign-in page on a plain GET without spending the link, then signs in once', async () => {
    const made = await link({ userId: 'zhangsan' });
    expect(made.status).toBe(201);
    expect(made.json.url).toMatch(new RegExp(`^${t.server.url}/console/login\\?link=[A-Za-z0-9_-]{40,}$`));
    expect(made.json.user).toEqual({ id: 'zhangsan', name: '张三', role: 'rep' });
    expect(Date.parse(made.json.expiresAt) - clock.now().getTime()).toBe(15 * 60_000);

    // What a chat's link preview does: fetch the URL. It gets the page (or "not built"), nothing more.
    const preview = await fetch(made.json.url, { redirect: 'manual' });
    expect([200, 503]).toContain(preview.status);
    expect(cookiesOf(preview)).toEqual([]);

    const first = await spend(tokenOf(made.json.url));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ userId: 'zhangsan', name: '张三', role: 'rep', via: 'link', managedTeamKeys: [] });
    expect(first.json.csrfToken).toEqual(expect.any(String));
    const cookie = cookieFrom(first.res, 'zb_console');
    const who = await me(cookie);
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ userId: 'zhangsan', via: 'link', csrfToken: first.json.csrfToken });

    const again = await spend(tokenOf(made.json.url));
    expect(again.status).toBe(410);
    expect(again.json).toMatchObject({ code: 'link_expired' });
    expect(again.json.message).toContain('15 分钟');
    expect(cookiesOf(again.res)).toEqual([]);
  });

  it('expires after 15 minutes', async () => {
    const made = await link({ userId: 'zhangsan' });
    clock.advance(15 * 60_000 + 1_000);
    const late = await spend(tokenOf(made.json.url));
    expect(late.status).toBe(410);
    expect(late.json.code).toBe('link_expired');
  });

  it('gives a manager their teams, and an admin link an admin session', async () => {
    const manager = await spend(tokenOf((await link({ userId: 'lisi' })).json.url));
    expect(manager.json).toMatchObject({ userId: 'lisi', role: 'manager', managedTeamKeys: ['east'] });
    const made = await link({ admin: true });
    expect(made.json).toMatchObject({ user: null, role: 'admin' });
    const admin = await spend(tokenOf(made.json.url));
    expect(admin.json).toMatchObject({ userId: null, role: 'admin', via: 'link' });
  });

  it('refuses unknown and deactivated people, and a request that names no one', async () => {
    expect((await link({ userId: 'nobody' })).status).toBe(404);
    await t.db.execute('update users set active = false, deactivated_at = now() where tenant_id = $1 and id = $2', [tenant, 'zhaoliu']);
    const left = await link({ userId: 'zhaoliu' });
    expect(left.status).toBe(409);
    expect(left.json.code).toBe('user_inactive');
    expect((await link({})).status).toBe(400);
    expect((await link({ userId: 'zhangsan', admin: true })).status).toBe(400);
    const noBearer = await fetch(`${t.server.url}/api/console/links`, { method: 'POST', body: '{"admin":true}' });
    expect(noBearer.status).toBe(401);
  });

  it('refuses a link whose person left after it was made', async () => {
    await t.db.execute('update users set active = true where tenant_id = $1 and id = $2', [tenant, 'zhaoliu']);
    const made = await link({ userId: 'zhaoliu' });
    await t.db.execute('update users set active = false where tenant_id = $1 and id = $2', [tenant, 'zhaoliu']);
    const r = await spend(tokenOf(made.json.url));
    expect(r.status).toBe(403);
    expect(r.json.message).toContain('你还不是战报的成员');
    expect(cookiesOf(r.res)).toEqual([]);
  });

  it('takes sign-in bodies only as JSON (no cross-site form can sign someone in)', async () => {
    const made = await link({ userId: 'zhangsan' });
    const res = await fetch(`${t.server.url}/console/api/login/link`, {
      method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ token: tokenOf(made.json.url) }),
    });
    expect(res.status).toBe(415);
    expect((await spend(tokenOf(made.json.url))).status).toBe(200);
  });
});

describe('console-link CLI', () => {
  const run = promisify(execFile);
  // Async: the server answering the CLI lives in this process, so a blocking spawn would deadlock.
  async function cli(args: string[], env: Record<string, string> = {}) {
    try {
      const r = await run(process.execPath, ['--import', 'tsx', join(repoRoot(), 'src/cli/main.ts'), 'console-link', ...args], {
        cwd: repoRoot(), env: { PATH: process.env.PATH ?? '', PORT: String(t.server.port), ADMIN_TOKEN, ENV_FILE: '/nonexistent/.env', ...env },
      });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  }

  it('prints a working one-time URL for a person, and an admin URL with --admin', async () => {
    const r = await cli(['zhangsan']);
    expect(r.code).toBe(0);
    const url = r.out.trim();
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${t.server.port}/console/login\\?link=`));
    expect(r.err).toContain('张三');
    const signedIn = await spend(tokenOf(url));
    expect(signedIn.json).toMatchObject({ userId: 'zhangsan', via: 'link' });

    const admin = await cli(['--admin']);
    expect(admin.code).toBe(0);
    expect((await spend(tokenOf(admin.out.trim()))).json.role).toBe('admin');
  });

  it('uses PUBLIC_BASE_URL of the server when it is set', async () => {
    const original = t.config.publicBaseUrl;
    await t.restart({ workers: false, config: { publicBaseUrl: 'https://zb.example.com' } });
    try {
      const r = await cli(['zhangsan']);
      expect(r.out.trim()).toMatch(/^https:\/\/zb\.example\.com\/console\/login\?link=/);
    } finally {
      await t.restart({ workers: false, config: { publicBaseUrl: original } });
    }
  });

  it('says clearly when the person is unknown or deactivated, or the call is wrong', async () => {
    const unknown = await cli(['nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('');
    expect(unknown.err).toContain('no user "nobody"');
    const left = await cli(['zhaoliu']);
    expect(left.code).toBe(1);
    expect(left.err).toContain('deactivated');
    expect((await cli([])).code).toBe(2);
    expect((await cli(['a', 'b'])).code).toBe(2);
    expect((await cli(['--admin', 'zhangsan'])).code).toBe(2);
    const noToken = await cli(['zhangsan'], { ADMIN_TOKEN: '' });
    expect(noToken.code).toBe(2);
    const wrongToken = await cli(['zhangsan'], { ADMIN_TOKEN: 'not-it' });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.err).toContain('ADMIN_TOKEN');
  });
});

describe('ADMIN_TOKEN sign-in', () => {
  const tokenLogin = (token: string, ip: string) => jsonPost(t, '/console/api/login/token', { token }, { 'x-forwarded-for': ip });

  it('signs in as admin with the right token', async () => {
    const r = await tokenLogin(ADMIN_TOKEN, '198.51.100.1');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ userId: null, role: 'admin', via: 'admin_token' });
    expect((await me(cookieFrom(r.res, 'zb_console'))).status).toBe(200);
  });

  it('refuses a wrong token with 401, and backs off per address after a few', async () => {
    const ip = '198.51.100.2';
    for (let i = 0; i < 3; i++) {
      const wrong = await tokenLogin('guess', ip);
      expect(wrong.status).toBe(401);
      expect(wrong.json.code).toBe('wrong_token');
      expect(cookiesOf(wrong.res)).toEqual([]);
    }
    const blocked = await tokenLogin(ADMIN_TOKEN, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.res.headers.get('retry-after')).toBe('2');
    expect(blocked.json.message).toContain('秒后再试');
    // Another address is not held back by this one.
    expect((await tokenLogin(ADMIN_TOKEN, '198.51.100.3')).status).toBe(200);
    clock.advance(2_000);
    expect((await tokenLogin('guess again', ip)).status).toBe(401);
    expect((await tokenLogin(ADMIN_TOKEN, ip)).status).toBe(429); // now 4 s
    clock.advance(4_000);
    expect((await tokenLogin(ADMIN_TOKEN, ip)).status).toBe(200);
    expect((await tokenLogin('guess', ip)).status).toBe(401); // the success forgot the failures
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, on /console, and Secure behind https', async () => {
    const plain = await spend(tokenOf((await link({ userId: 'zhangsan' })).json.url));
    const set = cookiesOf(plain.res).find((c) => c.startsWith('zb_console='))!;
    expect(set).toMatch(/; path=\/console(;|$)/i);
    expect(set).toMatch(/; httponly/i);
    expect(set).toMatch(/; samesite=lax/i);
    expect(set).not.toMatch(/; secure/i);
    expect(set).toMatch(/; expires=/i);

    const https = await spend(tokenOf((await link({ userId: 'zhangsan' })).json.url), { 'x-forwarded-proto': 'https' });
    expect(cookiesOf(https.res).find((c) => c.startsWith('zb_console='))).toMatch(/; secure/i);
  });
});

describe('sessions', () => {
  it('need the CSRF header on every write', async () => {
    const c = await consoleClient(t, 'wangwu');
    const none = await c.request('POST', '/logout', {}, { csrf: null });
    expect(none.status).toBe(403);
    expect(none.json.code).toBe('csrf');
    const wrong = await c.request('POST', '/logout', {}, { csrf: `${c.csrfToken.slice(0, -2)}xx` });
    expect(wrong.status).toBe(403);
    expect((await c.get('/me')).status).toBe(200); // reads need no header, and nothing was signed out
    const right = await c.post('/logout');
    expect(right.status).toBe(200);
    expect(right.headers.getSetCookie().find((s) => s.startsWith('zb_console='))).toMatch(/zb_console=;.*expires=Thu, 01 Jan 1970/i);
    expect((await c.get('/me')).status).toBe(401);
  });

  it('slide with use and expire after 12 idle hours', async () => {
    const c = await consoleClient(t, 'wangwu');
    clock.advance(11 * 3_600_000);
    expect((await c.get('/me')).status).toBe(200);
    clock.advance(11 * 3_600_000);
    expect((await c.get('/me')).status).toBe(200);
    clock.advance(12 * 3_600_000 + 60_000);
    const expired = await c.get('/me');
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('signed_out');
  });

  it('end at once for a person who left', async () => {
    await ensureUser(t.db, tenant, 'sunqi', '孙七', 'wecom');
    const c = await consoleClient(t, 'sunqi');
    expect((await c.get('/me')).status).toBe(200);
    await t.db.execute('update users set active = false where tenant_id = $1 and id = $2', [tenant, 'sunqi']);
    expect((await c.get('/me')).status).toBe(401);
  });

  it('signing in again ends the browser\'s previous session', async () => {
    const first = await spend(tokenOf((await link({ userId: 'zhangsan' })).json.url));
    const oldCookie = cookieFrom(first.res, 'zb_console');
    const second = await spend(tokenOf((await link({ userId: 'wangwu' })).json.url), { cookie: oldCookie });
    expect(second.status).toBe(200);
    expect((await me(oldCookie)).status).toBe(401);
    expect((await me(cookieFrom(second.res, 'zb_console'))).status).toBe(200);
  });
});

describe('the audit log', () => {
  it('records sign-in, sign-out and link creation, and only admins read it', async () => {
    const actions = await auditActions();
    expect(actions).toContainEqual({ action: 'console.link_created', actor: 'admin-token', target: 'zhangsan' });
    expect(actions).toContainEqual({ action: 'console.link_created', actor: 'admin-token', target: null });
    expect(actions).toContainEqual({ action: 'console.sign_in', actor: 'zhangsan', target: 'zhangsan' });
    expect(actions).toContainEqual({ action: 'console.sign_in', actor: 'admin-token', target: null });
    expect(actions).toContainEqual({ action: 'console.sign_out', actor: 'wangwu', target: 'wangwu' });

    const admin = await consoleClient(t, null);
    const all = await admin.get('/audit?limit=500');
    expect(all.status).toBe(200);
    expect(all.json.items.length).toBe(actions.length);
    expect(all.json.items[0]).toMatchObject({ action: expect.any(String), at: expect.any(String) });
    const signIn = all.json.items.find((e: any) => e.action === 'console.sign_in' && e.actor === 'zhangsan');
    expect(signIn.details).toEqual({ via: 'link' });
    const mine = await admin.get('/audit?actor=wangwu');
    expect(mine.json.items.length).toBeGreaterThan(0);
    expect(mine.json.items.every((e: any) => e.actor === 'wangwu')).toBe(true);
    expect((await admin.get('/audit?limit=0')).status).toBe(400);

    const manager = await consoleClient(t, 'lisi');
    expect((await manager.get('/audit')).status).toBe(403);
    const rep = await consoleClient(t, 'zhangsan');
    expect((await rep.get('/audit')).status).toBe(403);
  });
});

describe('sign-in options', () => {
  it('list the configured methods, and start the platform inside its own app', async () => {
    const res = await fetch(`${t.server.url}/console/api/login/options`);
    expect(await res.json()).toEqual({ wecom: true, dingtalk: true, adminToken: true, autoStart: null });
    const inWecom = await fetch(`${t.server.url}/console/api/login/options`, { headers: { 'user-agent': 'Mozilla/5.0 (iPhone) wxwork/4.1.30 MicroMessenger/7.0.1' } });
    expect(((await inWecom.json()) as any).autoStart).toBe('wecom');
  });

  it('end admin sessions when ADMIN_TOKEN changes or is unset; people keep theirs', async () => {
    const admin = cookieFrom((await jsonPost(t, '/console/api/login/token', { token: ADMIN_TOKEN }, { 'x-forwarded-for': '198.51.100.9' })).res, 'zb_console');
    const person = await consoleClient(t, 'zhangsan');
    expect((await me(admin)).status).toBe(200);
    await t.restart({ workers: false, config: { adminToken: 'rotated-admin-token' } });
    expect((await me(admin)).status).toBe(401);
    expect((await person.get('/me')).status).toBe(200);
    await t.restart({ workers: false, config: { adminToken: ADMIN_TOKEN } });
    expect((await me(admin)).status).toBe(401);
  });

  it('turn ADMIN_TOKEN sign-in off when ADMIN_TOKEN is unset', async () => {
    await t.restart({ workers: false, config: { adminToken: null } });
    const res = await fetch(`${t.server.url}/console/api/login/options`);
    expect(((await res.json()) as any).adminToken).toBe(false);
    const r = await jsonPost(t, '/console/api/login/token', { token: '' });
    expect(r.status).toBe(404);
    const r2 = await jsonPost(t, '/console/api/login/token', { token: 'anything' });
    expect(r2.json.code).toBe('sign_in_unavailable');
  });
});
