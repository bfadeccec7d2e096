// Managers' 1:1 commands over the reps of the teams they lead: 逾期, 漏斗, 预测, 健康度, 排行 (a rep's
// 逾期 lists their own open items). The numbers come from the team* functions, which the console's 总览
// reads too, so the page and the chat always agree.
import { boardTitle, periodRange, renderBoardMarkdown, type PeriodKind } from '../../domain/leaderboards/index.js';
import { managerDigest } from '../../domain/reminders/alert-text.js';
import { teamBoard } from '../leaderboards/team-board.js';
import { evaluateBreaches } from '../../domain/reminders/evaluate-breaches.js';
import { sweepCutoffs } from '../../domain/reminders/sweep-cutoffs.js';
import { computeFunnel, type Funnel } from '../../domain/stages/funnel.js';
import type { Breach } from '../../domain/reminders/breach.js';
import type { Fulfilment } from '../../domain/commitments/fulfilment.js';
import type { Queryable } from '../../store/database.js';
import { forecastRows, funnelCustomers, health, repsManagedBy, type Health } from '../../store/repos/manager-stats-repo.js';
import { loadReminderState } from '../../store/repos/reminder-state-repo.js';
import { listUsers } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { myOverdue, type OwnWork } from '../commitments/my-work.js';
import { teamFulfilment } from '../commitments/team-fulfilment.js';
import { lostReasonLine } from '../lost-reasons/lost-reason-summary.js';
import { forecastAgainstTargets } from '../targets/forecast-vs-target.js';

export { myOverdue };

export type ManagerCommand = (tx: Queryable, deps: AppDeps, ctx: EventContext, reps: string[]) => Promise<string>;

/** A share in whole percent, null when there is nothing to divide by (the chat shows "—"). */
export const percent = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 100));
const pct = (n: number, d: number) => {
  const p = percent(n, d);
  return p === null ? '—' : `${p}%`;
};

/**
 * Runs a manager command for the sender's teams. Someone who leads no team gets `forOwnWork` over
 * their own customers when the command has one (逾期), else an explanation of who may use it.
 */
export function asManagerCommand(run: ManagerCommand, forOwnWork?: OwnWork) {
  return async (tx: Queryable, deps: AppDeps, ctx: EventContext): Promise<Reply[]> => {
    const reps = await repsManagedBy(tx, ctx.tenantId, ctx.event.senderId);
    const me = ctx.event.senderId;
    if (reps.length > 0) return [toUser(me, { kind: 'markdown', markdown: await run(tx, deps, ctx, reps) })];
    if (forOwnWork) return forOwnWork(tx, deps, ctx);
    return [toUser(me, { kind: 'text', text: '这个命令给带团队的主管用。请管理员在后台把你设为团队主管。' })];
  };
}

/** Every open breach of the reps' customers, commitments and reports, as the manager digest lists them. */
export async function teamBreaches(tx: Queryable, deps: Pick<AppDeps, 'pushRules'>, tenantId: string, reps: readonly string[], now: Date): Promise<Breach[]> {
  const state = await loadReminderState(tx, tenantId, sweepCutoffs(now, deps.pushRules), { customers: true, ownerUserIds: [...reps] });
  return evaluateBreaches(state, now, deps.pushRules).map((b) => ({ ...b, audience: 'manager_group' as const }));
}

export const overdue: ManagerCommand = async (tx, deps, ctx, reps) => {
  const breaches = await teamBreaches(tx, deps, ctx.tenantId, reps, ctx.event.sentAt);
  const names = new Map((await listUsers(tx, ctx.tenantId)).map((u) => [u.id, u.name ?? u.id]));
  return managerDigest(breaches, names) ?? '**逾期**\n团队目前没有逾期事项。';
};


export async function teamFunnel(tx: Queryable, deps: Pick<AppDeps, 'stages'>, tenantId: string, reps: readonly string[]): Promise<Funnel> {
  return computeFunnel(await funnelCustomers(tx, tenantId, reps), deps.stages);
}

