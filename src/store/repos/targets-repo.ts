// Targets per team or person and period (migration 0017): a PUT replaces a period's rows as a whole.
import type { TargetValues } from '../../domain/targets/target-progress.js';
import type { Queryable } from '../database.js';

/** One target row: exactly one of teamKey and userId is set. */
export interface TargetRow {
  period: string;
  teamKey: string | null;
  userId: string | null;
  values: TargetValues;
}

interface Raw {
  period: string;
  team_key: string | null;
  user_id: string | null;
  won_amount: string | number | null;
  new_customers: number | null;
  visits: number | null;
  reports: number | null;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));
const toRow = (r: Raw): TargetRow => ({
  period: r.period, teamKey: r.team_key, userId: r.user_id,
  values: { wonAmount: num(r.won_amount), newCustomers: r.new_customers, visits: r.visits, reports: r.reports },
});

export async function replaceTargets(q: Queryable, tenantId: string, period: string, rows: readonly Omit<TargetRow, 'period'>[]): Promise<void> {
  await q.execute('delete from targets where tenant_id = $1 and period = $2', [tenantId, period]);
  for (const r of rows) {
    const v = r.values;
    await q.execute(
      `insert into targets (tenant_id, period, team_key, user_id, won_amount, new_customers, visits, reports) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, period, r.teamKey, r.userId, v.wonAmount, v.newCustomers, v.visits, v.reports],
    );
  }
}

/** The rows of the periods, teams first (by key), then people (by id). */
export async function listTargets(q: Queryable, tenantId: string, periods: readonly string[]): Promise<TargetRow[]> {
  const rows = await q.query<Raw>(
    `select period, team_key, user_id, won_amount, new_customers, visits, reports from targets
     where tenant_id = $1 and period = any($2::text[]) order by period, team_key nulls last, user_id`,
    [tenantId, [...periods]],
  );
  return rows.map(toRow);
}

/** The targets of these teams and people in these periods. */
export async function targetsFor(
  q: Queryable, tenantId: string, periods: readonly string[], who: { teamKeys: readonly string[]; userIds: readonly string[] },
): Promise<TargetRow[]> {
  const rows = await q.query<Raw>(
    `select period, team_key, user_id, won_amount, new_customers, visits, reports from targets
     where tenant_id = $1 and period = any($2::text[]) and (team_key = any($3::text[]) or user_id = any($4::text[]))
     order by period, team_key nulls last, user_id`,
    [tenantId, [...periods], [...who.teamKeys], [...who.userIds]],
  );
  return rows.map(toRow);
}
