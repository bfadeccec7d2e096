// 门店 through the console API: stores and QR codes (create, show, print, revoke), the visit list with
// filters, and the compliance review of flagged visits — approve, or send back with a comment, which
// tells the staff member in WeCom. Managers only reach their teams' stores; reps nothing; all audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { insertVisit } from '../../src/store/repos/stores-repo.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { eventually, startTestServer, type TestServer } from '../support/test-server.js';

// A Tuesday morning in Shanghai: the notice to staff is a push and would wait out quiet hours at night.
const clock = fixedClock('2026-11-17T10:00:00+08:00');
let t: TestServer;
let admin: ConsoleClient;
let eastBoss: ConsoleClient;
let rep: ConsoleClient;
let qrUrl = '';

const audit = async (action: string) =>
  t.db.query<{ actor: string; target: string | null; details: any }>('select actor, target, details from audit_log where action = $1 order by id', [action]);

async function mp(method: string, path: string, body: unknown, token?: string) {
  const res = await fetch(`${t.server.url}${path}`, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as any };
}

beforeAll(async () => {
  t = await startTestServer({ clock, env: { PUBLIC_BASE_URL: 'https://zb.example.com' } });
  for (const [id, name] of [['boss-east', '周经理'], ['rep-a', '张三'], ['boss-west', '吴经理']] as const) await ensureUser(t.db, 'default', id, name, 'wecom');
  await t.send('PUT', '/api/teams/east', { name: '华东门店组', memberUserIds: ['rep-a'], managerUserIds: ['boss-east'] });
  await t.send('PUT', '/api/teams/west', { name: '华西门店组', memberUserIds: [], managerUserIds: ['boss-west'] });
  [admin, eastBoss, rep] = await Promise.all([consoleClient(t, null), consoleClient(t, 'boss-east'), consoleClient(t, 'rep-a')]);
});
afterAll(async () => {
  await t?.stop();
});

describe('stores', () => {
  it('refuses a rep every store route', async () => {
    expect((await rep.get('/stores')).status).toBe(403);
    expect((await rep.get('/visits')).status).toBe(403);
    expect((await rep.put('/stores/x', { name: 'x' })).status).toBe(403);
    expect((await rep.post('/visits/x/review', { decision: 'approve' })).status).toBe(403);
  });

  it('lets an admin create and edit stores, audited', async () => {
    const created = await admin.put('/stores/sh-xuhui', { name: '徐汇店', teamKey: 'east', city: '上海' });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ key: 'sh-xuhui', name: '徐汇店', teamKey: 'east', city: '上海' });
    expect((await admin.put('/stores/sh-xuhui', { name: '徐汇旗舰店', teamKey: 'east', city: '上海' })).json.name).toBe('徐汇旗舰店');
    expect((await admin.put('/stores/cd-1', { name: '成都春熙路店', teamKey: 'west', city: '' })).json.city).toBeNull();
    expect((await audit('store.create')).map((a) => a.target)).toEqual(['sh-xuhui', 'cd-1']);
    expect((await audit('store.update'))[0]).toMatchObject({ actor: 'admin-token', target: 'sh-xuhui', details: { name: '徐汇旗舰店' } });
    expect((await admin.put('/stores/bad key', { name: 'x' })).json.message).toContain('门店编号');
    expect((await admin.put('/stores/x', { name: 'x', teamKey: 'nope' })).json.message).toBe('没有这个团队');
    expect((await admin.put('/stores/x', { name: '' })).status).toBe(400);
  });

  it('holds a manager to the stores of their teams', async () => {
    expect((await eastBoss.get('/stores')).json.items.map((s: any) => s.key)).toEqual(['sh-xuhui']);
    expect((await eastBoss.put('/stores/cd-1', { name: '改名', teamKey: 'east' })).status).toBe(404);
    expect((await eastBoss.put('/stores/sh-new', { name: '新店', teamKey: 'west' })).json.message).toBe('请选择你负责的团队');
    expect((await eastBoss.put('/stores/sh-new', { name: '新店' })).status).toBe(400);
    expect((await eastBoss.put('/stores/sh-new', { name: '静安店', teamKey: 'east' })).status).toBe(200);
    expect((await eastBoss.get('/stores')).json.items.map((s: any) => s.key)).toEqual(['sh-new', 'sh-xuhui']);
  });
});

