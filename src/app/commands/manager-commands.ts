// Managers' 1:1 commands over the reps of the teams they lead: 逾期, 漏斗, 预测, 健康度, 排行 (a rep's
// 逾期 lists their own open items).
import { boardTitle, periodRange, renderBoardMarkdown, type PeriodKind } from '../../domain/leaderboards/index.js';
import { managerDigest, repAlertList } from '../../domain/reminders/alert-text.js';
import { teamBoard } from '../leaderboards/team-board.js';
import { evaluateBreaches } from '../../domain/reminders/evaluate-breaches.js';
import { sweepCutoffs } from '../../domain/reminders/sweep-cutoffs.js';
import { STAGES, type StageId } from '../../domain/stages/stage-ids.js';
import type { Queryable } from '../../store/database.js';
import { forecastRows, funnel, health, repsManagedBy, unstagedCount } from '../../store/repos/manager-stats-repo.js';
import { loadReminderState } from '../../store/repos/reminder-state-repo.js';
import { listUsers } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { toUser, type Reply } from '../outbound/reply.js';

export type ManagerCommand = (tx: Queryable, deps: AppDeps, ctx: EventContext, reps: string[]) => Promise<string>;

const pct = (n: number, d: number) => (d === 0 ? '—' : `${Math.round((n / d) * 100)}%`);

/**
 * Runs a manager command for the sender's teams. Someone who leads no team gets `forOwnWork` over
 * their own customers when the command has one (逾期), else an explanation of who may use it.
 */
export function asManagerCommand(run: ManagerCommand, forOwnWork?: ManagerCommand) {
  return async (tx: Queryable, deps: AppDeps, ctx: EventContext): Promise<Reply[]> => {
    const reps = await repsManagedBy(tx, ctx.tenantId, ctx.event.senderId);
    const me = ctx.event.senderId;
    if (reps.length > 0) return [toUser(me, { kind: 'markdown', markdown: await run(tx, deps, ctx, reps) })];
    if (forOwnWork) return [toUser(me, { kind: 'text', text: await forOwnWork(tx, deps, ctx, [me]) })];
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

/** A rep's own 逾期: every open breach as the reminder list, without the once-a-day filter. */
export const myOverdue: ManagerCommand = async (tx, deps, ctx, me) => {
  const now = ctx.event.sentAt;
  const state = await loadReminderState(tx, ctx.tenantId, sweepCutoffs(now, deps.pushRules), { customers: true, ownerUserIds: me });
  const mine = evaluateBreaches(state, now, deps.pushRules).filter((b) => b.audience === 'rep');
  return mine.length ? repAlertList(mine, MY_LIST_MAX_BYTES, false) : '目前没有逾期要跟进的客户,保持住!';
};
/** A reply has the full text budget; the push list keeps room for the platform framing. */
const MY_LIST_MAX_BYTES = 2040;

export const stageFunnel: ManagerCommand = async (tx, _deps, ctx, reps) => {
  const rows = await funnel(tx, ctx.tenantId, reps);
  const by = new Map(rows.map((r) => [r.stage, r]));
  const open = STAGES.filter((s) => !s.terminal);
  const lines = open.map((s, i) => {
    const r = by.get(s.id);
    const next = open[i + 1] ? by.get(open[i + 1]!.id) : by.get('won');
    return `${s.label}:${r?.current ?? 0} 个 · 到下一步 ${pct(next?.reached ?? 0, r?.reached ?? 0)}`;
  });
  const won = by.get('won')?.current ?? 0;
  const lost = by.get('lost')?.current ?? 0;
  return ['**漏斗**', ...lines, `赢单 ${won} · 丢单 ${lost} · 未设阶段 ${await unstagedCount(tx, ctx.tenantId, reps)}`].join('\n');
};

export const forecast: ManagerCommand = async (tx, deps, ctx, reps) => {
  const wan = deps.reportRules.formatAmount;
  const rows = await forecastRows(tx, ctx.tenantId, reps);
  if (rows.length === 0) return '**预测**\n还没有带金额的在谈客户。';
  const months = new Map<string, number>();
  for (const r of rows) {
    const p = STAGES.find((s) => s.id === (r.stage as StageId))?.winProbability ?? 0;
    const key = r.month ?? '未定';
    months.set(key, (months.get(key) ?? 0) + (r.amount * p) / 100);
  }
  const total = [...months.values()].reduce((a, b) => a + b, 0);
  const lines = [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, v]) => `${m}:${wan(v)}`);
  return ['**预测**(金额 × 阶段赢率,按预计成交月)', ...lines, `合计:${wan(total)}`].join('\n');
};

const RANK_PERIODS: Record<string, PeriodKind> = { 今日: 'day', 今天: 'day', 本周: 'week', 这周: 'week', 本月: 'month', 这个月: 'month' };

export const ranking: ManagerCommand = async (tx, _deps, ctx, reps) => {
  const arg = ctx.event.type === 'text' ? ctx.event.text.trim().replace(/^排行榜?/, '').trim() : '';
  const kind = RANK_PERIODS[arg] ?? 'day';
  const period = periodRange(kind, ctx.event.sentAt);
  return renderBoardMarkdown(await teamBoard(tx, ctx.tenantId, reps, period), boardTitle(period));
};

export const teamHealth: ManagerCommand = async (tx, _deps, ctx, reps) => {
  const h = await health(tx, ctx.tenantId, reps, ctx.event.sentAt);
  return [
    '**健康度**',
    `72小时内跟进的在谈客户:${pct(h.touched72h, h.openCustomers)}(${h.touched72h}/${h.openCustomers})`,
    `承诺兑现率:${pct(h.commitmentsDone, h.commitmentsDue)}(${h.commitmentsDone}/${h.commitmentsDue})`,
    `战报完整度(客户+阶段+带日期的下一步,近30天):${pct(h.completeReports, h.reports)}`,
    `人均有效跟进(近7天):${(h.effectiveTouches / reps.length).toFixed(1)} 次`,
  ].join('\n');
};

