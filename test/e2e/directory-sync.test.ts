// Directory sync against the fake WeCom and DingTalk directories: names, new people, departments and
// leaders; one person per human across the two channels (same mobile); teams bound to departments with
// leaders as managers; a leaver deactivated (no console, no pushes, customers listed) and brought back; a
// failed listing deactivating nobody; the nightly job; the console routes by role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueReplies, toUser } from '../../src/app/outbound/reply.js';
import { SCHEDULES } from '../../src/jobs/scheduler.js';
import { fixedClock } from '../../src/shared/clock.js';
import { insertOutbound } from '../../src/store/repos/outbox-repo.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import type { FakeDepartment, FakeMember } from '../../scripts/dev/fake-directory.js';
import { consoleClient } from '../support/console-client.js';
import { eventually, startTestServer, type TestServer } from '../support/test-server.js';

// A working morning, so pushes are not held for the quiet hours.
const clock = fixedClock(new Date('2026-11-12T10:00:00+08:00'));
let t: TestServer;

const WECOM_DEPTS: FakeDepartment[] = [
  { id: 1, name: '星辰科技', parentId: null },
  { id: 2, name: '销售部', parentId: 1, leaders: ['wxBoss'] },
  { id: 3, name: '华东组', parentId: 2, leaders: ['wxLead'] },
  { id: 4, name: '华南组', parentId: 2 },
];
const WECOM_PEOPLE: FakeMember[] = [
  { userid: 'wxBoss', name: '赵总', departments: [2], mobile: '13800000001' },
  { userid: 'wxLead', name: '钱组长', departments: [3], mobile: '13800000002' },
  { userid: 'wxRepA', name: '孙一', departments: [3], mobile: '13800000003' },
  { userid: 'wxRepB', name: '李二', departments: [4], mobile: '+86 138-0000-0004' },
  { userid: 'wxRepC', name: '周三', departments: [3, 4] },
];
const DINGTALK_DEPTS: FakeDepartment[] = [{ id: 1, name: '星辰科技' }, { id: 7001, name: '钉钉销售', parentId: 1, leaders: ['dtBoss'] }];
const DINGTALK_PEOPLE: FakeMember[] = [
  { userid: 'dtRepB', name: '李二', departments: [7001], mobile: '13800000004' },
  { userid: 'dtLead', name: '钱组长', departments: [7001], mobile: '13800000002' },
  { userid: 'dtBoss', name: '吴经理', departments: [7001] },
  { userid: 'dtOnly', name: '郑四', departments: [1], email: 'zheng@xingchen.cn' },
];

const sync = async () => {
  const res = await t.send('POST', '/api/directory/sync', {});
  expect(res.status).toBe(200);
  return res.json;
};
const channel = (summary: any, c: string) => summary.channels.find((x: any) => x.channel === c);
const users = async () => (await t.api('/api/users')).json.items as any[];
const userOf = async (id: string) => (await users()).find((u) => u.id === id);
const personOf = async (channelId: string, platformId: string) =>
  (await t.db.query<{ user_id: string }>('select user_id from identities where channel = $1 and platform_id = $2', [channelId, platformId]))[0]?.user_id;
const activeOf = async (id: string) =>
  (await t.db.query<{ active: boolean; deactivated_at: Date | null }>('select active, deactivated_at from users where id = $1', [id]))[0];
const team = async (key: string) => (await t.api('/api/teams')).json.items.find((x: any) => x.key === key);
const without = (id: string) => WECOM_PEOPLE.filter((p) => p.userid !== id);

beforeAll(async () => {
  t = await startTestServer({ clock });
  // Known before any sync: a person without a name, and one human's accounts on both channels as two people.
  await ensureUser(t.db, 'default', 'wxRepC', null, 'wecom');
  await ensureUser(t.db, 'default', 'wxLead', null, 'wecom');
  await ensureUser(t.db, 'default', 'dtLead', '钉钉昵称', 'dingtalk');
  t.fake.directory.set({ departments: WECOM_DEPTS, members: WECOM_PEOPLE });
  t.dingtalk.directory.set({ departments: DINGTALK_DEPTS, members: DINGTALK_PEOPLE });
});
afterAll(async () => {
  await t?.stop();
});

