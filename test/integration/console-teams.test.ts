// 团队与成员 through the console API: who may read and edit teams, masked alert secrets, a manager held
// to the teams they lead, the test message reaching the fake WeCom robot and app chat, and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { eventually, startTestServer, type TestServer } from '../support/test-server.js';

const ROBOT_KEY = '693a91f6-7aaa-4bc4-97a0-0ec2sifa5bbb';
const CHAT_ID = 'wrkSFfCgAALFgnrSsWU38puNiMCsd6Ao';

let t: TestServer;
let admin: ConsoleClient;
let eastBoss: ConsoleClient;
let rep: ConsoleClient;

const audit = async (action: string) =>
  t.db.query<{ actor: string; target: string | null; details: any }>('select actor, target, details from audit_log where action = $1 order by id', [action]);

beforeAll(async () => {
  t = await startTestServer();
  const people: [string, string][] = [['boss-east', '周经理'], ['rep-a', '张三'], ['rep-b', '李四'], ['boss-west', '吴经理'], ['rep-w', '王五']];
  for (const [id, name] of people) await ensureUser(t.db, 'default', id, name, 'wecom');
  expect((await t.send('PUT', '/api/teams/east', {
    name: '华东一组', memberUserIds: ['rep-a', 'rep-b'], managerUserIds: ['boss-east'], alert: { kind: 'wecom_webhook', key: ROBOT_KEY },
  })).status).toBe(200);
  expect((await t.send('PUT', '/api/teams/west', {
    name: '华西组', memberUserIds: ['rep-w'], managerUserIds: ['boss-west'], alert: { kind: 'wecom_appchat', chatId: CHAT_ID },
  })).status).toBe(200);
  expect((await t.send('PUT', '/api/teams/quiet', { name: '无群组', memberUserIds: [], managerUserIds: [] })).status).toBe(200);
  [admin, eastBoss, rep] = await Promise.all([consoleClient(t, null), consoleClient(t, 'boss-east'), consoleClient(t, 'rep-a')]);
});
afterAll(async () => {
  await t?.stop();
});

describe('roles and scope', () => {
  it('refuses a rep every team route', async () => {
    expect((await rep.get('/teams')).status).toBe(403);
    expect((await rep.get('/people')).status).toBe(403);
    expect((await rep.put('/teams/east', { name: 'x' })).status).toBe(403);
    expect((await rep.post('/teams/east/test-alert')).status).toBe(403);
  });

  it('shows an admin every team with names, active flags and masked secrets', async () => {
    await t.db.execute(`update users set active = false, deactivated_at = now() where id = 'rep-b'`);
    const res = await admin.get('/teams');
    expect(res.status).toBe(200);
    expect(res.json.items.map((x: any) => x.key)).toEqual(['east', 'quiet', 'west']);
    const east = res.json.items[0];
    expect(east).toMatchObject({
      name: '华东一组',
      managers: [{ userId: 'boss-east', name: '周经理', active: true }],
      members: [{ userId: 'rep-a', name: '张三', active: true }, { userId: 'rep-b', name: '李四', active: false }],
      alert: { kind: 'wecom_webhook', key: '****5bbb' },
      departments: [],
    });
    expect(res.text).not.toContain(ROBOT_KEY);
    await t.db.execute(`update users set active = true, deactivated_at = null where id = 'rep-b'`);
  });

  it('holds a manager to the teams they lead, for teams, people and test messages', async () => {
    const teams = await eastBoss.get('/teams');
    expect(teams.json.items.map((x: any) => x.key)).toEqual(['east']);
    const people = await eastBoss.get('/people');
    expect(people.json.items.map((p: any) => p.id).sort()).toEqual(['boss-east', 'rep-a', 'rep-b']);
    expect((await admin.get('/people')).json.items.map((p: any) => p.id)).toEqual(expect.arrayContaining(['rep-w', 'boss-west']));
    expect((await eastBoss.post('/teams/west/test-alert')).status).toBe(404);
    expect((await eastBoss.put('/teams/east', { name: '改名' })).status).toBe(403);
  });
});

describe('editing a team', () => {
  it('saves name and people, keeps the alert target when none is sent, and audits it', async () => {
    const res = await admin.put('/teams/east', { name: '华东一部', memberUserIds: ['rep-a', 'rep-w'], managerUserIds: ['boss-east'] });
    expect(res.status).toBe(200);
    expect(res.json.team).toMatchObject({ key: 'east', name: '华东一部', alert: { kind: 'wecom_webhook', key: '****5bbb' } });
    expect(res.json.team.members.map((m: any) => m.userId)).toEqual(['rep-a', 'rep-w']);
    expect(res.json.movedMembers).toEqual([{ userId: 'rep-w', fromTeamKey: 'west' }]);
    const stored = await t.db.query<{ alert: any }>(`select alert from teams where key = 'east'`);
    expect(stored[0]!.alert.key).toBe(ROBOT_KEY);
    const [entry] = await audit('team.save');
    expect(entry).toMatchObject({ actor: 'admin-token', target: 'east' });
    expect(entry!.details).toMatchObject({ name: '华东一部', alert: 'kept' });
    expect(JSON.stringify(entry!.details)).not.toContain(ROBOT_KEY);
  });

  it('answers bad input with a Chinese sentence', async () => {
    const unknown = await admin.put('/teams/east', { name: '华东', memberUserIds: ['ghost'] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toContain('ghost');
    expect((await admin.put('/teams/bad%20key', { name: 'x' })).json.message).toContain('团队编号');
    expect((await admin.put('/teams/east', { name: '' })).json.message).toContain('团队名称');
    expect((await admin.put('/teams/east', { name: 'x', alert: { kind: 'email' } })).json.message).toContain('提醒群');
  });

  it('removes the target when alert is null', async () => {
    const res = await admin.put('/teams/quiet', { name: '无群组', memberUserIds: [], managerUserIds: [], alert: null });
    expect(res.json.team.alert).toBeNull();
  });
});

describe('test message', () => {
  it('reaches the WeCom group robot of a team and is audited', async () => {
    const res = await eastBoss.post('/teams/east/test-alert');
    expect(res.status).toBe(200);
    const call = await eventually(() => t.fake.sent().find((c) => c.path === '/cgi-bin/webhook/send' && c.query.key === ROBOT_KEY));
    expect((call.body as any).text.content).toContain('华东一部');
    expect((call.body as any).text.content).toContain('测试消息');
    const [entry] = await audit('team.test_alert');
    expect(entry).toMatchObject({ actor: 'boss-east', target: 'east' });
    expect(entry!.details).toMatchObject({ kind: 'wecom_webhook', outboxId: res.json.outboxId });
  });

  it('reaches a WeCom app chat, and a team without a target says so', async () => {
    expect((await admin.post('/teams/west/test-alert')).status).toBe(200);
    const call = await eventually(() => t.fake.sent().find((c) => c.path === '/cgi-bin/appchat/send' && (c.body as any)?.chatid === CHAT_ID));
    expect((call.body as any).text.content).toContain('华西组');
    const none = await admin.post('/teams/quiet/test-alert');
    expect(none.status).toBe(400);
    expect(none.json.message).toBe('这个团队还没设置提醒群');
  });
});