export const stageFunnel: ManagerCommand = async (tx, deps, ctx, reps) => {
  const { stages } = deps;
  const f = await teamFunnel(tx, deps, ctx.tenantId, reps);
  const lines = f.stages.map((s) => msg.stages.funnelLine(stages.label(s.stage), s.current, s.reached, s.advanced, pct(s.advanced, s.reached), s.lostHere));
  const won = `${stages.label(stages.won)} ${f.won}`;
  const lost = `${stages.label(stages.lost)} ${f.lost}`;
  const whyLost = await lostReasonLine(tx, deps, ctx.tenantId, reps);
  const leads = f.leads > 0 && stages.lead ? [msg.stages.funnelLeads(stages.label(stages.lead), f.leads)] : [];
  return [msg.stages.funnelTitle, ...leads, ...lines, msg.stages.funnelTotals(won, lost, f.lostUnstaged, f.unstaged), ...(whyLost ? [whyLost] : []), msg.stages.funnelNote].join('\n');
};

/** 预测's numbers: Σ amount × win probability per expected month ('未定' without a dated next step), months in order. */
export interface TeamForecast {
  months: { month: string; amount: number }[];
  total: number;
  /** Open deals with an amount that the forecast counts. */
  deals: number;
}

export async function teamForecast(tx: Queryable, deps: Pick<AppDeps, 'stages'>, tenantId: string, reps: readonly string[]): Promise<TeamForecast> {
  // The query leaves out the default won/lost ids; closed stages of a custom stage file are left out here.
  const rows = (await forecastRows(tx, tenantId, reps)).filter((r) => deps.stages.info(r.stage)?.terminal !== true);
  const months = new Map<string, number>();
  for (const r of rows) {
    const p = deps.stages.info(r.stage)?.winProbability ?? 0;
    const key = r.month ?? '未定';
    months.set(key, (months.get(key) ?? 0) + (r.amount * p) / 100);
  }
  const total = [...months.values()].reduce((a, b) => a + b, 0);
  const sorted = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, amount]) => ({ month, amount }));
  return { months: sorted, total, deals: rows.length };
}

export const forecast: ManagerCommand = async (tx, deps, ctx, reps) => {
  const wan = deps.reportRules.formatAmount;
  const f = await teamForecast(tx, deps, ctx.tenantId, reps);
  const vsTarget = await forecastAgainstTargets(tx, deps, ctx, (members) => teamForecast(tx, deps, ctx.tenantId, members));
  if (f.deals === 0) return ['**预测**\n还没有带金额的在谈客户。', ...vsTarget].join('\n');
  const lines = f.months.map(({ month, amount }) => `${month}:${wan(amount)}`);
  return ['**预测**(金额 × 阶段赢率,按预计成交月)', ...lines, `合计:${wan(f.total)}`, ...vsTarget].join('\n');
};

const RANK_PERIODS: Record<string, PeriodKind> = { 今日: 'day', 今天: 'day', 本周: 'week', 这周: 'week', 本月: 'month', 这个月: 'month' };

export const ranking: ManagerCommand = async (tx, deps, ctx, reps) => {
  const arg = ctx.event.type === 'text' ? ctx.event.text.trim().replace(/^排行榜?/, '').trim() : '';
  const kind = RANK_PERIODS[arg] ?? 'day';
  const period = periodRange(kind, ctx.event.sentAt);
  return renderBoardMarkdown(await teamBoard(tx, ctx.tenantId, reps, period, deps.pushRules.calendar), boardTitle(period));
};

/** 健康度's numbers: the counts, 承诺兑现率's outcome and effective touches per rep (one decimal, as said). */
export interface TeamHealth extends Health {
  fulfilment: Fulfilment;
  touchesPerRep: string;
}

export async function teamHealthNumbers(tx: Queryable, tenantId: string, reps: readonly string[], now: Date): Promise<TeamHealth> {
  const h = await health(tx, tenantId, reps, now);
  const fulfilment = await teamFulfilment(tx, tenantId, reps, now);
  return { ...h, fulfilment, touchesPerRep: (h.effectiveTouches / Math.max(reps.length, 1)).toFixed(1) };
}

export const teamHealth: ManagerCommand = async (tx, _deps, ctx, reps) => {
  const h = await teamHealthNumbers(tx, ctx.tenantId, reps, ctx.event.sentAt);
  const kept = h.fulfilment;
  return [
    '**健康度**',
    `72小时内跟进的在谈客户:${pct(h.touched72h, h.openCustomers)}(${h.touched72h}/${h.openCustomers})`,
    msg.commitments.fulfilmentLine(pct(kept.done, kept.due), kept.done, kept.due),
    `战报完整度(客户+阶段+带日期的下一步,近30天):${pct(h.completeReports, h.reports)}`,
    `人均有效跟进(近7天):${h.touchesPerRep} 次`,
  ].join('\n');
};

