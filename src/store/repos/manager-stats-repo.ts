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

/** Every customer of the owners with its stage now and the stages it entered, oldest first (the 漏斗 input). */
export async function funnelCustomers(q: Queryable, tenantId: string, owners: readonly string[]): Promise<{ current: string | null; path: string[] }[]> {
  return q.query(
    `select c.stage as current,
       coalesce(array_agg(s.to_stage order by s.changed_at, s.created_at) filter (where s.id is not null), '{}') as path
     from customers c left join stage_changes s on s.tenant_id = c.tenant_id and s.customer_id = c.id
     where c.tenant_id = $1 and c.owner_user_id = any($2::text[])
     group by c.id, c.stage`,
    [tenantId, [...owners]],
  );
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

/** 健康度's counts; 承诺兑现率 has its own rule (app/commitments/team-fulfilment.ts). */
export interface Health {
  openCustomers: number;
  touched72h: number;
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
       (select count(*)::int from battle_reports where tenant_id = $1 and user_id = any($2::text[]) and recorded_at >= $3::timestamptz - interval '30 days') as "reports",
       (select count(*)::int from battle_reports where tenant_id = $1 and user_id = any($2::text[]) and recorded_at >= $3::timestamptz - interval '30 days'
          and customer_id is not null and stage is not null and next_action_due is not null) as "completeReports",
       (select count(*)::int from touches where tenant_id = $1 and user_id = any($2::text[]) and occurred_at >= $3::timestamptz - interval '7 days'
          and kind in ('visit', 'call', 'message', 'meeting', 'online') and customer_id is not null) as "effectiveTouches"`,
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
