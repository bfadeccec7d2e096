// The store scenario end to end: a store and its QR sheet, mini-program login through a fake
// jscode2session, scanning, visits with and without a compliance note, suggestions, the store
// leaderboard, QR forgery / revocation / foreign tenants, and the web page a phone camera opens.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelApi, type FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { mintQrCode } from '../../src/app/stores/qr-codes.js';
import { repoRoot } from '../../src/config/repo-root.js';
import type { LoginResponse, StoreCard, VisitResponse } from '../../src/shared/mp-api.js';
import { ensureTenant } from '../../src/store/repos/tenants-repo.js';
import { upsertStore } from '../../src/store/repos/stores-repo.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let model: FakeModelApi;
let session = '';
let qr = '';

beforeAll(async () => {
  model = await startFakeModelApi();
  t = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://zb.example.com', ASR_BASE_URL: model.url, ASR_API_KEY: 'test-key' } });
});
afterAll(async () => {
  await t?.stop();
  await model?.close();
});

async function mp(method: string, path: string, body?: unknown, token: string | null = session) {
  const res = await fetch(`${t.server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

async function login(code: string, userid: string, corpid?: string): Promise<{ status: number; json: any }> {
  t.fake.miniCodes.set(code, { userid, corpid });
  return mp('POST', '/mp/login', { code }, null);
}

describe('setting up a store', () => {
  it('creates a store in a team and mints a signed QR code', async () => {
    await t.send('PUT', '/api/teams/shop-east', { name: '华东门店组', memberUserIds: [], managerUserIds: [] });
    const store = await t.send('PUT', '/api/stores/sh-xuhui', { name: '徐汇旗舰店', teamKey: 'shop-east', city: '上海' });
    expect(store.status).toBe(200);
    expect(store.json).toEqual({ key: 'sh-xuhui', name: '徐汇旗舰店', teamKey: 'shop-east', city: '上海' });
    expect((await t.send('PUT', '/api/stores/x', { name: '错组', teamKey: 'nope' })).status).toBe(400);

    const code = await t.send('POST', '/api/stores/sh-xuhui/qrcodes', { purpose: 'visit' });
    expect(code.status).toBe(201);
    expect(code.json.token.length).toBeLessThanOrEqual(32);
    expect(code.json.url).toBe(`https://zb.example.com/s/${code.json.token}`);
    expect(Buffer.from(code.json.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
    qr = code.json.url;
  });

  it('prints the QR sheet through the CLI', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'zb-sheet-')), 'sheet.png');
    const { stderr } = await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'qr-sheet', 'sh-xuhui', '--out', out], {
      cwd: repoRoot(), env: { ...process.env, PORT: String(t.server.port), ADMIN_TOKEN },
    });
    expect(stderr).toContain('wrote');
    const png = readFileSync(out);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(600); // a printable sheet, not a thumbnail
  });
});

describe('mini-program login', () => {
  it('turns a wx.qy.login code into a session for a store staff member', async () => {
    t.fake.users.set('staff-li', '李娜');
    const res = await login('code-li-1', 'staff-li');
    expect(res.status).toBe(200);
    const body = res.json as LoginResponse;
    expect(body.user).toEqual({ id: 'staff-li', name: '李娜', role: 'store_staff' });
    expect(JSON.stringify(body)).not.toContain('session_key');
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    session = body.session;
  });

  it('refuses an invalid code (40029), another corp, and calls without a valid session', async () => {
    expect((await mp('POST', '/mp/login', { code: 'never-issued' }, null)).json.code).toBe('login_failed');
    const cross = await login('code-x', 'staff-x', 'wwsomeothercorp');
    expect(cross.status).toBe(403);
    expect(cross.json.code).toBe('cross_corp');
    expect((await mp('POST', '/mp/scan', { qr }, null)).json).toMatchObject({ code: 'session_missing' });
    const bad = await mp('POST', '/mp/scan', { qr }, 'not-a-session');
    expect(bad.status).toBe(401);
    expect(bad.json.code).toBe('session_invalid');
  });
});

