// What each person achieved in a period, against their targets: the amount of the deals they own that
// were moved to won in it (amount from the customer, else its latest report, as 预测 reads it), the
// customers they own created in it, their visits and their battle reports.
import type { Actuals } from '../../domain/targets/target-progress.js';
import type { Queryable } from '../database.js';

/**
 * Per person in [start, end). A deal counts in the period of its latest move to won, and only while it is
 * still won (a win taken back does not count). Visits count once per customer and Shanghai day, so a
 * visit told in an update and again in a 战报 is one visit.
 */
export async function actualsByUser(
  q: Queryable, tenantId: string, userIds: readonly string[], start: Date, end: Date, wonStage: string,
): Promise<Map<string, Actuals>> {
  if (userIds.length === 0) return new Map();
  const rows = await q.query<{ user_id: string; won_amount: number; new_customers: number; visits: number; reports: number }>(
    `select p.user_id,
       (select coalesce(sum(coalesce(c.amount, r.amount)), 0)::float8 from customers c
          join lateral (select max(s.changed_at) as won_at from stage_changes s
                        where s.tenant_id = $1 and s.customer_id = c.id and s.to_stage = $5) w on true
          left join lateral (select amount from battle_reports b where b.customer_id = c.id and b.amount is not null
                             order by b.recorded_at desc limit 1) r on true
          where c.tenant_id = $1 and c.owner_user_id = p.user_id and c.stage = $5 and w.won_at >= $3 and w.won_at < $4) as won_amount,
       (select count(*)::int from customers c where c.tenant_id = $1 and c.owner_user_id = p.user_id and c.created_at >= $3 and c.created_at < $4) as new_customers,
       (select count(distinct (coalesce(t.customer_id, t.id), (t.occurred_at at time zone 'Asia/Shanghai')::date))::int from touches t
          where t.tenant_id = $1 and t.user_id = p.user_id and t.kind = 'visit' and t.occurred_at >= $3 and t.occurred_at < $4) as visits,
       (select count(*)::int from battle_reports b where b.tenant_id = $1 and b.user_id = p.user_id and b.recorded_at >= $3 and b.recorded_at < $4) as reports
     from unnest($2::text[]) as p(user_id)`,
    [tenantId, [...new Set(userIds)], start, end, wonStage],
  );
  return new Map(rows.map((r) => [r.user_id, { wonAmount: r.won_amount, newCustomers: r.new_customers, visits: r.visits, reports: r.reports }]));
}
