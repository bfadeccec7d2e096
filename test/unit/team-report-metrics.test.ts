// The team reports' pure metrics on fixed data: submission rate over the work calendar, average cycle,
// the period funnel (漏斗's maths on the period's movers), objections / competitors / lost reasons /
// industries, the best-rated report, forecast against target, the periods, and the markdown and chart
// they make (short lines, DingTalk paragraphs, the byte cap).
import { describe, expect, it } from 'vitest';
import { compileWorkCalendar } from '../../src/domain/calendar/work-calendar.js';
import { cleanLostNote } from '../../src/domain/lost-reasons/lost-reasons.js';
import { DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';
import { averageCycle } from '../../src/domain/team-reports/average-cycle.js';
import { bestReport } from '../../src/domain/team-reports/best-report.js';
import { periodFunnel } from '../../src/domain/team-reports/period-funnel.js';
import { teamReportChartData } from '../../src/domain/team-reports/report-chart-data.js';
import { previousMonth, reportPeriod, workdaysIn } from '../../src/domain/team-reports/report-periods.js';
import { renderTeamReport } from '../../src/domain/team-reports/render-team-report.js';
import { submissionRate } from '../../src/domain/team-reports/submission-rate.js';
import { targetProgress } from '../../src/domain/team-reports/target-progress.js';
import type { TeamReport } from '../../src/domain/team-reports/team-report.js';
import { competitorCounts, industryTopObjections, lostReasonCounts, objectionCounts, topCounts } from '../../src/domain/team-reports/top-counts.js';
import { parseLostKey, lostReasonCard } from '../../src/app/lost-reasons/lost-reason-card.js';
import { renderTeamReportPng, teamReportHeight } from '../../src/providers/charts/team-report-chart.js';

const sh = (local: string) => new Date(`${local}+08:00`);
// 2026-10-01..07 is the National Day holiday; 2026-10-10 (Saturday) a 调休 workday.
const calendar = compileWorkCalendar({ workweek: [1, 2, 3, 4, 5], holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], extraWorkdays: ['2026-10-10'], quietHours: null });

describe('periods', () => {
  it('covers the week before a Monday run and the month before a run on the 1st', () => {
    const week = reportPeriod('weekly', sh('2026-11-16T09:00:00'));
    expect([week.firstDate, week.lastDate]).toEqual(['2026-11-09', '2026-11-15']);
    const month = previousMonth(sh('2026-12-01T09:00:00'));
    expect([month.firstDate, month.lastDate, month.label]).toEqual(['2026-11-01', '2026-11-30', '2026年11月']);
    expect(previousMonth(sh('2027-01-01T09:00:00')).firstDate).toBe('2026-12-01');
    expect(month.start).toEqual(sh('2026-11-01T00:00:00'));
    expect(month.end).toEqual(sh('2026-12-01T00:00:00'));
  });

  it('lists workdays by the calendar: holidays out, 调休 Saturdays in', () => {
    expect(workdaysIn({ firstDate: '2026-10-01', lastDate: '2026-10-11' }, calendar)).toEqual(['2026-10-06', '2026-10-07', '2026-10-08', '2026-10-09', '2026-10-10']);
  });
});

describe('submissionRate', () => {
  const workdays = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];
  it('counts workdays with a report once, ignores weekend reports, and sums the team over reps × workdays', () => {
    const s = submissionRate([
      { userId: 'a', name: '周琪', reportDates: ['2026-11-09', '2026-11-09', '2026-11-10', '2026-11-15'] },
      { userId: 'b', name: '李雷', reportDates: workdays },
      { userId: 'c', name: '韩梅', reportDates: [] },
    ], workdays);
    expect(s.reps.map((r) => [r.name, r.days.n, r.days.of])).toEqual([['李雷', 5, 5], ['周琪', 2, 5], ['韩梅', 0, 5]]);
    expect(s.team).toEqual({ n: 7, of: 15 });
    expect(s.workdays).toBe(5);
  });

  it('has nothing to divide in a week without workdays', () => {
    const s = submissionRate([{ userId: 'a', name: '周琪', reportDates: ['2026-10-03'] }], []);
    expect(s.team).toEqual({ n: 0, of: 0 });
  });
});

