// Managers' 1:1 commands over the reps of the teams they lead: 逾期, 漏斗, 预测, 健康度, 排行 (a rep's
// 逾期 lists their own open items).
import { boardTitle, periodRange, renderBoardMarkdown, type PeriodKind } from '../../domain/leaderboards/index.js';
import { managerDigest } from '../../domain/reminders/alert-text.js';
import { teamBoard } from '../leaderboards/team-board.js';
import { evaluateBreaches } from '../../domain/reminders/evaluate-breaches.js';
import { sweepCutoffs } from '../../domain/reminders/sweep-cutoffs.js';
import { computeFunnel } from '../../domain/stages/funnel.js';
import type { Queryable } from '../../store/database.js';
import { forecastRows, funnelCustomers, health, repsManagedBy } from '../../store/repos/manager-stats-repo.js';
import { loadReminderState } from '../../store/repos/reminder-state-repo.js';
import { listUsers } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { myOverdue, type OwnWork } from '../commitments/my-work.js';
import { teamFulfilment } from '../commitments/team-fulfilment.js';

export { myOverdue };

export type ManagerCommand = (tx: Queryable, deps: AppDeps, ctx: EventContext, reps: string[]) => Promise<string>;

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((n / d) * 100)}%`);

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

export const overdue: ManagerCommand = async (tx, deps, ctx, reps) => {
  const now = ctx.event.sentAt;
  const state = await loadReminderState(tx, ctx.tenantId, sweepCutoffs(now, deps.pushRules), { customers: true, ownerUserIds: reps });
  const breaches = evaluateBreaches(state, now, deps.pushRules);
  const names = new Map((await listUsers(tx, ctx.tenantId)).map((u) => [u.id, u.name ?? u.id]));
  return managerDigest(breaches.map((b) => ({ ...b, audience: 'manager_group' as const })), names) ?? '**逾期**\n团队目前没有逾期事项。';
};


export const stageFunnel: ManagerCommand = async (tx, deps, ctx, reps) => {
  const { stages } = deps;
  const f = computeFunnel(await funnelCustomers(tx, ctx.tenantId, reps), stages);
  const lines = f.stages.map((s) => msg.stages.funnelLine(stages.label(s.stage), s.current, s.reached, s.advanced, pct(s.advanced, s.reached), s.lostHere));
  const won = `${stages.label(stages.won)} ${f.won}`;
  const lost = `${stages.label(stages.lost)} ${f.lost}`;
  return [msg.stages.funnelTitle, ...lines, msg.stages.funnelTotals(won, lost, f.lostUnstaged, f.unstaged), msg.stages.funnelNote].join('\n');
};

export const forecast: ManagerCommand = async (tx, deps, ctx, reps) => {
  const wan = deps.reportRules.formatAmount;
  // The query leaves out the default won/lost ids; closed stages of a custom stage file are left out here.
  const rows = (await forecastRows(tx, ctx.tenantId, reps)).filter((r) => deps.stages.info(r.stage)?.terminal !== true);
  if (rows.length === 0) return '**预测**\n还没有带金额的在谈客户。';
  const months = new Map<string, number>();
  for (const r of rows) {
    const p = deps.stages.info(r.stage)?.winProbability ?? 0;
    const key = r.month ?? '未定';
    months.set(key, (months.get(key) ?? 0) + (r.amount * p) / 100);
  }
  const total = [...months.values()].reduce((a, b) => a + b, 0);
  const lines = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => `${m}:${wan(v)}`);
  return ['**预测**(金额 × 阶段赢率,按预计成交月)', ...lines, `合计:${wan(total)}`].join('\n');
};

const RANK_PERIODS: Record<string, PeriodKind> = { 今日: 'day', 今天: 'day', 本周: 'week', 这周: 'week', 本月: 'month', 这个月: 'month' };

export const ranking: ManagerCommand = async (tx, deps, ctx, reps) => {
  const arg = ctx.event.type === 'text' ? ctx.event.text.trim().replace(/^排行榜?/, '').trim() : '';
  const kind = RANK_PERIODS[arg] ?? 'day';
  const period = periodRange(kind, ctx.event.sentAt);
  return renderBoardMarkdown(await teamBoard(tx, ctx.tenantId, reps, period, deps.pushRules.calendar), boardTitle(period));
};

export const teamHealth: ManagerCommand = async (tx, _deps, ctx, reps) => {
  const h = await health(tx, ctx.tenantId, reps, ctx.event.sentAt);
  const kept = await teamFulfilment(tx, ctx.tenantId, reps, ctx.event.sentAt);
  return [
    '**健康度**',
    `72小时内跟进的在谈客户:${pct(h.touched72h, h.openCustomers)}(${h.touched72h}/${h.openCustomers})`,
    msg.commitments.fulfilmentLine(pct(kept.done, kept.due), kept.done, kept.due),
    `战报完整度(客户+阶段+带日期的下一步,近30天):${pct(h.completeReports, h.reports)}`,
    `人均有效跟进(近7天):${(h.effectiveTouches / reps.length).toFixed(1)} 次`,
  ].join('\n');
};