describe('POST /api/directory/sync', () => {
  it('fills names, creates people who never wrote, and stores departments with their leaders', async () => {
    const summary = await sync();
    expect(channel(summary, 'wecom')).toMatchObject({ ok: true, complete: true, error: null, people: 5, departments: 4 });
    expect(channel(summary, 'dingtalk')).toMatchObject({ ok: true, complete: true, people: 4, departments: 2 });
    expect(await userOf('wxRepC')).toMatchObject({ name: '周三', role: 'rep' });
    expect(await userOf('wxBoss')).toMatchObject({ name: '赵总' });
    expect(await userOf('dtOnly')).toMatchObject({ name: '郑四', identities: [{ channel: 'dingtalk', platformId: 'dtOnly' }] });

    const tree = (await t.api('/api/directory/departments')).json.items;
    expect(tree.map((d: any) => d.id)).toEqual(['wecom:1', 'dingtalk:1']);
    const sales = tree[0].children[0];
    expect(sales).toMatchObject({ id: 'wecom:2', name: '销售部', parentId: 'wecom:1', memberCount: 1, totalMemberCount: 5, team: null });
    expect(sales.leaders).toEqual([{ userId: 'wxBoss', platformId: 'wxBoss', name: '赵总' }]);
    expect(sales.children.map((d: any) => [d.id, d.name, d.memberCount])).toEqual([['wecom:3', '华东组', 3], ['wecom:4', '华南组', 2]]);
    const leaders = await t.db.query<{ platform_id: string }>(`select platform_id from directory_members where channel = 'wecom' and dept_id = '3' and is_leader`);
    expect(leaders.map((r) => r.platform_id)).toEqual(['wxLead']);
  });

  it('makes one person of a human on both channels, linked by the same mobile', async () => {
    const repB = await personOf('wecom', 'wxRepB');
    expect(await personOf('dingtalk', 'dtRepB')).toBe(repB);
    expect((await userOf(repB!)).identities.map((i: any) => i.channel).sort()).toEqual(['dingtalk', 'wecom']);
    // Two people created by chat before the sync (nothing of their own yet) become one.
    const lead = await personOf('wecom', 'wxLead');
    expect(await personOf('dingtalk', 'dtLead')).toBe(lead);
    expect((await users()).filter((u) => u.id === 'dtLead')).toEqual([]);
    expect(await personOf('dingtalk', 'dtOnly')).toBe('dtOnly');
    // Syncing again changes nothing.
    const again = await sync();
    expect(channel(again, 'wecom')).toMatchObject({ ok: true, added: 0, named: 0, deactivated: 0 });
    expect(channel(again, 'dingtalk')).toMatchObject({ ok: true, added: 0, deactivated: 0 });
  });
});