describe('averageCycle', () => {
  it('averages first touch → win in days with one decimal; none without wins', () => {
    expect(averageCycle([])).toEqual({ deals: 0, averageDays: null });
    expect(averageCycle([
      { firstTouchAt: sh('2026-11-01T10:00:00'), wonAt: sh('2026-11-11T10:00:00') },
      { firstTouchAt: sh('2026-11-01T10:00:00'), wonAt: sh('2026-11-04T22:00:00') },
    ])).toEqual({ deals: 2, averageDays: 6.8 });
    // A touch recorded after the win cannot make the cycle negative.
    expect(averageCycle([{ firstTouchAt: sh('2026-11-05T10:00:00'), wonAt: sh('2026-11-04T10:00:00') }])).toEqual({ deals: 1, averageDays: 0 });
  });
});

describe('periodFunnel', () => {
  it('runs 漏斗 over the movers, each judged by its path up to the period end', () => {
    const f = periodFunnel([['discovery', 'negotiation'], ['discovery', 'demo', 'lost'], ['contract', 'won']], DEFAULT_STAGES);
    expect(f.customers).toBe(3);
    expect(f.stages.map((s) => [s.stage, s.reached, s.advanced])).toEqual([['discovery', 3, 3], ['demo', 3, 2], ['negotiation', 2, 1], ['contract', 1, 1]]);
    expect([f.won, f.lost]).toEqual([1, 1]);
  });
});

describe('counting', () => {
  const reports = [
    { objectionTopics: ['price', 'price', 'payment_terms'], competitors: ['华为', ' 华为 '] },
    { objectionTopics: ['price', 'competitor'], competitors: ['思科', '华为'] },
    { objectionTopics: ['delivery'], competitors: [] },
  ];
  it('counts each topic and competitor once per report, most first, ties by key', () => {
    expect(objectionCounts(reports)).toEqual([{ key: 'price', count: 2 }, { key: 'competitor', count: 1 }, { key: 'delivery', count: 1 }]);
    expect(competitorCounts(reports)).toEqual([{ key: '华为', count: 2 }, { key: '思科', count: 1 }]);
    expect(topCounts([])).toEqual([]);
  });

  it('counts losses without a reason apart', () => {
    expect(lostReasonCounts(['price', null, 'price', 'competitor', null, null], 'none', 2)).toEqual([{ key: 'none', count: 3 }, { key: 'price', count: 2 }]);
  });

  it('groups objections by industry, customers without one as 未分类', () => {
    const out = industryTopObjections([
      { industry: '制造业', objectionTopics: ['price', 'delivery'] },
      { industry: '制造业', objectionTopics: ['price'] },
      { industry: null, objectionTopics: ['quality'] },
      { industry: ' ', objectionTopics: ['price'] },
      { industry: '医疗', objectionTopics: [] },
    ], '未分类');
    expect(out).toEqual([
      { industry: '制造业', reports: 2, top: [{ key: 'price', count: 2 }, { key: 'delivery', count: 1 }] },
      { industry: '未分类', reports: 2, top: [{ key: 'price', count: 1 }, { key: 'quality', count: 1 }] },
    ]);
  });
});

describe('bestReport', () => {
  it('picks the most stars, then the one rated first, then the earliest written', () => {
    const r = (id: string, rating: number, ratedAt: string | null, recordedAt = '2026-11-10T10:00:00') => ({ id, rating, recordedAt: sh(recordedAt), ratedAt: ratedAt ? sh(ratedAt) : null });
    expect(bestReport([])).toBeNull();
    expect(bestReport([r('a', 2, '2026-11-10T11:00:00'), r('b', 3, '2026-11-12T11:00:00'), r('c', 3, '2026-11-11T11:00:00')])!.id).toBe('c');
    expect(bestReport([r('a', 3, null, '2026-11-12T10:00:00'), r('b', 3, null, '2026-11-11T10:00:00')])!.id).toBe('b');
  });
});

