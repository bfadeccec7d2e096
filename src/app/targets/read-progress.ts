// Progress of target rows: the actuals of the person, or of the team's members now, in the target's
// period, and the pure progress over them as of a Shanghai date.
import { localTime } from '../../domain/calendar/local-time.js';
import { parseTargetPeriod, type TargetPeriod } from '../../domain/targets/target-period.js';
import { sumActuals, targetProgress, type Actuals, type TargetProgress } from '../../domain/targets/target-progress.js';
import type { Queryable } from '../../store/database.js';
import { actualsByUser } from '../../store/repos/target-actuals-repo.js';
import type { TargetRow } from '../../store/repos/targets-repo.js';
import { listTeams, type Team } from '../../store/repos/teams-repo.js';
import type { AppDeps } from '../app-deps.js';

export interface RowProgress {
  row: TargetRow;
  period: TargetPeriod;
  /** The team of a team row. */
  team: Team | null;
  actual: Actuals;
  progress: TargetProgress;
}

/** The Shanghai date progress is read on. */
export const todayAt = (at: Date): string => localTime(at).date;

export async function readProgress(
  q: Queryable, deps: Pick<AppDeps, 'stages' | 'pushRules'>, tenantId: string, rows: readonly TargetRow[], at: Date,
): Promise<RowProgress[]> {
  const teams = new Map((rows.some((r) => r.teamKey) ? await listTeams(q, tenantId) : []).map((t) => [t.key, t]));
  const peopleOf = (r: TargetRow): string[] => (r.teamKey ? (teams.get(r.teamKey)?.memberUserIds ?? []) : [r.userId!]);
  const out: RowProgress[] = [];
  for (const key of [...new Set(rows.map((r) => r.period))]) {
    const period = parseTargetPeriod(key);
    if (!period) continue; // the table's check refuses such keys
    const inPeriod = rows.filter((r) => r.period === key);
    const actuals = await actualsByUser(q, tenantId, inPeriod.flatMap(peopleOf), period.start, period.end, deps.stages.won);
    for (const row of inPeriod) {
      const actual = sumActuals(peopleOf(row).map((u) => actuals.get(u)!).filter(Boolean));
      const progress = targetProgress(row.values, actual, period, todayAt(at), deps.pushRules.calendar);
      out.push({ row, period, team: row.teamKey ? (teams.get(row.teamKey) ?? null) : null, actual, progress });
    }
  }
  return out;
}
