// Read models of the knowledge base (reports rated ★★ and up) and customers' industries (migration 0020).
import type { Case } from '../../domain/knowledge/match-cases.js';
import type { Objection } from '../../domain/reports/battle-report.js';
import type { Queryable } from '../database.js';

/** How many of the newest rated reports a look-up weighs; the knowledge base of one team stays far below. */
const MAX_CASES = 500;

/**
 * The newest reports rated ★★ and up, written by `authors` (null: anyone in the tenant), except `excludeUser`'s
 * own and one report.
 */
export async function ratedCases(
  q: Queryable,
  tenantId: string,
  opts: { authors: readonly string[] | null; excludeUser: string; excludeReport?: string | null },
): Promise<Case[]> {
  const rows = await q.query<{
    id: string; user_id: string; rep_name: string | null; customer_name: string | null; industry: string | null; rating: number;
    objections: Objection[] | null; competitors: string[] | null; transcript: string; progress: string; created_at: Date;
  }>(
    `select b.id, b.user_id, u.name as rep_name, coalesce(c.name, b.customer_name) as customer_name, c.industry, b.rating,
       b.objections, b.competitors, b.transcript, b.progress, b.created_at
     from battle_reports b
     left join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
     left join users u on u.tenant_id = b.tenant_id and u.id = b.user_id
     where b.tenant_id = $1 and b.rating >= 2 and b.user_id <> $2 and ($3::text[] is null or b.user_id = any($3::text[]))
       and ($4::text is null or b.id <> $4)
     order by b.created_at desc limit ${MAX_CASES}`,
    [tenantId, opts.excludeUser, opts.authors ? [...opts.authors] : null, opts.excludeReport ?? null],
  );
  return rows.map((r) => ({
    reportId: r.id, userId: r.user_id, repName: r.rep_name, customerName: r.customer_name, industry: r.industry,
    rating: r.rating, objections: r.objections ?? [], competitors: r.competitors ?? [], transcript: r.transcript,
    progress: r.progress, createdAt: new Date(r.created_at),
  }));
}

/** Everyone in the teams the user belongs to (as member or manager); null when the user is in no team. */
export async function teamPeopleOf(q: Queryable, tenantId: string, userId: string): Promise<string[] | null> {
  const rows = await q.query<{ user_id: string }>(
    `select distinct m.user_id from team_members m where m.tenant_id = $1 and m.team_key in
       (select team_key from team_members where tenant_id = $1 and user_id = $2)`,
    [tenantId, userId],
  );
  return rows.length ? rows.map((r) => r.user_id) : null;
}

export async function customerIndustry(
  q: Queryable, tenantId: string, customerId: string,
): Promise<{ name: string; industry: string | null; source: 'name' | 'admin' | null } | null> {
  const rows = await q.query<{ name: string; industry: string | null; industry_source: 'name' | 'admin' | null }>(
    'select name, industry, industry_source from customers where tenant_id = $1 and id = $2', [tenantId, customerId]);
  const r = rows[0];
  return r ? { name: r.name, industry: r.industry, source: r.industry_source } : null;
}

/**
 * The industry the name says, unless an admin set one (that one stays); returns the customer's industry
 * afterwards, or undefined when there is no such customer.
 */
export async function setDerivedIndustry(q: Queryable, tenantId: string, customerId: string, industry: string | null): Promise<string | null | undefined> {
  await q.execute(
    `update customers set industry = $3, industry_source = case when $3::text is null then null else 'name' end, updated_at = now()
     where tenant_id = $1 and id = $2 and industry_source is distinct from 'admin'
       and (industry is distinct from $3::text or industry_source is distinct from case when $3::text is null then null else 'name' end)`,
    [tenantId, customerId, industry],
  );
  const now = await customerIndustry(q, tenantId, customerId);
  return now ? now.industry : undefined;
}

/** An admin's industry (kept through renames); null hands the customer back to its name's industry. */
export async function setAdminIndustry(q: Queryable, tenantId: string, customerId: string, industry: string | null): Promise<boolean> {
  const n = await q.execute(
    `update customers set industry = $3, industry_source = case when $3::text is null then null else 'admin' end, updated_at = now()
     where tenant_id = $1 and id = $2`,
    [tenantId, customerId, industry],
  );
  return n === 1;
}

/** Per industry (null: unknown) and objection topic: how many reports recorded since `since` raised it. */
export async function objectionCounts(
  q: Queryable, tenantId: string, since: Date, authors: readonly string[] | null,
): Promise<{ industry: string | null; topic: string; reports: number }[]> {
  return q.query(
    `select c.industry, o.topic, count(distinct b.id)::int as reports
     from battle_reports b
     left join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
     cross join lateral (select e->>'topic' as topic from jsonb_array_elements(b.objections) e) o
     where b.tenant_id = $1 and b.recorded_at >= $2 and ($3::text[] is null or b.user_id = any($3::text[])) and o.topic is not null
     group by c.industry, o.topic`,
    [tenantId, since, authors ? [...authors] : null],
  );
}

/** Per industry: reports recorded since `since` with at least one objection. */
export async function reportsWithObjections(
  q: Queryable, tenantId: string, since: Date, authors: readonly string[] | null,
): Promise<{ industry: string | null; reports: number }[]> {
  return q.query(
    `select c.industry, count(*)::int as reports
     from battle_reports b left join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
     where b.tenant_id = $1 and b.recorded_at >= $2 and ($3::text[] is null or b.user_id = any($3::text[]))
       and jsonb_array_length(b.objections) > 0
     group by c.industry`,
    [tenantId, since, authors ? [...authors] : null],
  );
}
