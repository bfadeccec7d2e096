// 预测 against the month's won-amount target of each team the manager leads: won so far plus the
// weighted forecast of deals expected to close this month, and what that leaves short of the target.
import { periodKeysAt } from '../../domain/targets/target-period.js';
import { metricProgress } from '../../domain/targets/target-progress.js';
import type { Queryable } from '../../store/database.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { targetsFor } from '../../store/repos/targets-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { readProgress } from './read-progress.js';
import { targetTexts as tt } from './target-texts.js';

/** The weighted forecast of a set of reps, by expected month ("2026-12"), as 预测 computes it. */
export type ForecastOf = (reps: readonly string[]) => Promise<{ months: { month: string; amount: number }[] }>;

/** Lines to add under 预测; none when no team the sender leads has a won-amount target this month. */
export async function forecastAgainstTargets(
  tx: Queryable, deps: Pick<AppDeps, 'stages' | 'pushRules' | 'reportRules'>, ctx: EventContext, forecastOf: ForecastOf,
): Promise<string[]> {
  const at = ctx.event.sentAt;
  const month = periodKeysAt(at).month;
  const led = (await listTeams(tx, ctx.tenantId)).filter((t) => t.managerUserIds.includes(ctx.event.senderId));
  if (led.length === 0) return [];
  const rows = (await targetsFor(tx, ctx.tenantId, [month], { teamKeys: led.map((t) => t.key), userIds: [] })).filter((r) => r.values.wonAmount !== null);
  const money = deps.reportRules.formatAmount;
  const lines: string[] = [];
  for (const p of await readProgress(tx, deps, ctx.tenantId, rows, at)) {
    const team = p.team;
    if (!team) continue;
    const target = p.row.values.wonAmount!;
    const expected = (await forecastOf(team.memberUserIds)).months.find((m) => m.month === month)?.amount ?? 0;
    const outlook = metricProgress('wonAmount', target, p.actual.wonAmount + expected);
    lines.push(tt.forecastLine(team.name, money(target), money(p.actual.wonAmount), money(round(expected)), money(round(outlook.actual)), outlook.percent, outlook.met ? null : money(round(outlook.missing))));
  }
  return lines.length > 0 ? [tt.forecastTitle, ...lines] : [];
}

/** Weighted amounts have fractions of a yuan ("33333.33元"): shown to the yuan. */
const round = (yuan: number): number => Math.round(yuan);