describe('teams bound to departments', () => {
  it('takes members from the departments and their sub-departments, and managers from their leaders', async () => {
    const res = await t.send('PUT', '/api/teams/sales', { name: '销售部', departmentIds: ['wecom:2'] });
    expect(res.status).toBe(200);
    const repB = await personOf('wecom', 'wxRepB');
    expect(res.json).toMatchObject({ key: 'sales', departmentIds: ['wecom:2'], managerUserIds: ['wxBoss'] });
    expect(res.json.memberUserIds).toEqual([repB, 'wxLead', 'wxRepA', 'wxRepC'].sort());
    expect(await userOf('wxBoss')).toMatchObject({ role: 'manager' });

    // A bare id: only the WeCom directory has a department 3.
    const east = await t.send('PUT', '/api/teams/east', { name: '华东组', departmentIds: ['3'] });
    expect(east.json).toMatchObject({ departmentIds: ['wecom:3'], memberUserIds: ['wxRepA', 'wxRepC'], managerUserIds: ['wxLead'] });
    expect(await team('sales')).toMatchObject({ memberUserIds: [repB], managerUserIds: ['wxBoss'] });
    expect((await t.api('/api/directory/departments')).json.items[0].children[0].children[0].team).toEqual({ key: 'east', name: '华东组' });
  });

  it('follows the directory at the next sync', async () => {
    t.fake.directory.departments = WECOM_DEPTS.map((d) => (d.id === 3 ? { ...d, leaders: ['wxRepC'] } : d));
    const summary = await sync();
    expect(summary.teams.find((x: any) => x.key === 'east')).toEqual({ key: 'east', memberUserIds: ['wxLead', 'wxRepA'], managerUserIds: ['wxRepC'] });
    t.fake.directory.departments = WECOM_DEPTS;
    expect((await sync()).teams.find((x: any) => x.key === 'east')).toEqual({ key: 'east', memberUserIds: ['wxRepA', 'wxRepC'], managerUserIds: ['wxLead'] });
  });

  it('refuses unknown, ambiguous and already bound departments, and departments with member lists', async () => {
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', departmentIds: ['wecom:99'] })).json.code).toBe('unknown_department');
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', departmentIds: ['1'] })).json.code).toBe('ambiguous_department');
    const taken = await t.send('PUT', '/api/teams/x', { name: 'x', departmentIds: ['dingtalk:1', 'wecom:3'] });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ code: 'department_taken', teamKey: 'east' });
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', departmentIds: ['dingtalk:1'], memberUserIds: ['wxRepA'] })).status).toBe(400);
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', departmentIds: 'wecom:3' })).status).toBe(400);
  });

  it('keeps the member-list body working, and unbinds a team given one', async () => {
    const res = await t.send('PUT', '/api/teams/ding', { name: '钉钉组', departmentIds: ['dingtalk:7001'] });
    expect(res.json).toMatchObject({ managerUserIds: ['dtBoss'] });
    const manual = await t.send('PUT', '/api/teams/ding', { name: '钉钉组', memberUserIds: ['dtOnly'], managerUserIds: ['dtBoss'] });
    expect(manual.json).toMatchObject({ departmentIds: [], memberUserIds: ['dtOnly'], managerUserIds: ['dtBoss'] });
    expect((await sync()).teams.map((x: any) => x.key)).toEqual(['east', 'sales']);
    expect(await team('ding')).toMatchObject({ memberUserIds: ['dtOnly'] });
  });
});

