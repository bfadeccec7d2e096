// 提醒与推送 through the console API: the effective rules, the alert log (who was told what, carrying
// which rules), the outbox with dead letters, and 重试 delivering a dead letter by the normal path once
// the fake WeCom API stops refusing it. Managers see their people's and teams' rows only; all audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { insertOutbound } from '../../src/store/repos/outbox-repo.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { eventually, startTestServer, type TestServer } from '../support/test-server.js';

const clock = fixedClock('2026-11-17T10:00:00+08:00');
let t: TestServer;
let admin: ConsoleClient;
let eastBoss: ConsoleClient;
let westBoss: ConsoleClient;
let rep: ConsoleClient;

const EAST_KEY = 'robot-key-east-0001';
const WEST_CHAT = 'wrkWestChat01';

async function push(userId: string, text: string): Promise<string> {
  return t.db.transaction(async (tx) => {
    const id = (await insertOutbound(tx, {
      tenantId: 'default', channel: 'wecom', idempotencyKey: `test:${userId}:${text}`, recipient: { kind: 'user', userId },
      message: { kind: 'text', text }, notBefore: clock.now(),
    }))!;
    await t.server.deps.queue.enqueue('deliver-outbound', { outboxId: id }, { tx });
    return id;
  });
}

const status = async (id: string) => (await t.db.query<{ status: string; attempts: number }>('select status, attempts from outbox where id = $1', [id]))[0]!;

beforeAll(async () => {
  t = await startTestServer({ clock });
  const people: [string, string][] = [['boss-east', '周经理'], ['rep-a', '张三'], ['rep-b', '李四'], ['boss-west', '吴经理'], ['rep-w', '王五']];
  for (const [id, name] of people) await ensureUser(t.db, 'default', id, name, 'wecom');
  await t.send('PUT', '/api/teams/east', { name: '华东一组', memberUserIds: ['rep-a', 'rep-b'], managerUserIds: ['boss-east'], alert: { kind: 'wecom_webhook', key: EAST_KEY } });
  await t.send('PUT', '/api/teams/west', { name: '华西组', memberUserIds: ['rep-w'], managerUserIds: ['boss-west'], alert: { kind: 'wecom_appchat', chatId: WEST_CHAT } });
  const old = new Date(clock.now().getTime() - 15 * 86_400_000);
  for (const [name, owner] of [['恒信机械', 'rep-a'], ['华安医药', 'rep-a'], ['永盛化工', 'rep-w']]) {
    await t.db.execute('insert into customers (tenant_id, name, name_key, owner_user_id, created_at) values ($1, $2, $2, $3, $4)', ['default', name, owner, old]);
  }
  [admin, eastBoss, westBoss, rep] = await Promise.all([
    consoleClient(t, null), consoleClient(t, 'boss-east'), consoleClient(t, 'boss-west'), consoleClient(t, 'rep-a'),
  ]);
});
afterAll(async () => {
  await t?.stop();
});

describe('rules', () => {
  it('shows the effective rules, calendar and job times readably; never to a rep', async () => {
    expect((await rep.get('/delivery/rules')).status).toBe(403);
    const res = await eastBoss.get('/delivery/rules');
    expect(res.status).toBe(200);
    const texts = res.json.rules.map((r: any) => r.text).join('\n');
    expect(texts).toContain('2小时内要首次联系');
    expect(texts).toContain('7天没跟进提醒销售,14天没跟进提醒经理群');
    expect(texts).toContain('工作日 18:00');
    expect(res.json.calendar.workweek).toEqual(['周一', '周二', '周三', '周四', '周五']);
    expect(res.json.calendar.holidays[0]).toEqual({ from: '2026-01-01', to: '2026-01-03', days: 3 });
    expect(res.json.calendar.quietHours).toEqual({ start: '21:00', end: '08:00', deliverAt: '08:30' });
    expect(res.json.calendar.nextDays[0]).toEqual({ date: '2026-11-17', weekday: '周二', workday: true });
    expect(res.json.schedules).toEqual(expect.arrayContaining([{ job: 'reminders', label: '跟进提醒', when: '每10分钟' }, { job: 'leaderboard-weekly', label: '周排行', when: '每周一 09:00' }]));
    expect(res.json.stageWindows.length).toBeGreaterThan(0);
  });
});

