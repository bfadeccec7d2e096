// 总览: the numbers of the chat commands 漏斗 / 预测 / 健康度 / 逾期 / 排行 for one scope, plus today's and this
// week's reports — each computed by the very functions those commands format (app/commands/manager-commands.ts,
// app/leaderboards/team-board.ts), so the page and the chat can never disagree.
import { boardTitle, periodRange, type PeriodKind, type RankedEntry } from '../../domain/leaderboards/index.js';
import { distinctBreaches } from '../../domain/reminders/alert-text.js';
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import { percent, teamBreaches, teamForecast, teamFunnel, teamHealthNumbers } from '../commands/manager-commands.js';
import { teamBoard } from '../leaderboards/team-board.js';
import { overviewScope, visibleTeams, type OverviewScope, type TeamRef } from './team-scope.js';
import type { Viewer } from './viewer.js';

export const BOARD_PERIODS: readonly PeriodKind[] = ['day', 'week', 'month'];

type OverviewDeps = Pick<AppDeps, 'stages' | 'pushRules' | 'reportRules'>;

export async function overviewFor(
  q: Queryable, deps: OverviewDeps, viewer: Viewer, opts: { teamKey: string | null; period: PeriodKind; now: Date },
) {
  const scope = await overviewScope(q, viewer, opts.teamKey);
  const { reps } = scope;
  const { tenantId } = viewer;
  const calendar = deps.pushRules.calendar;
  const board = (kind: PeriodKind) => teamBoard(q, tenantId, reps, periodRange(kind, opts.now), calendar);
  const [today, week, ranked, funnel, forecast, health, breaches, teams] = await Promise.all([
    board('day'), board('week'), board(opts.period),
    teamFunnel(q, deps, tenantId, reps), teamForecast(q, deps, tenantId, reps), teamHealthNumbers(q, tenantId, reps, opts.now),
    teamBreaches(q, deps, tenantId, reps, opts.now), visibleTeams(q, viewer),
  ]);
  const overdue = [...distinctBreaches(breaches).values()];
  const money = deps.reportRules.formatAmount;
  const period = periodRange(opts.period, opts.now);
  return {
    scope: scopeView(scope),
    teams,
    reports: { today: sumReports(today), week: sumReports(week), todayLabel: periodRange('day', opts.now).label, weekLabel: periodRange('week', opts.now).label },
    funnel: {
      stages: funnel.stages.map((s) => ({ ...s, label: deps.stages.label(s.stage), rate: percent(s.advanced, s.reached) })),
      won: funnel.won, lost: funnel.lost, lostUnstaged: funnel.lostUnstaged, unstaged: funnel.unstaged, leads: funnel.leads,
      wonLabel: deps.stages.label(deps.stages.won), lostLabel: deps.stages.label(deps.stages.lost),
    },
    forecast: {
      months: forecast.months.map((m) => ({ ...m, text: money(m.amount) })),
      total: forecast.total, totalText: money(forecast.total), deals: forecast.deals,
    },
    health: {
      openCustomers: health.openCustomers, touched72h: health.touched72h, touched72hRate: percent(health.touched72h, health.openCustomers),
      fulfilment: { ...health.fulfilment, rate: percent(health.fulfilment.done, health.fulfilment.due) },
      reports: health.reports, completeReports: health.completeReports, completeRate: percent(health.completeReports, health.reports),
      effectiveTouches: health.effectiveTouches, touchesPerRep: health.touchesPerRep,
    },
    overdue: { count: overdue.length, people: new Set(overdue.map((b) => b.ownerUserId)).size },
    leaderboard: { period: opts.period, title: boardTitle(period), label: period.label, entries: ranked.map(entryView) },
  };
}

export type Overview = Awaited<ReturnType<typeof overviewFor>>;

const sumReports = (board: readonly RankedEntry[]) => board.reduce((n, e) => n + e.reports, 0);

const entryView = (e: RankedEntry) => ({
  rank: e.rank, userId: e.userId, name: e.name, reports: e.reports, stageAdvances: e.stageAdvances, points: e.points, streakDays: e.streakDays,
});

function scopeView(s: OverviewScope): { kind: OverviewScope['kind']; team: TeamRef | null; people: number; label: string } {
  const label = s.kind === 'team' ? s.team!.name : s.kind === 'all' ? '全部团队' : s.kind === 'managed' ? '我带的团队' : '我自己';
  return { kind: s.kind, team: s.team, people: s.reps.length, label };
}