describe('leavers', () => {
  it('deactivates a leaver: console sessions end, no pushes, customers listed for reassignment', async () => {
    await t.db.execute(`insert into customers (tenant_id, name, name_key, owner_user_id) values ('default', '恒信机械', '恒信机械', 'wxRepA')`);
    const session = await consoleClient(t, 'wxRepA');
    expect((await session.get('/directory/status')).status).toBe(403); // a rep, signed in
    const held = await insertOutbound(t.db, {
      tenantId: 'default', channel: 'wecom', idempotencyKey: 'test:held', recipient: { kind: 'user', userId: 'wxRepA' },
      message: { kind: 'text', text: '明早提醒' }, notBefore: new Date(clock.now().getTime() + 3_600_000),
    });

    t.fake.directory.members = without('wxRepA');
    const summary = await sync();
    expect(channel(summary, 'wecom')).toMatchObject({ ok: true, deactivated: 1 });
    expect(await activeOf('wxRepA')).toEqual({ active: false, deactivated_at: clock.now() });
    expect((await session.get('/directory/status')).status).toBe(401);
    const [row] = await t.db.query<{ status: string; last_error: string }>('select status, last_error from outbox where id = $1', [held]);
    expect(row).toMatchObject({ status: 'dead' });
    expect(row!.last_error).toContain('recipient_left');

    const sentBefore = t.fake.sent().length;
    await t.db.transaction((tx) => enqueueReplies(tx, t.server.deps.queue, { tenantId: 'default', channel: 'wecom', idempotencyPrefix: 'test:left', now: clock.now() }, [
      toUser('wxRepA', { kind: 'text', text: '你的客户今天该跟进了' }), toUser('wxRepC', { kind: 'text', text: '你好' }),
    ]));
    await eventually(() => t.fake.sent().length > sentBefore);
    expect(t.fake.sent().slice(sentBefore).map((c) => (c.body as any).touser)).toEqual(['wxRepC']);
    expect(await t.db.query(`select 1 from outbox where idempotency_key like 'test:left%' and recipient->>'userId' = 'wxRepA'`)).toEqual([]);

    const status = (await t.api('/api/directory/status')).json;
    expect(status.leavers).toEqual([{ userId: 'wxRepA', name: '孙一', deactivatedAt: clock.now().toISOString(), customerCount: 1 }]);
    // The leaver stays on the bound team while they own customers, so its manager can hand them over.
    expect((await team('east')).memberUserIds).toContain('wxRepA');
  });

  it('brings back a person who returns', async () => {
    t.fake.directory.members = WECOM_PEOPLE;
    expect(channel(await sync(), 'wecom')).toMatchObject({ ok: true, reactivated: 1 });
    expect(await activeOf('wxRepA')).toEqual({ active: true, deactivated_at: null });
    expect((await t.api('/api/directory/status')).json.leavers).toEqual([]);
  });

  it('deactivates nobody when a department or the whole listing cannot be read', async () => {
    t.fake.directory.members = without('wxRepC');
    t.fake.directory.failDepartment(3);
    const partial = channel(await sync(), 'wecom');
    expect(partial).toMatchObject({ ok: false, complete: false, deactivated: 0 });
    expect(partial.error).toContain('华东组');
    expect(partial.error).toContain('60011');
    expect(partial.error).toContain('本次未停用任何人');
    expect((await activeOf('wxRepC'))!.active).toBe(true);
    // The department that failed keeps its members (and its team).
    expect((await team('east')).memberUserIds).toEqual(['wxRepA', 'wxRepC']);

    t.fake.directory.failures.clear();
    t.fake.failNext('/cgi-bin/department/list', { errcode: 60011 });
    const refused = await sync();
    expect(channel(refused, 'wecom')).toMatchObject({ ok: false, people: 0, deactivated: 0 });
    expect(channel(refused, 'wecom').error).toContain('60011');
    expect(channel(refused, 'dingtalk')).toMatchObject({ ok: true });
    expect((await activeOf('wxRepC'))!.active).toBe(true);

    const status = (await t.api('/api/directory/status')).json;
    expect(status.channels[0]).toEqual({
      channel: 'wecom', lastSyncAt: clock.now().toISOString(), ok: false, error: channel(refused, 'wecom').error, people: 0, departments: 0, added: 0, deactivated: 0,
    });
    // Read in full again, the leaver (no customers) is deactivated and leaves the team.
    expect(channel(await sync(), 'wecom')).toMatchObject({ ok: true, deactivated: 1 });
    expect((await activeOf('wxRepC'))!.active).toBe(false);
    expect((await team('east')).memberUserIds).toEqual(['wxRepA']);
  });
});

describe('one sync at a time, and DingTalk refusals', () => {
  it('answers 409 to a second sync while one runs', async () => {
    t.fake.failNext('/cgi-bin/department/list', { delayMs: 600 });
    const [a, b] = await Promise.all([t.send('POST', '/api/directory/sync', {}), new Promise((r) => setTimeout(r, 150)).then(() => t.send('POST', '/api/directory/sync', {}))]);
    expect([a.status, b.status]).toEqual([200, 409]);
    expect(b.json.code).toBe('sync_running');
  });

  it('treats a network failure halfway through as a failed listing, not a partial one', async () => {
    t.fake.directory.members = without('wxRepB');
    t.fake.failNext('/cgi-bin/user/list', { httpStatus: 502 });
    const wecom = channel(await sync(), 'wecom');
    expect(wecom).toMatchObject({ ok: false, complete: false, people: 0, deactivated: 0 });
    expect(wecom.error).toContain('连接企业微信失败');
    t.fake.directory.members = WECOM_PEOPLE;
  });

  it('deactivates nobody on DingTalk when a department there cannot be read', async () => {
    t.dingtalk.directory.members = DINGTALK_PEOPLE.filter((p) => p.userid !== 'dtBoss');
    t.dingtalk.directory.failDepartment(7001);
    const dingtalk = channel(await sync(), 'dingtalk');
    expect(dingtalk).toMatchObject({ ok: false, complete: false, deactivated: 0 });
    expect(dingtalk.error).toContain('钉钉销售');
    expect(dingtalk.error).toContain('通讯录只读权限');
    expect((await activeOf('dtBoss'))!.active).toBe(true);
    t.dingtalk.directory.set({ departments: DINGTALK_DEPTS, members: DINGTALK_PEOPLE });
  });
});