describe('visits', () => {
  it('scans the store card', async () => {
    const res = await mp('POST', '/mp/scan', { qr });
    expect(res.status).toBe(200);
    expect(res.json as StoreCard).toEqual({ store: { key: 'sh-xuhui', name: '徐汇旗舰店', city: '上海' }, purpose: 'visit', campaign: null, todayVisits: 0, myTodayVisits: 0 });
  });

  it('records a plain visit with suggestions and a masked phone', async () => {
    const res = await mp('POST', '/mp/visits', { qr, question: '宝宝脸上湿疹反复,用什么润肤霜比较好', customerName: '王女士', customerPhone: '138 0013 5678' });
    expect(res.status).toBe(200);
    const body = res.json as VisitResponse;
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.length).toBeLessThanOrEqual(3);
    expect(body.suggestions.map((s) => s.action).join()).toMatch(/润肤|护理|皮肤/);
    expect(body.visit).toMatchObject({ storeKey: 'sh-xuhui', storeName: '徐汇旗舰店', customerName: '王女士', customerPhoneMasked: '138****5678', flaggedForReview: false });
    const touches = await t.db.query<{ n: number }>(`select count(*)::int as n from touches where user_id = 'staff-li' and kind = 'visit'`);
    expect(touches[0]!.n).toBe(1);
  });

  it('refuses a sensitive question without a compliance note, and saves it flagged with one', async () => {
    const question = '孩子对牛奶过敏,医院诊断是湿疹,能用这个吗';
    const refused = await mp('POST', '/mp/visits', { qr, question });
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('compliance_note_required');
    expect(refused.json.words).toEqual(expect.arrayContaining(['过敏', '医院诊断']));
    expect((await mp('POST', '/mp/visits', { qr, question, complianceNote: '好' })).status).toBe(422);
    const before = await t.db.query<{ n: number }>('select count(*)::int as n from store_visits');
    expect(before[0]!.n).toBe(1);

    const saved = await mp('POST', '/mp/visits', { qr, question, complianceNote: '已提醒顾客遵医嘱,未推荐药品' });
    expect(saved.status).toBe(200);
    expect(saved.json.visit).toMatchObject({ flaggedForReview: true, complianceNote: '已提醒顾客遵医嘱,未推荐药品' });
  });

  it('takes a dictated question through the same ASR as chat voice notes', async () => {
    model.transcripts = ['顾客想给宝宝转奶,问新奶粉怎么过渡'];
    const audio = { base64: Buffer.from('ID3 fake mp3 frames '.repeat(40)).toString('base64'), format: 'mp3' };
    const res = await mp('POST', '/mp/visits', { qr, question: '', audio });
    expect(res.status).toBe(200);
    expect(res.json.visit.question).toBe('顾客想给宝宝转奶,问新奶粉怎么过渡');
    expect(res.json.suggestions.length).toBeGreaterThan(0);
    expect(model.calls.some((c) => c.path.endsWith('/audio/transcriptions') && c.bytes > 800)).toBe(true);
    expect((await mp('POST', '/mp/visits', { qr, question: '', audio: { base64: '', format: 'mp3' } })).status).toBe(400);
  });

  it('lists my visits and the leaderboards, and shows the sensitive words to the client', async () => {
    const mine = await mp('GET', '/mp/visits');
    expect(mine.json.visits.map((v: any) => v.flaggedForReview)).toEqual([false, true, false]);
    const stores = await mp('GET', '/mp/leaderboard?scope=store&period=day');
    expect(stores.json.rows).toEqual([{ rank: 1, key: 'sh-xuhui', name: '徐汇旗舰店', visits: 3 }]);
    const people = await mp('GET', '/mp/leaderboard?scope=team&period=week');
    expect(people.json.rows).toEqual([{ rank: 1, key: 'staff-li', name: '李娜', visits: 3 }]);
    expect((await mp('GET', '/mp/leaderboard?scope=galaxy')).status).toBe(400);
    const config = await mp('GET', '/mp/config');
    expect(config.json.sensitiveWords).toEqual(expect.arrayContaining(['过敏', '处方', '孕妇']));
    const card = await mp('POST', '/mp/scan', { qr });
    expect(card.json).toMatchObject({ todayVisits: 3, myTodayVisits: 3 });
  });

  it('puts the store rows into the team leaderboard push', async () => {
    await t.send('PUT', '/api/teams/shop-east', {
      name: '华东门店组', memberUserIds: ['staff-li'], managerUserIds: [], alert: { kind: 'wecom_webhook', key: 'robot-key-shops' },
    });
    const res = await t.send('POST', '/api/jobs/leaderboard-daily/run', {});
    expect(res.status).toBe(200);
    const { eventually } = await import('../support/test-server.js');
    const board = await eventually(() => t.fake.sent().find((c) => c.query.key === 'robot-key-shops' && c.body?.msgtype === 'markdown'));
    expect((board.body!.markdown as any).content).toMatch(/门店拜访[\s\S]*徐汇旗舰店 · 拜访3/);
  });
});

describe('QR codes that must not work', () => {
  it('refuses forged and tampered tokens', async () => {
    const token = qr.split('/s/')[1]!;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await mp('POST', '/mp/scan', { qr: tampered })).json.code).toBe('qr_invalid');
    expect((await mp('POST', '/mp/scan', { qr: 'abcdefghij.forgedforgedforgedfo' })).json.code).toBe('qr_invalid');
    expect((await mp('POST', '/mp/scan', { qr: 'https://zb.example.com/s/%3Cscript%3E' })).status).toBe(403);
  });

  it('refuses another tenant’s code', async () => {
    await ensureTenant(t.db, 'other', '另一家公司');
    await upsertStore(t.db, 'other', { key: 'bj-1', name: '北京店', teamKey: null, city: null });
    const foreign = await mintQrCode(t.server.deps, 'other', 'bj-1', 'visit', null);
    const res = await mp('POST', '/mp/scan', { qr: foreign.url });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('qr_foreign');
    expect((await mp('POST', '/mp/visits', { qr: foreign.url, question: '有试用装吗' })).json.code).toBe('qr_foreign');
  });

  it('refuses a revoked code, and its web page says so', async () => {
    const code = await t.send('POST', '/api/stores/sh-xuhui/qrcodes', { purpose: 'campaign', campaign: '双11会员日' });
    expect((await mp('POST', '/mp/scan', { qr: code.json.token })).json).toMatchObject({ purpose: 'campaign', campaign: '双11会员日' });
    const page = await fetch(`${t.server.url}/s/${code.json.token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('徐汇旗舰店');
    expect(html).toContain('双11会员日');
    expect((await t.send('DELETE', `/api/qrcodes/${code.json.token}`, '')).status).toBe(200);
    expect((await mp('POST', '/mp/scan', { qr: code.json.token })).json.code).toBe('qr_revoked');
    const gone = await fetch(`${t.server.url}/s/${code.json.token}`);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('二维码');
  });

  it('shows a friendly 404 page for a token that never existed', async () => {
    const res = await fetch(`${t.server.url}/s/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('找店长');
  });
});