describe('targetProgress', () => {
  it('compares won and won + forecast with the target, or says nothing without one', () => {
    expect(targetProgress('2026-11', 800_000, 600_000, 2_000_000)).toMatchObject({ wonPercent: 40, projectedPercent: 70 });
    expect(targetProgress('2026-11', 800_000, 0, null)).toMatchObject({ wonPercent: null, projectedPercent: null });
    expect(targetProgress('2026-11', 1, 0, 0).wonPercent).toBeNull();
  });
});

const report = (over: Partial<TeamReport> = {}): TeamReport => ({
  kind: 'weekly', teamName: '华北组', periodLabel: '11月9日–11月15日', periodDates: '11月9日–11月15日',
  funnel: { customers: 3, stages: [{ label: '需求探询', reached: 3, advanced: 2 }, { label: '方案演示', reached: 2, advanced: 1 }, { label: '商务谈判', reached: 0, advanced: 0 }], wonLabel: '赢单', won: 1, lostLabel: '丢单', lost: 1 },
  cycle: { deals: 1, averageDays: 12.5 },
  submission: { team: { n: 7, of: 10 }, workdays: 5, reps: [{ name: '李雷', days: { n: 5, of: 5 } }, { name: '周琪', days: { n: 2, of: 5 } }] },
  fulfilment: { due: 4, done: 3 },
  overdue: 2,
  objections: [{ label: '价格', count: 2 }],
  competitors: [],
  lostReasons: [{ label: '竞品', count: 1 }],
  targets: [{ ...targetProgress('2026-11', 800_000, 600_000, 2_000_000), relation: 'this' }],
  best: { stars: 3, repName: '周琪', customer: '恒信机械', progress: '客户认可方案,下周签合同' },
  industries: [{ industry: '制造业', top: [{ label: '价格', count: 2 }] }],
  ...over,
});
const wan = (y: number) => `${y / 10_000}万`;