describe('the nightly job', () => {
  it('is scheduled at 02:30 Asia/Shanghai and runs on demand through the jobs API', async () => {
    const nightly = SCHEDULES.find((s) => s.job === 'directory-sync')!;
    expect(nightly.cron).toBe('30 2 * * *');
    expect(nightly.lastTick(new Date('2026-11-18T19:00:00Z')).toISOString()).toBe('2026-11-18T18:30:00.000Z'); // 03:00 local
    const res = await t.send('POST', '/api/jobs/directory-sync/run', {});
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ trigger: 'schedule', channels: [{ channel: 'wecom', ok: true }, { channel: 'dingtalk', ok: true }] });
    const [run] = await t.db.query<{ trigger: string }>(`select trigger from directory_syncs order by id desc limit 1`);
    expect(run!.trigger).toBe('schedule');
  });
});

describe('console routes', () => {
  it('shows an admin the status and departments, and syncs on demand with an audit entry', async () => {
    const admin = await consoleClient(t, null);
    const status = await admin.get('/directory/status');
    expect(status.status).toBe(200);
    expect(Object.keys(status.json)).toEqual(['channels', 'leavers']);
    expect(status.json.channels.map((c: any) => Object.keys(c))).toEqual([
      ['channel', 'lastSyncAt', 'ok', 'error', 'people', 'departments', 'added', 'deactivated'],
      ['channel', 'lastSyncAt', 'ok', 'error', 'people', 'departments', 'added', 'deactivated'],
    ]);
    expect((await admin.get('/directory/departments')).json.items).toHaveLength(2);
    const run = await admin.post('/directory/sync', {});
    expect(run.status).toBe(200);
    expect(run.json).toMatchObject({ trigger: 'console', channels: [{ channel: 'wecom' }, { channel: 'dingtalk' }] });
    const [entry] = await t.db.query<{ actor: string; details: any }>(`select actor, details from audit_log where action = 'directory.sync'`);
    expect(entry).toMatchObject({ actor: 'admin-token', details: { channels: [{ channel: 'wecom', ok: true }, { channel: 'dingtalk', ok: true }] } });
    expect((await admin.post('/directory/sync', {}, )).status).toBe(200);
    expect((await admin.request('POST', '/directory/sync', {}, { csrf: null })).status).toBe(403);
  });

  it('shows a manager only the leavers of the teams they lead, and nothing else', async () => {
    t.fake.directory.members = without('wxRepA');
    await sync();
    const eastLead = await consoleClient(t, 'wxLead');
    const salesBoss = await consoleClient(t, 'wxBoss');
    expect((await eastLead.get('/directory/status')).json.leavers.map((l: any) => l.userId)).toEqual(['wxRepA']);
    expect((await salesBoss.get('/directory/status')).json.leavers).toEqual([]);
    expect((await eastLead.post('/directory/sync', {})).status).toBe(403);
    expect((await eastLead.get('/directory/departments')).status).toBe(403);
  });

  it('refuses a rep every directory route', async () => {
    const rep = await consoleClient(t, 'dtOnly');
    expect((await rep.get('/directory/status')).status).toBe(403);
    expect((await rep.post('/directory/sync', {})).status).toBe(403);
    expect((await rep.get('/directory/departments')).status).toBe(403);
  });
});

describe('what the platforms withhold', () => {
  it('keeps names the platform does not give, warns about missing contacts, and walks DingTalk pages', async () => {
    t.fake.directory.members = WECOM_PEOPLE;
    t.fake.directory.withhold = { names: true, contacts: true };
    t.dingtalk.directory.pageSize = 1;
    const summary = await sync();
    expect(channel(summary, 'wecom')).toMatchObject({ ok: true, named: 0 });
    expect(channel(summary, 'wecom').warnings.join()).toContain('姓名');
    expect(channel(summary, 'wecom').warnings.join()).toContain('手机号');
    expect(await userOf('wxBoss')).toMatchObject({ name: '赵总' });
    expect(channel(summary, 'dingtalk')).toMatchObject({ ok: true, people: 4, deactivated: 0, warnings: [] });
  });
});
