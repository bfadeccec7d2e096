// Read models of the weekly and monthly team reports (issue 15 item 4): stage paths of the customers
// moved in a period, wins with their first touch and amount, report days, objections and competitors,
// rated reports, objections by industry and the period's lost reasons. Periods are [start, end).
import type { Queryable } from '../database.js';

/** Per customer with a stage change in [start, end): every stage it entered before `end`, oldest first. */
export async function periodStagePaths(q: Queryable, tenantId: string, owners: readonly string[], start: Date, end: Date): Promise<string[][]> {
  const rows = await q.query<{ path: string[] }>(
    `select array_agg(s.to_stage order by s.changed_at, s.created_at) as path
     from stage_changes s join customers c on c.id = s.customer_id and c.tenant_id = s.tenant_id
     where s.tenant_id = $1 and c.owner_user_id = any($2::text[]) and s.changed_at < $4
     group by s.customer_id
     having bool_or(s.changed_at >= $3)`,
    [tenantId, [...owners], start, end],
  );
  return rows.map((r) => r.path);
}

export interface WonDeal {
  customerId: string;
  wonAt: Date;
  /** The earliest of the inquiry, the first contact and the first touch (the creation time without them). */
  firstTouchAt: Date;
  /** The customer's amount, else its latest report's; null when neither has one. */
  amount: number | null;
}

/** Deals of the owners that entered `wonStage` in [start, end), each customer once (its latest win). */
export async function wonDeals(q: Queryable, tenantId: string, owners: readonly string[], wonStage: string, start: Date, end: Date): Promise<WonDeal[]> {
  const rows = await q.query<{ customer_id: string; won_at: Date; first_touch_at: Date; amount: number | null }>(
    `select distinct on (s.customer_id) s.customer_id, s.changed_at as won_at,
       coalesce(least(c.first_inquiry_at, c.first_contact_at,
         (select min(t.occurred_at) from touches t where t.tenant_id = c.tenant_id and t.customer_id = c.id)), c.created_at) as first_touch_at,
       coalesce(c.amount, (select b.amount from battle_reports b where b.tenant_id = c.tenant_id and b.customer_id = c.id and b.amount is not null
         order by b.recorded_at desc limit 1))::float8 as amount
     from stage_changes s join customers c on c.id = s.customer_id and c.tenant_id = s.tenant_id
     where s.tenant_id = $1 and c.owner_user_id = any($2::text[]) and s.to_stage = $3 and s.changed_at >= $4 and s.changed_at < $5
     order by s.customer_id, s.changed_at desc, s.created_at desc`,
    [tenantId, [...owners], wonStage, start, end],
  );
  return rows.map((r) => ({ customerId: r.customer_id, wonAt: new Date(r.won_at), firstTouchAt: new Date(r.first_touch_at), amount: r.amount === null ? null : Number(r.amount) }));
}

/** Each user's name (their id without one) and the Shanghai dates of their confirmed reports in [start, end). */
export async function reportDays(
  q: Queryable, tenantId: string, userIds: readonly string[], start: Date, end: Date,
): Promise<{ userId: string; name: string; reportDates: string[] }[]> {
  const rows = await q.query<{ id: string; name: string; dates: string[] }>(
    `select u.id, coalesce(u.name, u.id) as name,
       coalesce((select array_agg(distinct to_char(b.recorded_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))
                 from battle_reports b where b.tenant_id = u.tenant_id and b.user_id = u.id and b.recorded_at >= $3 and b.recorded_at < $4), '{}') as dates
     from users u where u.tenant_id = $1 and u.id = any($2::text[])`,
    [tenantId, [...userIds], start, end],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A member without a user row (set through the API before writing) still counts, with no reports.
  return userIds.map((id) => ({ userId: id, name: byId.get(id)?.name ?? id, reportDates: byId.get(id)?.dates ?? [] }));
}

/** Objection topics and competitors of the users' reports in [start, end). */
export async function reportObjections(
  q: Queryable, tenantId: string, userIds: readonly string[], start: Date, end: Date,
): Promise<{ objectionTopics: string[]; competitors: string[]; industry: string | null }[]> {
  const rows = await q.query<{ topics: string[]; competitors: string[]; industry: string | null }>(
    `select coalesce((select array_agg(o->>'topic') from jsonb_array_elements(b.objections) o where o->>'topic' is not null), '{}') as topics,
       b.competitors, c.industry
     from battle_reports b left join customers c on c.id = b.customer_id and c.tenant_id = b.tenant_id
     where b.tenant_id = $1 and b.user_id = any($2::text[]) and b.recorded_at >= $3 and b.recorded_at < $4`,
    [tenantId, [...userIds], start, end],
  );
  return rows.map((r) => ({ objectionTopics: r.topics ?? [], competitors: r.competitors ?? [], industry: r.industry }));
}

export interface RatedReportRow {
  id: string;
  rating: number;
  recordedAt: Date;
  ratedAt: Date | null;
  repName: string;
  customer: string | null;
  progress: string;
}

/** The users' rated reports written in [start, end). */
export async function ratedReports(q: Queryable, tenantId: string, userIds: readonly string[], start: Date, end: Date): Promise<RatedReportRow[]> {
  const rows = await q.query<{ id: string; rating: number; recorded_at: Date; rated_at: Date | null; rep: string; customer: string | null; progress: string }>(
    `select b.id, b.rating, b.recorded_at, b.rated_at, coalesce(u.name, b.user_id) as rep, coalesce(c.name, b.customer_name) as customer, b.progress
     from battle_reports b
     left join users u on u.tenant_id = b.tenant_id and u.id = b.user_id
     left join customers c on c.id = b.customer_id and c.tenant_id = b.tenant_id
     where b.tenant_id = $1 and b.user_id = any($2::text[]) and b.rating is not null and b.recorded_at >= $3 and b.recorded_at < $4`,
    [tenantId, [...userIds], start, end],
  );
  return rows.map((r) => ({
    id: r.id, rating: r.rating, recordedAt: new Date(r.recorded_at), ratedAt: r.rated_at === null ? null : new Date(r.rated_at),
    repName: r.rep, customer: r.customer, progress: r.progress,
  }));
}

/** The reason of every loss (a move into `lostStage`) of the owners' customers in [start, end); null: not given. */
export async function periodLostReasons(
  q: Queryable, tenantId: string, owners: readonly string[], lostStage: string, start: Date, end: Date,
): Promise<(string | null)[]> {
  const rows = await q.query<{ reason: string | null }>(
    `select s.lost_reason as reason from stage_changes s join customers c on c.id = s.customer_id and c.tenant_id = s.tenant_id
     where s.tenant_id = $1 and c.owner_user_id = any($2::text[]) and s.to_stage = $3 and s.changed_at >= $4 and s.changed_at < $5`,
    [tenantId, [...owners], lostStage, start, end],
  );
  return rows.map((r) => r.reason);
}