describe('renderTeamReport', () => {
  it('writes short lines, one section per metric', () => {
    const md = renderTeamReport(report(), { formatAmount: wan });
    expect(md.split('\n')).toEqual([
      '**华北组 · 上周团队周报**', '11月9日–11月15日', '',
      '**漏斗**(本期有阶段变化的客户 3 个)', '需求探询 到过 3 · 往后推进 67%', '方案演示 到过 2 · 往后推进 50%', '赢单 1 · 丢单 1', '',
      '**平均成交周期** 12.5 天(1 单,首次跟进到赢单)', '',
      '**战报提交率** 70%(7/10 人·工作日)', '李雷 5/5 天', '周琪 2/5 天', '',
      '**承诺兑现率** 75%(3/4)', '**逾期事项** 2 条(发「逾期」看明细)', '',
      '**客户异议 Top3**', '价格 2', '**竞品**', '无', '**丢单原因**', '竞品 1', '',
      '**目标**', '11月赢单 80万 / 目标 200万(40%)', '加权预测 60万,预计完成 70%', '',
      '**最佳战报** ★★★ 周琪 · 恒信机械', '> 客户认可方案,下周签合同', '',
      '**各行业客户异议 Top3**(近90天)', '制造业:价格 2',
    ]);
    for (const line of md.split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it('says what is missing instead of empty numbers, and a month over has no forecast', () => {
    const md = renderTeamReport(report({
      kind: 'monthly', periodLabel: '2026年11月', periodDates: '11月1日–11月30日',
      funnel: { ...report().funnel, customers: 0 }, cycle: { deals: 0, averageDays: null }, fulfilment: { due: 0, done: 0 },
      submission: { team: { n: 0, of: 0 }, workdays: 0, reps: [] }, lostReasons: [], best: null, industries: [],
      targets: [{ ...targetProgress('2026-11', 500_000, 0, null), relation: 'last' }, { ...targetProgress('2026-12', 0, 300_000, 1_000_000), relation: 'this' }],
    }), { formatAmount: wan });
    expect(md).toContain('**华北组 · 2026年11月团队月报**\n11月1日–11月30日');
    expect(md).toContain('**漏斗** 本期没有客户变更阶段');
    expect(md).toContain('**平均成交周期** 本期没有赢单');
    expect(md).toContain('**战报提交率** 本期没有工作日');
    expect(md).toContain('**承诺兑现率** 本期没有到期的承诺');
    expect(md).toContain('11月赢单 50万(未设目标)\n12月赢单 0万 / 目标 100万(0%)\n加权预测 30万,预计完成 30%');
    expect(md).toContain('**最佳战报** 本期还没有评过星的战报');
    expect(md).not.toContain('丢单原因');
    expect(md).not.toContain('行业');
  });

  it('puts a blank line between lines for DingTalk', () => {
    const md = renderTeamReport(report(), { formatAmount: wan, paragraphs: true });
    expect(md).toContain('**战报提交率** 70%(7/10 人·工作日)\n\n李雷 5/5 天\n\n周琪 2/5 天');
    expect(md).not.toMatch(/[^\n]\n[^\n]/);
  });

  it('stays under WeCom’s markdown limit with a big team, dropping rep lines first', () => {
    const reps = Array.from({ length: 300 }, (_, i) => ({ name: `很长名字的销售同事${i}号`, days: { n: 1, of: 5 } }));
    const md = renderTeamReport(report({ submission: { team: { n: 300, of: 1500 }, workdays: 5, reps } }), { formatAmount: wan });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4000);
    expect(md).toMatch(/…另有 \d+ 人/);
    expect(md).toContain('**最佳战报**');
  });

  it('neutralises markdown in names and texts', () => {
    const md = renderTeamReport(report({ best: { stars: 2, repName: '**王**', customer: '[恒信](x)', progress: '# 标题\n第二行' } }), { formatAmount: wan });
    expect(md).toContain('**最佳战报** ★★ ＊＊王＊＊ · ［恒信］(x)');
    expect(md).toContain('> ＃ 标题 第二行');
  });
});

describe('team report chart', () => {
  it('draws the funnel and the submission rates as a PNG of the computed height', () => {
    const data = teamReportChartData(report());
    expect(data.sections[0]!.bars.map((b) => [b.label, b.value])).toEqual([['需求探询', 3], ['方案演示', 2], ['赢单', 1]]);
    expect(data.sections[1]!.bars.map((b) => b.text)).toEqual(['100%(5/5)', '40%(2/5)']);
    const png = renderTeamReportPng(data);
    expect(png.png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.height).toBe(teamReportHeight(data));
    const empty = teamReportChartData(report({ funnel: { ...report().funnel, customers: 0 }, submission: { team: { n: 0, of: 0 }, workdays: 0, reps: [] } }));
    expect(empty.sections.every((s) => s.bars.length === 0)).toBe(true);
    expect(renderTeamReportPng(empty).png.length).toBeGreaterThan(0);
  });
});

describe('lost reasons', () => {
  it('offers six reasons whose keys come back to the stage change', () => {
    const card = lostReasonCard('sc-1', '恒信机械');
    expect(card.buttons.map((b) => b.text)).toEqual(['价格', '竞品', '预算', '时机', '产品不符', '其他']);
    expect(parseLostKey(card.buttons[4]!.key)).toEqual({ reason: 'product_fit', stageChangeId: 'sc-1' });
    expect(parseLostKey('lost:cheap:sc-1')).toBeNull();
    expect(card.taskId).toBe('lost-sc-1');
  });

  it('keeps a note on one line, capped', () => {
    expect(cleanLostNote('  客户\n换了 供应商 ')).toBe('客户 换了 供应商');
    expect(cleanLostNote('   ')).toBeNull();
    expect([...cleanLostNote('长'.repeat(500))!].length).toBe(200);
  });
});
