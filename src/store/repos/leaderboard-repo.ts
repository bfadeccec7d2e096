// Leaderboard rows for a set of reps over a period: reports, stage advances and points from the
// append-only ledger, plus each rep's report days for the streak.
import type { Queryable } from '../database.js';

export interface BoardFacts {
  userId: string;
  name: string;
  reports: number;
  stageAdvances: number;
  points: number;
  reportDays: string[];
}

export async function boardFacts(q: Queryable, tenantId: string, userIds: readonly string[], start: Date, end: Date): Promise<BoardFacts[]> {
  const rows = await q.query<{ id: string; name: string | null; reports: number; advances: number; points: number; days: string[] | null }>(
    `select u.id, u.name,
       (select count(*)::int from battle_reports b where b.tenant_id = $1 and b.user_id = u.id and b.recorded_at >= $3 and b.recorded_at < $4) as reports,
       (select count(*)::int from points_ledger p where p.tenant_id = $1 and p.user_id = u.id and p.reason = 'stage_advance'
          and p.occurred_at >= $3 and p.occurred_at < $4) as advances,
       (select coalesce(sum(points), 0)::int from points_ledger p where p.tenant_id = $1 and p.user_id = u.id
          and p.occurred_at >= $3 and p.occurred_at < $4) as points,
       (select array_agg(distinct (b.recorded_at at time zone 'Asia/Shanghai')::date::text) from battle_reports b
          where b.tenant_id = $1 and b.user_id = u.id and b.recorded_at >= $4::timestamptz - interval '60 days' and b.recorded_at < $4) as days
     from users u where u.tenant_id = $1 and u.id = any($2::text[])`,
    [tenantId, [...userIds], start, end],
  );
  return rows.map((r) => ({ userId: r.id, name: r.name ?? r.id, reports: r.reports, stageAdvances: r.advances, points: r.points, reportDays: r.days ?? [] }));
}
