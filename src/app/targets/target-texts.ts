// What reps, managers and admins read about targets: the 目标 answer, the daily board's progress line, the
// 预测 comparison and the API's validation messages.
import type { MetricProgress, TargetMetric, TargetProgress } from '../../domain/targets/target-progress.js';

export type Money = (yuan: number) => string;

const NAMES: Record<TargetMetric, string> = { wonAmount: '赢单', newCustomers: '新客户', visits: '拜访', reports: '战报' };

const shown = (m: MetricProgress, money: Money): string =>
  m.metric === 'wonAmount' ? `${money(m.actual)}/${money(m.target)}` : `${m.actual}/${m.target}`;

const missing = (m: MetricProgress, money: Money): string => {
  switch (m.metric) {
    case 'wonAmount': return `${money(m.missing)}赢单`;
    case 'newCustomers': return `${m.missing} 个新客户`;
    case 'visits': return `${m.missing} 次拜访`;
    case 'reports': return `${m.missing} 份战报`;
  }
};

export const targetTexts = {
  scope: { month: '本月', quarter: '本季度' } as const,

  /** "本月赢单 80万/200万 · 新客户 3/5 · 还差 120万赢单、2 个新客户,剩 9 个工作日". */
  progressLine(scope: string, p: TargetProgress, money: Money): string {
    const parts = p.metrics.map((m, i) => `${i === 0 ? scope : ''}${NAMES[m.metric]} ${shown(m, money)}`);
    const open = p.metrics.filter((m) => !m.met);
    const tail = open.length === 0 ? '已全部达成' : `还差 ${open.map((m) => missing(m, money)).join('、')}`;
    return `${parts.join(' · ')} · ${tail},剩 ${p.workdaysLeft} 个工作日`;
  },

  teamLine: (teamName: string, line: string) => `${teamName}:${line}`,
  noPersonalTarget: '你还没有个人目标。',
  noTarget: '本月还没有设目标,请找管理员设置。',
  noTeamTarget: '你带的团队本月还没有设目标,请找管理员设置。',

  /** The daily board's line: "**本月目标** 赢单 80万/200万(40%) · 新客户 3/5 · 剩 9 个工作日". */
  boardLine(scope: string, p: TargetProgress, money: Money): string {
    const parts = p.metrics.map((m) => `${NAMES[m.metric]} ${shown(m, money)}${m.percent === null ? '' : `(${m.percent}%)`}`);
    return `**${scope}目标** ${parts.join(' · ')} · 剩 ${p.workdaysLeft} 个工作日`;
  },

  /** 预测 against the month's won-amount target of one team. */
  forecastLine(teamName: string, target: string, won: string, forecast: string, sum: string, percent: number | null, short: string | null): string {
    const verdict = short === null ? '有望完成' : `还差 ${short}`;
    return `${teamName} 本月目标 ${target}:已赢单 ${won} + 本月预测 ${forecast} = ${sum}${percent === null ? '' : `(${percent}%)`},${verdict}`;
  },
  forecastTitle: '**对比本月赢单目标**',

  api: {
    badPeriod: (p: string) => `周期"${p}"不对:月用 2026-12,季度用 2026-Q4`,
    rowsNotList: 'rows 必须是数组',
    tooManyRows: (max: number) => `一次最多 ${max} 行`,
    rowNotObject: (n: number) => `第 ${n} 行必须是对象`,
    oneSubject: (n: number) => `第 ${n} 行:teamKey 和 userId 要填且只填一个`,
    badNumber: (n: number, field: string) => `第 ${n} 行:${field} 必须是数字`,
    negative: (n: number, field: string) => `第 ${n} 行:${field} 不能是负数`,
    notWhole: (n: number, field: string) => `第 ${n} 行:${field} 必须是整数`,
    tooLarge: (n: number, field: string) => `第 ${n} 行:${field} 太大了`,
    empty: (n: number) => `第 ${n} 行:至少要设一项目标(wonAmount、newCustomers、visits、reports)`,
    duplicate: (n: number, who: string) => `第 ${n} 行:${who} 重复了`,
    unknownTeams: (keys: readonly string[]) => `没有这些团队:${keys.join('、')}`,
    unknownUsers: (ids: readonly string[]) => `没有这些用户:${ids.join('、')}`,
  },
};
