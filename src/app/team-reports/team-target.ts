// The one place the team reports read targets (issue 15 item 1, src/app/targets/): the team's won-amount
// target for a month and what the team won in it, counted the way 目标 counts it so the numbers agree.
import { periodRange } from '../../domain/leaderboards/periods.js';
import type { Queryable } from '../../store/database.js';
import { actualsByUser } from '../../store/repos/target-actuals-repo.js';
import { targetsFor } from '../../store/repos/targets-repo.js';
import type { AppDeps } from '../app-deps.js';

/** The team's won-amount target for `month` (YYYY-MM) in yuan; null when none is set. */
export async function teamWonTarget(q: Queryable, tenantId: string, teamKey: string, month: string): Promise<number | null> {
  const rows = await targetsFor(q, tenantId, [month], { teamKeys: [teamKey], userIds: [] });
  return rows.find((r) => r.teamKey === teamKey)?.values.wonAmount ?? null;
}

/** The amount the members won in `month` (YYYY-MM). */
export async function teamWonAmount(q: Queryable, deps: Pick<AppDeps, 'stages'>, tenantId: string, members: readonly string[], month: string): Promise<number> {
  const period = periodRange('month', new Date(`${month}-15T12:00:00+08:00`));
  const actuals = await actualsByUser(q, tenantId, members, period.start, period.end, deps.stages.won);
  return [...actuals.values()].reduce((s, a) => s + a.wonAmount, 0);
}
