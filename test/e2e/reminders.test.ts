// The push side on demand: a customer created by chat, reminders run as of 49 h later → golden-48h
// nudge to the rep and a digest to the team's robot; the same run an hour later sends nothing new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const T0 = Date.parse('2026-11-16T10:00:00+08:00'); // a Monday
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const run = (name: string, at?: string) => t.send('POST', `/api/jobs/${name}/run`, at ? { at } : {});

describe('reminders job', () => {
  it('nudges the rep and digests to the team group once per day', async () => {
    t.fake.users.set('rep-g', '陈晨');
    await t.postCallback(textXml('rep-g', '和永盛机械通了电话,先聊了聊需求', Math.floor(T0 / 1000)));
    await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'rep-g'));
    const team = await t.send('PUT', '/api/teams/south', {
      name: '华南组', memberUserIds: ['rep-g'], managerUserIds: [], alert: { kind: 'wecom_webhook', key: 'robot-key-0001' },
    });
    expect(team.status).toBe(200);

    expect((await run('reminders', hours(47))).json.alerted).toBe(0);
    const first = await run('reminders', hours(49));
    expect(first.status).toBe(200);
    expect(first.json.messages.map((m: any) => m.to).sort()).toEqual(['rep-g', 'team:south']);

    const robot = await eventually(() => t.fake.sent().find((c) => c.path === '/cgi-bin/webhook/send'));
    expect(robot.query.key).toBe('robot-key-0001');
    const digest = (robot.body!.markdown as any).content as string;
    expect(digest).toContain('陈晨');
    expect(digest).toContain('永盛机械');
    const nudge = await eventually(() => t.fake.sent().find((c) => c.body?.touser === 'rep-g' && (c.body.text as any)?.content?.includes('永盛机械') && c.body.msgtype === 'text' && !(c.body.text as any).content.includes('已记录')));
    expect((nudge.body!.text as any).content).toMatch(/48/);

    const again = await run('reminders', hours(50));
    expect(again.json.alerted).toBe(0);
  });

  it('a re-run as of the same time still sends what became due since', async () => {
    const at = (h: number) => Math.floor((T0 + h * 3_600_000) / 1000);
    const customers = async (names: string[], h: number) => {
      for (const [i, name] of names.entries()) {
        await t.postCallback(textXml('rep-h', `和${name}通了电话,先聊了聊需求`, at(h) - i));
        await eventually(async () => (await t.db.query(`select 1 from customers where name = $1`, [name])).length === 1);
      }
    };
    await customers(['甲乙化工', '丙丁材料'], 2);
    const first = await run('reminders', hours(51));
    expect(first.json.messages.filter((m: any) => m.to === 'rep-h')).toHaveLength(1);
    // Two more leads of the same age arrive late; the same run is repeated (a backfill, a support re-run).
    await customers(['戊己纺织', '庚辛包装'], 3);
    const again = await run('reminders', hours(51));
    const list = again.json.messages.find((m: any) => m.to === 'rep-h');
    expect(list.text).toContain('戊己纺织');
    expect(list.text).toContain('庚辛包装');
    expect(list.text).not.toContain('甲乙化工');
  });

  it('rejects unknown jobs and bad times', async () => {
    expect((await run('nope')).status).toBe(404);
    expect((await t.send('POST', '/api/jobs/reminders/run', { at: 'yesterday' })).status).toBe(400);
  });
});

describe('leaderboards', () => {
  it('posts the daily board as markdown plus a PNG chart to the team robot, once per day', async () => {
    await t.postCallback(textXml('rep-g', '战报 永盛机械演示做完了,报价四十万,下周一发合同'));
    const card = await eventually(() => t.fake.sent().map((c) => c.body?.template_card as any).find((c) => c?.task_id?.startsWith('rpt-')));
    const confirm = card.button_list.find((b: any) => b.text === '确认');
    const { cardClickXml } = await import('../support/test-server.js');
    await t.postCallback(cardClickXml('rep-g', card.task_id, confirm.key));
    await eventually(() => t.fake.sent().some((c) => (c.body?.text as any)?.content?.includes('战报已保存')));

    const before = t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send').length;
    const res = await run('leaderboard-daily');
    expect(res.status).toBe(200);
    expect(res.json.posted).toEqual([{ team: 'south', entries: 1, chart: true }]);
    const robot = await eventually(() => {
      const calls = t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send').slice(before);
      return calls.length >= 2 ? calls : null;
    });
    const markdown = robot.find((c) => c.body?.msgtype === 'markdown')!;
    expect((markdown.body!.markdown as any).content).toContain('陈晨');
    const image = robot.find((c) => c.body?.msgtype === 'image')!.body!.image as any;
    const png = Buffer.from(image.base64, 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(800); // IHDR width
    const { createHash } = await import('node:crypto');
    expect(createHash('md5').update(png).digest('hex')).toBe(image.md5);

    await run('leaderboard-daily');
    await new Promise((r) => setTimeout(r, 1200));
    expect(t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send').length).toBe(before + 2);
  });
});
