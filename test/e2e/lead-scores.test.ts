// Lead scores end to end (issue 15): an update rescored in its own transaction, 我的客户 ordered by score
// with the reasons that matter on both channels, the 48 h score-leads job, and every stored score
// recomputed from the stored facts as of its instant.
import { describe, expect, it } from 'vitest';
import { scoresAsOf } from '../../src/app/scoring/rescore.js';
import { fixedClock } from '../../src/shared/clock.js';
import { eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

const T0 = Date.parse('2026-11-30T10:00:00+08:00');
const DAY = 86_400_000;
const clock = fixedClock(new Date(T0 - 20 * DAY));
let t: TestServer;
let drivers: TwoChannelDrivers;
useTwoChannelTeam({ clock }, (team) => ({ t, drivers } = team));

describe.each(['wecom', 'dingtalk'])('我的客户 on %s', (name) => {
  const d = () => drivers[name]!;
  const rep = `sc-${name}`;
  const [quiet, hot] = name === 'wecom' ? ['东岳机械', '南湖物流'] : ['西岭机械', '北辰物流'];
  const say = async (text: string, when: number) => {
    clock.set(new Date(when));
    const before = d().outgoing(rep).length;
    expect(await d().sendText(rep, text, { at: new Date(when) })).toBe(200);
    return before;
  };

  it('orders the rep’s customers by score and shows the strongest plus and minus', async () => {
    await say(`和${quiet}通了电话,客户说再看看`, T0 - 10 * DAY);
    await eventually(async () => (await t.db.query(`select 1 from customers where name = $1 and scored_at is not null`, [quiet])).length === 1);
    const before = await say(`刚去拜访了${hot},谈了合同条款,老板也在`, T0 - DAY);
    const card = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card' && m.text.includes(hot)), 30_000);
    clock.set(new Date(T0 - DAY + 60_000));
    expect(await d().choose(rep, card, '商务谈判', { at: new Date(T0 - DAY + 60_000) })).toBe(200);
    // The stage tap is an update too: rescored in its own transaction, as of then.
    const scored = await eventually(async () => {
      const [r] = await t.db.query<any>(`select stage, score, scored_at, score_stale from customers where name = $1`, [hot]);
      return r?.stage === 'negotiation' && !r.score_stale && new Date(r.scored_at).getTime() === T0 - DAY + 60_000 ? r : null;
    });
    expect(scored.score).toBeGreaterThan(50);

    const ask = await say('我的客户', T0);
    const reply = await eventually(() => d().outgoing(rep).slice(ask).find((m) => m.text.startsWith('你的客户')));
    const lines = reply.text.split('\n');
    expect(lines[0]).toBe('你的客户(2个,按评分排):');
    const hotLine = /^1\. (\S+) · 商务谈判 · (\d+) · (.+)$/.exec(lines[1]!)!;
    expect(hotLine[1]).toBe(hot);
    expect(hotLine[3]).toBe('谈到合同条款');
    const quietLine = /^2\. (\S+) · [^·]+ · (\d+) · (.+)$/.exec(lines[2]!)!;
    expect(quietLine[1]).toBe(quiet);
    expect(quietLine[3]).toBe('通话1次 · 已10天未跟进');
    expect(Number(hotLine[2])).toBeGreaterThan(Number(quietLine[2]));
  });
});

describe('score-leads', () => {
  it('rescores scores older than 48 h, and every stored score is a function of the facts as of its instant', async () => {
    clock.set(new Date(T0 + 3 * DAY));
    const run = await t.send('POST', '/api/jobs/score-leads/run', { at: new Date(T0 + 3 * DAY).toISOString() });
    expect(run.status).toBe(200);
    expect(run.json.scored).toBe(4);
    const again = await t.send('POST', '/api/jobs/score-leads/run', { at: new Date(T0 + 3 * DAY + 3_600_000).toISOString() });
    expect(again.json.scored).toBe(0);
    const rows = await t.db.query<{ id: string; score: number; score_reasons: unknown; scored_at: Date }>(
      `select id, score, score_reasons, scored_at from customers where scored_at is not null`);
    expect(rows.length).toBe(4);
    for (const r of rows) {
      const again = (await scoresAsOf(t.db, t.server.deps, 'default', [r.id], new Date(r.scored_at))).get(r.id)!;
      expect({ score: again.score, reasons: again.reasons }).toEqual({ score: r.score, reasons: r.score_reasons });
    }
    // Silence since the last touch shows in the periodic score: 南湖物流's stage was tapped 3 days 23 h before.
    const hot = await t.db.query<any>(`select score_reasons from customers where name = '南湖物流'`);
    expect(hot[0].score_reasons.find((x: any) => x.code === 'stale')).toEqual({ code: 'stale', points: -4, params: { days: 3 } });
  });
});