describe('QR codes', () => {
  it('mints, shows, prints and revokes a code', async () => {
    const minted = await eastBoss.post('/stores/sh-xuhui/qrcodes', { purpose: 'visit' });
    expect(minted.status).toBe(201);
    expect(minted.json.url).toBe(`https://zb.example.com/s/${minted.json.token}`);
    expect(Buffer.from(minted.json.png, 'base64').subarray(1, 4).toString()).toBe('PNG');
    qrUrl = minted.json.url;
    const shown = await eastBoss.get(`/stores/sh-xuhui/qrcodes/${minted.json.id}`);
    expect(shown.json).toMatchObject({ id: minted.json.id, url: qrUrl, purpose: 'visit', revokedAt: null });

    const sheet = await fetch(`${t.server.url}/console/api/stores/sh-xuhui/qrcodes/${minted.json.id}/sheet.png`, { headers: { cookie: eastBoss.cookie } });
    expect(sheet.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await sheet.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');

    const campaign = await admin.post('/stores/sh-xuhui/qrcodes', { purpose: 'campaign', campaign: '双11会员日' });
    expect((await admin.post('/stores/sh-xuhui/qrcodes', { purpose: 'campaign' })).json.message).toContain('活动名称');
    const revoked = await admin.post(`/stores/sh-xuhui/qrcodes/${campaign.json.id}/revoke`);
    expect(revoked.json.revokedAt).toBe(clock.now().toISOString());
    expect((await admin.get(`/stores/sh-xuhui/qrcodes/${campaign.json.id}/sheet.png`)).status).toBe(409);

    const listed = (await admin.get('/stores')).json.items.find((s: any) => s.key === 'sh-xuhui');
    expect(listed.qrCodes.map((c: any) => [c.purpose, c.revokedAt !== null])).toEqual(expect.arrayContaining([['visit', false], ['campaign', true]]));
    expect((await audit('qrcode.create')).map((a) => a.actor)).toEqual(['boss-east', 'admin-token']);
    expect((await audit('qrcode.revoke'))[0]).toMatchObject({ target: 'sh-xuhui', details: { id: campaign.json.id } });
  });

  it('keeps a manager away from another team’s codes', async () => {
    const west = await admin.post('/stores/cd-1/qrcodes', { purpose: 'visit' });
    expect((await eastBoss.post('/stores/cd-1/qrcodes', { purpose: 'visit' })).status).toBe(404);
    expect((await eastBoss.get(`/stores/cd-1/qrcodes/${west.json.id}`)).status).toBe(404);
    expect((await eastBoss.post(`/stores/cd-1/qrcodes/${west.json.id}/revoke`)).status).toBe(404);
    // The code of another store, asked for under one's own store, is not found either.
    expect((await eastBoss.get(`/stores/sh-xuhui/qrcodes/${west.json.id}`)).status).toBe(404);
  });
});

describe('visits and the compliance review', () => {
  let flaggedId = '';
  let secondId = '';
  let westId = '';
  let plainId = '';

  it('lists visits from the mini-program with filters, phones masked, flagged ones pending', async () => {
    t.fake.miniCodes.set('code-li', { userid: 'staff-li' });
    t.fake.users.set('staff-li', '李娜');
    const login = await mp('POST', '/mp/login', { code: 'code-li' });
    const session = login.json.session as string;
    const plain = await mp('POST', '/mp/visits', { qr: qrUrl, question: '有没有试用装', customerPhone: '13800135678' }, session);
    const flagged = await mp('POST', '/mp/visits', { qr: qrUrl, question: '孩子对牛奶过敏能用吗', complianceNote: '已建议先咨询医生' }, session);
    const second = await mp('POST', '/mp/visits', { qr: qrUrl, question: '孕妇可以用这个吗', complianceNote: '已建议遵医嘱使用' }, session);
    [plainId, flaggedId, secondId] = [plain.json.visit.id, flagged.json.visit.id, second.json.visit.id];
    const code = (await t.db.query<{ id: string }>(`select id from qr_codes where store_key = 'cd-1' limit 1`))[0]!.id;
    westId = (await insertVisit(t.db, {
      tenantId: 'default', storeKey: 'cd-1', qrId: code, userId: 'staff-li', question: '处方药能买吗', transcript: null, topics: [],
      customerName: null, customerPhone: null, complianceNote: '已说明需处方', sensitiveWords: ['处方'], flaggedForReview: true, createdAt: clock.now(),
    })).id;

    const all = await admin.get('/visits');
    expect(all.json.total).toBe(4);
    const byId = new Map(all.json.items.map((v: any) => [v.id, v]));
    expect(byId.get(plainId)).toMatchObject({ staffName: '李娜', storeName: '徐汇旗舰店', customerPhoneMasked: '138****5678', review: null });
    expect(byId.get(flaggedId)).toMatchObject({ flaggedForReview: true, sensitiveWords: ['过敏'], review: { status: 'pending' } });
    expect(byId.get(westId)).toMatchObject({ review: { status: 'pending' } });
    expect(all.text).not.toContain('13800135678');

    expect((await admin.get('/visits?review=pending')).json.total).toBe(3);
    expect((await admin.get('/visits?store=cd-1')).json.items.map((v: any) => v.id)).toEqual([westId]);
    expect((await admin.get('/visits?flagged=false')).json.items.map((v: any) => v.id)).toEqual([plainId]);
    expect((await admin.get('/visits?from=2026-11-17&to=2026-11-17')).json.total).toBe(4);
    expect((await admin.get('/visits?from=2026-11-18')).json.total).toBe(0);
    expect((await admin.get('/visits?from=17/11/2026')).status).toBe(400);
    expect((await admin.get('/visits?pageSize=2&page=2')).json.items).toHaveLength(2);

    const mine = await eastBoss.get('/visits?review=pending');
    expect(mine.json.items.map((v: any) => v.id).sort()).toEqual([flaggedId, secondId].sort());
    expect((await eastBoss.get('/visits?store=cd-1')).json.total).toBe(0);
    expect((await eastBoss.get('/stores')).json.items.find((s: any) => s.key === 'sh-xuhui')).toMatchObject({ pendingReviews: 2, visits30d: 3 });
  });

  it('approves a flagged visit once, audited', async () => {
    const res = await eastBoss.post(`/visits/${flaggedId}/review`, { decision: 'approve' });
    expect(res.status).toBe(200);
    expect(res.json.review).toMatchObject({ status: 'approved', reviewedBy: 'boss-east', reviewerName: '周经理', reviewedAt: clock.now().toISOString() });
    const again = await admin.post(`/visits/${flaggedId}/review`, { decision: 'return', comment: '再看看' });
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('这条记录已经审核过了');
    expect((await admin.post(`/visits/${plainId}/review`, { decision: 'approve' })).status).toBe(409);
    expect((await audit('visit.approve'))[0]).toMatchObject({ actor: 'boss-east', target: flaggedId, details: { store: 'sh-xuhui', staff: 'staff-li' } });
  });

  it('sends a visit back with a comment and tells the staff member in WeCom', async () => {
    expect((await eastBoss.post(`/visits/${secondId}/review`, { decision: 'return' })).json.message).toContain('退回请写明原因');
    expect((await eastBoss.post(`/visits/${secondId}/review`, { decision: 'maybe' })).status).toBe(400);
    const res = await eastBoss.post(`/visits/${secondId}/review`, { decision: 'return', comment: '孕妇问题要写清楚建议就医' });
    expect(res.json.review).toMatchObject({ status: 'returned', comment: '孕妇问题要写清楚建议就医' });
    const sent = await eventually(() => t.fake.sent().find((c) => c.path === '/cgi-bin/message/send' && c.body?.touser === 'staff-li'));
    const text = (sent.body as any).text.content as string;
    expect(text).toContain('徐汇旗舰店');
    expect(text).toContain('孕妇问题要写清楚建议就医');
    expect(text).toContain('11月17日');
    expect((await audit('visit.return'))[0]).toMatchObject({ actor: 'boss-east', target: secondId, details: { comment: '孕妇问题要写清楚建议就医' } });
  });

  it('keeps a manager away from another team’s visits', async () => {
    expect((await eastBoss.post(`/visits/${westId}/review`, { decision: 'approve' })).status).toBe(404);
    expect((await admin.post(`/visits/${westId}/review`, { decision: 'approve' })).status).toBe(200);
    expect((await admin.get('/visits?review=pending')).json.total).toBe(0);
  });
});
