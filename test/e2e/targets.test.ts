// Targets end to end on the seeded sales org (fake clock, December 2026): the admin API refuses bad input
// in Chinese, PUT then GET gives progress, a won deal moves it, 目标 answers a rep, a rep without a target
// of their own and a manager on WeCom and on DingTalk, the daily board carries the team's line, and 预测
// compares the forecast with the month's won-amount target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingtalkDriver, type ChannelDriver } from '../support/channel-drivers.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';
import { cardClickXml, eventually } from '../support/test-server.js';
import { contentOf, sentTo } from '../support/wecom-chat.js';

let w: SalesWorld;
let ding: ChannelDriver;
const { eRep1, eRep2, eBoss, wBoss, wRep } = PEOPLE;

beforeAll(async () => {
  w = await startSalesWorld();
  ding = dingtalkDriver(w.t);
  // A DingTalk team: 孙丽 (d-boss) leads 钱多 (d-rep).
  for (const user of ['d-rep', 'd-boss']) {
    await askDing(user, '你好');
  }
  expect((await w.t.send('PUT', '/api/teams/north', { name: '华北组', memberUserIds: ['d-rep'], managerUserIds: ['d-boss'] })).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await w?.t.stop();
});

const put = (period: string, body: unknown) => w.t.send('PUT', `/api/targets/${period}`, body);
const rowOf = (view: any, who: { teamKey?: string; userId?: string }) =>
  view.rows.find((r: any) => (who.teamKey ? r.teamKey === who.teamKey : r.userId === who.userId));

/** Sends a DingTalk text and returns the first answer after it. */
async function askDing(user: string, text: string): Promise<string> {
  // DingTalk signs only the timestamp, and a signature seen before is refused: each message its own time.
  const before = ding.outgoing(user).length;
  w.clock.advance(60_000);
  expect(await ding.sendText(user, text, { at: w.clock.now() })).toBe(200);
  return (await eventually(() => ding.outgoing(user)[before])).text;
}

describe('the targets API', () => {
  it('refuses bad input with Chinese messages and changes nothing', async () => {
    const cases: [string, unknown, string, string][] = [
      ['2026-13', { rows: [] }, 'invalid_period', '周期"2026-13"不对'],
      ['2026-q4', { rows: [] }, 'invalid_period', '季度用 2026-Q4'],
      ['2026-12', { rows: {} }, 'invalid_targets', 'rows 必须是数组'],
      ['2026-12', { rows: [{ teamKey: 'east', wonAmount: -1 }] }, 'invalid_targets', '第 1 行:wonAmount 不能是负数'],
      ['2026-12', { rows: [{ teamKey: 'east', visits: 3 }, { userId: eRep1.id, reports: -2 }] }, 'invalid_targets', '第 2 行:reports 不能是负数'],
      ['2026-12', { rows: [{ teamKey: 'east', newCustomers: 2.5 }] }, 'invalid_targets', '第 1 行:newCustomers 必须是整数'],
      ['2026-12', { rows: [{ teamKey: 'east', visits: '10' }] }, 'invalid_targets', '第 1 行:visits 必须是数字'],
      ['2026-12', { rows: [{ teamKey: 'east', userId: eRep1.id, visits: 1 }] }, 'invalid_targets', 'teamKey 和 userId 要填且只填一个'],
      ['2026-12', { rows: [{ visits: 1 }] }, 'invalid_targets', 'teamKey 和 userId 要填且只填一个'],
      ['2026-12', { rows: [{ teamKey: 'east' }] }, 'invalid_targets', '第 1 行:至少要设一项目标'],
      ['2026-12', { rows: [{ teamKey: 'nope', visits: 1 }, { teamKey: 'gone', visits: 1 }] }, 'unknown_team', '没有这些团队:nope、gone'],
      ['2026-12', { rows: [{ userId: 'nobody', visits: 1 }] }, 'unknown_user', '没有这些用户:nobody'],
      ['2026-12', { rows: [{ teamKey: 'east', visits: 1 }, { teamKey: 'east', reports: 1 }] }, 'duplicate_target', '第 2 行:团队 east 重复了'],
      ['2026-12', { rows: [{ userId: eRep1.id, visits: 1 }, { userId: `wecom:${eRep1.id}`, reports: 1 }] }, 'duplicate_target', '第 2 行:用户 wecom:e-rep1 重复了'],
    ];
    for (const [period, body, code, message] of cases) {
      const res = await put(period, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe(code);
      expect(res.json.message).toContain(message);
    }
    expect((await w.t.api('/api/targets/2026-12-01')).status).toBe(400);
    expect((await w.t.api('/api/targets/2026-12', '')).status).toBe(401);
    expect((await w.t.api('/api/targets/2026-12')).json.rows).toEqual([]);
  });

  it('stores a period’s rows as a whole and returns them with progress', async () => {
    const res = await put('2026-12', {
      rows: [
        { teamKey: 'east', wonAmount: 2_000_000, newCustomers: 5, visits: 20, reports: 10 },
        { teamKey: 'west', wonAmount: 600_000 },
        { userId: eRep1.id, wonAmount: 1_000_000, newCustomers: 2 },
        { userId: 'dingtalk:d-rep', newCustomers: 4 }, // an account reference is stored as the person
      ],
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    // Wednesday 2 December: 22 of the month's 23 workdays are left, today included.
    expect(res.json).toMatchObject({ period: '2026-12', label: '2026年12月', firstDate: '2026-12-01', lastDate: '2026-12-31', workdays: 23, workdaysLeft: 22 });
    expect(res.json.rows.map((r: any) => r.teamKey ?? r.userId)).toEqual(['east', 'west', 'd-rep', eRep1.id]);
    const east = rowOf(res.json, { teamKey: 'east' });
    // December: 恒信机械 (王伟), 永安纸业 and 金鼎五金 (李娜) are new; 宏达建材 came in November.
    expect(east).toMatchObject({ name: '华东组', wonAmount: 2_000_000, newCustomers: 5, visits: 20, reports: 10, met: false, workdaysLeft: 22 });
    expect(east.actual).toMatchObject({ wonAmount: 0, newCustomers: 3, reports: 1 });
    expect(east.percent).toMatchObject({ wonAmount: 0, newCustomers: 60, reports: 10 });
    expect(rowOf(res.json, { userId: eRep1.id })).toMatchObject({
      name: '王伟', wonAmount: 1_000_000, newCustomers: 2, visits: null, reports: null,
      actual: { wonAmount: 0, newCustomers: 1 }, percent: { wonAmount: 0, newCustomers: 50, visits: null, reports: null },
      missing: { wonAmount: 1_000_000, newCustomers: 1, visits: null, reports: null },
    });
    expect(rowOf(res.json, { userId: 'd-rep' }).newCustomers).toBe(4);
    expect((await w.t.api('/api/targets/2026-12')).json).toEqual(res.json);

    // A quarter of its own, for 周杰.
    expect((await put('2026-Q4', { rows: [{ userId: wRep.id, reports: 30 }] })).status).toBe(200);
    const q4 = (await w.t.api('/api/targets/2026-Q4')).json;
    expect(q4).toMatchObject({ period: '2026-Q4', label: '2026年第4季度', workdays: 62, workdaysLeft: 22 });
    expect(q4.rows).toMatchObject([{ userId: wRep.id, name: '周杰', reports: 30, actual: { reports: 1 }, percent: { reports: 3 } }]);
  });

  it('counts a deal moved to won this month with its report’s amount', async () => {
    const before = sentTo(w.t, eRep1.id).length;
    await w.ask(eRep1.id, '恒信机械签了');
    const card = await eventually(() => sentTo(w.t, eRep1.id).slice(before).map((c) => c.body?.template_card as any).find((c) => c?.task_id?.startsWith('stg-')));
    w.clock.advance(60_000);
    const won = card.button_list.find((b: any) => b.text === '赢单').key;
    await w.t.postCallback(cardClickXml(eRep1.id, card.task_id, won, Math.floor(w.clock.now().getTime() / 1000)));
    await eventually(async () => (await w.t.db.query(`select 1 from customers where name = '恒信机械' and stage = 'won'`)).length > 0);
    const view = (await w.t.api('/api/targets/2026-12')).json;
    expect(rowOf(view, { userId: eRep1.id })).toMatchObject({ actual: { wonAmount: 500_000 }, percent: { wonAmount: 50 } });
    expect(rowOf(view, { teamKey: 'east' })).toMatchObject({ actual: { wonAmount: 500_000 }, percent: { wonAmount: 25 } });
  });
});

describe('目标 in chat', () => {
  it('gives a rep their own progress in one message (WeCom)', async () => {
    expect(await w.ask(eRep1.id, '目标')).toBe('本月赢单 50万/100万 · 新客户 1/2 · 还差 50万赢单、1 个新客户,剩 22 个工作日');
  });

  it('gives a rep without a target of their own the team’s, and a quarter target as 本季度', async () => {
    const team = await w.ask(eRep2.id, '我的目标');
    expect(team.split('\n')[0]).toBe('你还没有个人目标。');
    expect(team).toContain('华东组:本月赢单 50万/200万 · 新客户 3/5 · 拜访 ');
    const quarter = await w.ask(wRep.id, '目标');
    expect(quarter.split('\n')).toEqual(['本季度战报 1/30 · 还差 29 份战报,剩 22 个工作日']);
  });

  it('gives a manager each led team’s progress (WeCom)', async () => {
    const east = await w.ask(eBoss.id, '目标');
    expect(east).toMatch(/^华东组:本月赢单 50万\/200万 · 新客户 3\/5 · 拜访 \d+\/20 · 战报 1\/10 · 还差 150万赢单、2 个新客户、\d+ 次拜访、9 份战报,剩 22 个工作日$/);
    expect(await w.ask(wBoss.id, '目标')).toBe('华西组:本月赢单 0元/60万 · 还差 60万赢单,剩 22 个工作日');
  });

  it('answers on DingTalk the same way, and hints when there is no target', async () => {
    expect(await askDing('d-rep', '目标')).toBe('本月新客户 0/4 · 还差 4 个新客户,剩 22 个工作日');
    expect(await askDing('d-boss', '目标')).toBe('你带的团队本月还没有设目标,请找管理员设置。');
    expect(await askDing('d-stranger', '目标')).toBe('本月还没有设目标,请找管理员设置。');
  });
});

describe('the daily board and 预测', () => {
  it('adds the team’s progress line under the board title, only for a team with a target', async () => {
    for (const [key, name, members, managers] of [['east', '华东组', [eRep1.id, eRep2.id], [eBoss.id]], ['north', '华北组', ['d-rep'], ['d-boss']]] as const) {
      const res = await w.t.send('PUT', `/api/teams/${key}`, { name, memberUserIds: members, managerUserIds: managers, alert: { kind: 'wecom_webhook', key: `robot-${key}` } });
      expect(res.status).toBe(200);
    }
    w.clock.set('2026-12-02T18:40:00+08:00');
    const run = await w.t.send('POST', '/api/jobs/leaderboard-daily/run', {});
    expect(run.status).toBe(200);
    const boards = await eventually(() => {
      const sent = w.t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send' && c.body?.msgtype === 'markdown');
      return sent.length >= 2 ? sent.map((c) => ({ key: c.query.key, text: (c.body!.markdown as any).content as string })) : null;
    });
    const east = boards.find((b) => b.key === 'robot-east')!.text.split('\n');
    expect(east[0]).toContain('华东组');
    expect(east[1]).toMatch(/^\*\*本月目标\*\* 赢单 50万\/200万\(25%\) · 新客户 3\/5\(60%\) · 拜访 \d+\/20\(\d+%\) · 战报 1\/10\(10%\) · 剩 22 个工作日$/);
    expect(boards.find((b) => b.key === 'robot-north')!.text).not.toContain('目标');
  });

  it('预测 compares won plus this month’s weighted forecast with the won-amount target', async () => {
    // 李娜 quotes 永安纸业 20万 with a next step next Wednesday: weighted by its stage, it counts this month.
    w.clock.set('2026-12-03T10:00:00+08:00');
    const before = sentTo(w.t, eRep2.id).length;
    await w.ask(eRep2.id, '战报 永安纸业报价二十万,下周三再去演示一次');
    const card = await eventually(() => sentTo(w.t, eRep2.id).slice(before).map((c) => c.body?.template_card as any).find((c) => c?.task_id?.startsWith('rpt-')));
    w.clock.advance(60_000);
    await w.t.postCallback(cardClickXml(eRep2.id, card.task_id, card.button_list.find((b: any) => b.text === '确认').key, Math.floor(w.clock.now().getTime() / 1000)));
    await eventually(() => sentTo(w.t, eRep2.id).slice(before).some((m) => contentOf(m).includes('战报已保存')));

    const forecast = (await w.ask(eBoss.id, '预测')).split('\n');
    const month = forecast.find((l) => l.startsWith('2026-12:'))!;
    const expected = month.slice('2026-12:'.length);
    expect(forecast).toContain('**对比本月赢单目标**');
    const line = forecast.find((l) => l.startsWith('华东组 本月目标'))!;
    expect(line).toContain(`华东组 本月目标 200万:已赢单 50万 + 本月预测 ${expected} = `);
    expect(line).toMatch(/,还差 .+$/);
    // The west manager's team has a target and no open deal with an amount this month.
    expect(await w.ask(wBoss.id, '预测')).toContain('华西组 本月目标 60万:已赢单 0元 + 本月预测');
  });
});
