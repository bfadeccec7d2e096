// Read models for managers' chat commands: the reps a manager leads, funnel counts, forecast and health.
import type { Queryable } from '../database.js';

/** Reps (members) of every team the user manages. */
export async function repsManagedBy(q: Queryable, tenantId: string, managerId: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    `select distinct m.user_id from team_members m
     where m.tenant_id = $1 and m.is_member and m.team_key in
       (select team_key from team_members where tenant_id = $1 and user_id = $2 and is_manager)`,
    [tenantId, managerId],
  );
  return rows.map((r) => r.user_id);
}

/** Customers per current stage, and per stage how many customers ever reached it (for conversion). */
export async function funnel(q: Queryable, tenantId: string, owners: readonly string[]): Promise<{ stage: string | null; current: number; reached: number }[]> {
  return q.query(
    `with c as (select id, stage from customers where tenant_id = $1 and owner_user_id = any($2::text[])),
     reached as (
       select stage, count(distinct id)::int as n from (
         select c.id, c.stage from c where c.stage is not null
         union select s.customer_id, s.to_stage from stage_changes s join c on c.id = s.customer_id
       ) x group by stage)
     select s.stage, coalesce(cur.n, 0)::int as current, coalesce(r.n, 0)::int as reached
     from (select unnest(array['discovery','demo','negotiation','contract','won','lost']) as stage) s
     left join (select stage, count(*)::int as n from c group by stage) cur on cur.stage = s.stage
     left join reached r on r.stage = s.stage`,
    [tenantId, [...owners]],
  );
}

export async function unstagedCount(q: Queryable, tenantId: string, owners: readonly string[]): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `select count(*)::int as n from customers where tenant_id = $1 and owner_user_id = any($2::text[]) and stage is null`,
    [tenantId, [...owners]],
  );
  return rows[0]!.n;
}

/** Open deals with an amount, and the month they are expected to close (their next commitment's due date). */
export async function forecastRows(q: Queryable, tenantId: string, owners: readonly string[]): Promise<{ stage: string; amount: number; month: string | null }[]> {
  return q.query(
    `select c.stage, coalesce(c.amount, r.amount)::float8 as amount,
       to_char((select min(due_date) from commitments m where m.customer_id = c.id and m.status = 'open'), 'YYYY-MM') as month
     from customers c
     left join lateral (select amount from battle_reports b where b.customer_id = c.id and b.amount is not null
                        order by b.recorded_at desc limit 1) r on true
     where c.tenant_id = $1 and c.owner_user_id = any($2::text[]) and c.stage is not null and c.stage not in ('won', 'lost')
       and coalesce(c.amount, r.amount) is not null`,
    [tenantId, [...owners]],
  );
}

export interface Health {
  openCustomers: number;
  touched72h: number;
  commitmentsDue: number;
  commitmentsDone: number;
  reports: number;
  completeReports: number;
  effectiveTouches: number;
}

export async function health(q: Queryable, tenantId: string, owners: readonly string[], now: Date): Promise<Health> {
  const rows = await q.query<Health>(
    `select
       (select count(*)::int from customers where tenant_id = $1 and owner_user_id = any($2::text[]) and (stage is null or stage not in ('won','lost'))) as "openCustomers",
       (select count(*)::int from customers where tenant_id = $1 and owner_user_id = any($2::text[]) and (stage is null or stage not in ('won','lost'))
          and last_touch_at >= $3::timestamptz - interval '72 hours') as "touched72h",
       (select count(*)::int from commitments where tenant_id = $1 and owner_user_id = any($2::text[]) and due_date <= ($3::timestamptz at time zone 'Asia/Shanghai')::date and status <> 'cancelled') as "commitmentsDue",
       (select count(*)::int from commitments where tenant_id = $1 and owner_user_id = any($2::text[]) and due_date <= ($3::timestamptz at time zone 'Asia/Shanghai')::date and status = 'done') as "commitmentsDone",
       (select count(*)::int from battle_reports where tenant_id = $1 and user_id = any($2::text[]) and recorded_at >= $3::timestamptz - interval '30 days') as "reports",
       (select count(*)::int from battle_reports where tenant_id = $1 and user_id = any($2::text[]) and recorded_at >= $3::timestamptz - interval '30 days'
          and customer_id is not null and stage is not null and next_action_due is not null) as "completeReports",
       (select count(*)::int from touches where tenant_id = $1 and user_id = any($2::text[]) and occurred_at >= $3::timestamptz - interval '7 days'
          and kind in ('chat', 'report', 'visit') and customer_id is not null) as "effectiveTouches"`,
    [tenantId, [...owners], now],
  );
  return rows[0]!;
}

/** Managers of every team the rep is a member of. */
export async function managersOf(q: Queryable, tenantId: string, repId: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    `select distinct m.user_id from team_members m
     where m.tenant_id = $1 and m.is_manager and m.user_id <> $2 and m.team_key in
       (select team_key from team_members where tenant_id = $1 and user_id = $2 and is_member)`,
    [tenantId, repId],
  );
  return rows.map((r) => r.user_id);
}
