// The points ledger: append only; each award has a unique key so re-processing awards nothing twice.
import type { PointsAward } from '../../domain/points/report-points.js';
import type { Queryable } from '../database.js';

/** Appends the awards; returns those that were new. */
export async function appendAwards(q: Queryable, tenantId: string, userId: string, awards: readonly PointsAward[], at: Date): Promise<PointsAward[]> {
  const added: PointsAward[] = [];
  for (const a of awards) {
    const n = await q.execute(
      `insert into points_ledger (tenant_id, user_id, reason, points, award_key, occurred_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (tenant_id, award_key) do nothing`,
      [tenantId, userId, a.reason, a.points, a.key, at],
    );
    if (n > 0) added.push(a);
  }
  return added;
}

export async function pointsOfUser(q: Queryable, tenantId: string, userId: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'select coalesce(sum(points), 0)::int as n from points_ledger where tenant_id = $1 and user_id = $2', [tenantId, userId]);
  return rows[0]!.n;
}

export async function hasAward(q: Queryable, tenantId: string, key: string): Promise<boolean> {
  const rows = await q.query('select 1 from points_ledger where tenant_id = $1 and award_key = $2', [tenantId, key]);
  return rows.length > 0;
}