describe('alert log', () => {
  it('lists who was told what, with the rules each message carried, scoped per manager', async () => {
    const run = await t.send('POST', '/api/jobs/reminders/run', { at: clock.now().toISOString() });
    expect(run.status).toBe(200);
    await eventually(() => t.fake.sent().some((c) => c.query.key === EAST_KEY));
    const all = await admin.get('/delivery/alerts');
    expect(all.status).toBe(200);
    const rows = all.json.items.map((i: any) => [i.recipient.label, i.audience, i.rules.map((r: any) => r.id).sort().join()]);
    expect(rows).toEqual(expect.arrayContaining([
      ['张三', 'rep', 'untouched_7d'],
      ['王五', 'rep', 'untouched_7d'],
      ['华东一组(群)', 'team', 'untouched_14d'],
      ['华西组(群)', 'team', 'untouched_14d'],
    ]));
    expect(rows).toHaveLength(4);
    const zhang = all.json.items.find((i: any) => i.recipient.label === '张三');
    expect(zhang.text).toContain('恒信机械');
    expect(zhang.text).toContain('华安医药');
    expect(zhang.rules[0].label).toBe('久未跟进');

    const east = await eastBoss.get('/delivery/alerts');
    expect(east.json.items.map((i: any) => i.recipient.label).sort()).toEqual(['华东一组(群)', '张三']);
    expect((await rep.get('/delivery/alerts')).status).toBe(403);
  });
});

describe('outbox and dead letters', () => {
  let deadId = '';

  it('shows a dead letter with the WeCom reason to an admin and to the manager of its recipient only', async () => {
    t.fake.failNext('message/send', { errcode: 40008, errmsg: 'invalid message type' });
    deadId = await push('rep-a', '请今天回访恒信机械');
    await eventually(async () => (await status(deadId)).status === 'dead');
    const dead = await admin.get('/outbox?status=dead');
    expect(dead.json.counts.dead).toBe(1);
    expect(dead.json.items).toHaveLength(1);
    expect(dead.json.items[0]).toMatchObject({ id: deadId, status: 'dead', summary: '请今天回访恒信机械', recipient: { kind: 'person', label: '张三' } });
    expect(dead.json.items[0].lastError).toContain('40008');
    expect((await eastBoss.get('/outbox?status=dead')).json.items.map((i: any) => i.id)).toEqual([deadId]);
    expect((await westBoss.get('/outbox?status=dead')).json.items).toEqual([]);
    expect((await westBoss.get('/outbox')).json.items.every((i: any) => ['王五', '华西组(群)', '吴经理'].includes(i.recipient.label))).toBe(true);
    expect((await admin.get('/outbox?status=sent')).json.items.length).toBeGreaterThanOrEqual(4);
    expect((await rep.get('/outbox')).status).toBe(403);
  });

  it('retries a dead letter: back to pending with attempts reset, delivered by the normal path, audited', async () => {
    expect((await westBoss.post(`/outbox/${deadId}/retry`)).status).toBe(404);
    expect((await rep.post(`/outbox/${deadId}/retry`)).status).toBe(403);
    const res = await eastBoss.post(`/outbox/${deadId}/retry`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: deadId, attempts: 0 });
    expect(['pending', 'sending', 'sent']).toContain(res.json.status);
    await eventually(async () => (await status(deadId)).status === 'sent');
    expect(t.fake.sent().filter((c) => c.body?.touser === 'rep-a' && (c.body.text as any)?.content === '请今天回访恒信机械')).toHaveLength(1);
    expect((await status(deadId)).attempts).toBe(0);
    const [entry] = await t.db.query<{ actor: string; target: string; details: any }>(`select actor, target, details from audit_log where action = 'outbox.retry'`);
    expect(entry).toMatchObject({ actor: 'boss-east', target: deadId, details: { recipient: '张三' } });
    expect(entry!.details.previousError).toContain('40008');

    const again = await admin.post(`/outbox/${deadId}/retry`);
    expect(again.status).toBe(409);
    expect(again.json.message).toBe('只有发送失败的推送可以重试');
    expect((await admin.post('/outbox/no-such-row/retry')).status).toBe(404);
  });

  it('does not retry a push to someone who has left', async () => {
    t.fake.failNext('message/send', { errcode: 40008, errmsg: 'invalid message type' });
    const id = await push('rep-b', '请回访华安医药');
    await eventually(async () => (await status(id)).status === 'dead');
    await t.db.execute(`update users set active = false, deactivated_at = now() where id = 'rep-b'`);
    const res = await admin.post(`/outbox/${id}/retry`);
    expect(res.status).toBe(409);
    expect(res.json.message).toContain('离职');
    expect((await status(id)).status).toBe('dead');
  });
});
