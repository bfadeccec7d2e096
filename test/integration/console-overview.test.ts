// 总览 API: the numbers equal what the chat commands 漏斗 / 预测 / 健康度 / 逾期 / 排行 answer for the same team
// at the same instant, and each viewer gets only their scope (admin any team or all, manager their teams,
// rep their own numbers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/app/messages.js';
import { renderBoardMarkdown } from '../../src/domain/leaderboards/index.js';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';

let w: SalesWorld;
let admin: ConsoleClient;
let eBoss: ConsoleClient;
let rep: ConsoleClient;
beforeAll(async () => {
  w = await startSalesWorld();
  [admin, eBoss, rep] = await Promise.all([consoleClient(w.t, null), consoleClient(w.t, PEOPLE.eBoss.id), consoleClient(w.t, PEOPLE.eRep1.id)]);
});
afterAll(async () => {
  await w?.t.stop();
});

const pctText = (p: number | null) => (p === null ? '—' : `${p}%`);

describe('总览 numbers', () => {
  it('equal the chat commands of the team’s manager', async () => {
    // Each chat command is sent one minute after the last; the API is read at that same instant.
    const funnelText = await w.ask(PEOPLE.eBoss.id, '漏斗');
    const o = (await eBoss.get('/overview?teamKey=east')).json;
    expect(o.scope).toMatchObject({ kind: 'team', team: { key: 'east', name: '华东组' }, people: 2 });
    for (const s of o.funnel.stages) {
      expect(funnelText).toContain(msg.stages.funnelLine(s.label, s.current, s.reached, s.advanced, pctText(s.rate), s.lostHere));
    }
    expect(o.funnel.stages.find((s: any) => s.stage === 'negotiation')).toMatchObject({ current: 1, reached: 1 });
    expect(funnelText).toContain(`未设阶段 ${o.funnel.unstaged}`);
    expect(o.funnel.unstaged).toBe(1);

    const forecastText = await w.ask(PEOPLE.eBoss.id, '预测');
    const f = (await eBoss.get('/overview?teamKey=east')).json.forecast;
    expect(f.deals).toBeGreaterThan(0);
    for (const m of f.months) expect(forecastText).toContain(`${m.month}:${m.text}`);
    expect(forecastText).toContain(`合计:${f.totalText}`);

    const healthText = await w.ask(PEOPLE.eBoss.id, '健康度');
    const h = (await eBoss.get('/overview?teamKey=east')).json.health;
    expect(healthText).toContain(`72小时内跟进的在谈客户:${pctText(h.touched72hRate)}(${h.touched72h}/${h.openCustomers})`);
    expect(healthText).toContain(msg.commitments.fulfilmentLine(pctText(h.fulfilment.rate), h.fulfilment.done, h.fulfilment.due));
    expect(healthText).toContain(`战报完整度(客户+阶段+带日期的下一步,近30天):${pctText(h.completeRate)}`);
    expect(healthText).toContain(`人均有效跟进(近7天):${h.touchesPerRep} 次`);
    expect(h.openCustomers).toBe(4);

    const overdueText = await w.ask(PEOPLE.eBoss.id, '逾期');
    const overdue = (await eBoss.get('/overview?teamKey=east')).json.overdue;
    expect(overdue.count).toBeGreaterThan(0); // 宏达建材 has not been touched for 12 days
    expect(overdueText).toContain(`共${overdue.count}条,涉及${overdue.people}位同事`);

    for (const [word, period] of [['本周', 'week'], ['今日', 'day'], ['本月', 'month']] as const) {
      const boardText = await w.ask(PEOPLE.eBoss.id, `排行 ${word}`);
      const b = (await eBoss.get(`/overview?teamKey=east&period=${period}`)).json;
      expect(boardText).toBe(renderBoardMarkdown(b.leaderboard.entries, b.leaderboard.title));
      expect(b.leaderboard.entries.map((e: any) => e.name).sort()).toEqual([PEOPLE.eRep1.name, PEOPLE.eRep2.name].sort());
    }
    const today = (await eBoss.get('/overview?teamKey=east&period=day')).json;
    expect(today.reports).toMatchObject({ today: 1, week: 1 });
    expect(today.reports.today).toBe(today.leaderboard.entries.reduce((n: number, e: any) => n + e.reports, 0));
  });

  it('a manager’s default is every team they lead, as in chat; an admin sees any team or all', async () => {
    const mine = (await eBoss.get('/overview')).json;
    const team = (await eBoss.get('/overview?teamKey=east')).json;
    expect(mine.scope.kind).toBe('managed');
    expect(mine.funnel).toEqual(team.funnel);
    expect(mine.teams).toEqual([{ key: 'east', name: '华东组' }]);

    const asAdmin = (await admin.get('/overview?teamKey=east')).json;
    expect(asAdmin.funnel).toEqual(team.funnel);
    expect(asAdmin.health).toEqual(team.health);
    const all = (await admin.get('/overview')).json;
    expect(all.scope.kind).toBe('all');
    expect(all.reports).toMatchObject({ today: 1, week: 2 });
    expect(all.teams.map((t: any) => t.key).sort()).toEqual(['east', 'west']);
    expect(all.funnel.stages.find((s: any) => s.stage === 'negotiation').current).toBe(2);
    const west = (await admin.get('/overview?teamKey=west')).json;
    expect(west.leaderboard.entries.map((e: any) => e.userId)).toEqual([PEOPLE.wRep.id]);
    expect((await admin.get('/overview?teamKey=nowhere')).status).toBe(404);
  });

  it('keeps a manager out of another team and a rep to their own numbers', async () => {
    expect((await eBoss.get('/overview?teamKey=west')).status).toBe(403);
    const own = (await rep.get('/overview')).json;
    expect(own.scope).toMatchObject({ kind: 'own', people: 1 });
    expect(own.leaderboard.entries.map((e: any) => e.userId)).toEqual([PEOPLE.eRep1.id]);
    expect(own.funnel.stages.reduce((n: number, s: any) => n + s.current, 0)).toBe(2);
    expect((await rep.get('/overview?teamKey=east')).status).toBe(403);
    expect((await rep.get('/overview?period=year')).status).toBe(400);
  });

  it('lists the teams and people each viewer may filter by', async () => {
    const s = (await eBoss.get('/scope')).json;
    expect(s.teams).toEqual([{ key: 'east', name: '华东组' }]);
    expect(s.people.map((p: any) => p.id).sort()).toEqual([PEOPLE.eBoss.id, PEOPLE.eRep1.id, PEOPLE.eRep2.id].sort());
    expect(s.stages.map((x: any) => x.label)).toContain('商务谈判');
    expect(s.topics.find((x: any) => x.id === 'price').label).toBe('价格');
    const r = (await rep.get('/scope')).json;
    expect(r.people.map((p: any) => p.id)).toEqual([PEOPLE.eRep1.id]);
    expect(r.teams).toEqual([{ key: 'east', name: '华东组' }]);
    const a = (await admin.get('/scope')).json;
    expect(a.people.map((p: any) => p.id)).toEqual(expect.arrayContaining(Object.values(PEOPLE).map((p) => p.id)));
  });
});
