// Read model for the console's 战报 pages: confirmed battle reports filtered by writer, team, Shanghai dates,
// topic, objection, competitor, words and rating, newest first, with the writer's name and team.
import type { Objection } from '../../domain/reports/battle-report.js';
import type { Queryable } from '../database.js';

export interface ReportFilter {
  /** Writers the viewer may see; 'all' for an admin. */
  writers: 'all' | readonly string[];
  userId?: string;
  teamKey?: string;
  /** YYYY-MM-DD, Asia/Shanghai, both inclusive. */
  from?: string;
  to?: string;
  /** A topic the report's words carried or one of its objections is about. */
  topic?: string;
  /** An objection topic id, or words inside an objection's quote. */
  objection?: string;
  competitor?: string;
  q?: string;
  /** Exact rating; 0 = not rated yet. */
  stars?: number;
  /** At least this rating (the knowledge base is ★★ and up). */
  minStars?: number;
  id?: string;
  limit: number;
  offset: number;
}

export interface ReportRow {
  id: string;
  userId: string;
  userName: string;
  teamKey: string | null;
  customerId: string | null;
  customerName: string | null;
  contact: string | null;
  stage: string | null;
  progress: string;
  objections: Objection[];
  competitors: string[];
  amount: number | null;
  paymentTermsDays: number | null;
  nextAction: string | null;
  nextActionDue: string | null;
  vaguePhrases: string[];
  transcript: string;
  rating: number | null;
  ratedBy: string | null;
  ratedByName: string | null;
  ratedAt: Date | null;
  knowledge: string | null;
  topics: string[];
  recordedAt: Date;
}

const like = (s: string) => `%${s.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

function where(f: ReportFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (v: unknown) => {
    params.push(v);
    return `$${params.length + 1}`;
  };
  const parts: string[] = [];
  if (f.writers !== 'all') parts.push(`b.user_id = any(${add([...f.writers])}::text[])`);
  if (f.id) parts.push(`b.id = ${add(f.id)}`);
  if (f.userId) parts.push(`b.user_id = ${add(f.userId)}`);
  if (f.teamKey) {
    parts.push(`exists (select 1 from team_members m where m.tenant_id = b.tenant_id and m.user_id = b.user_id and m.is_member and m.team_key = ${add(f.teamKey)})`);
  }
  if (f.from) parts.push(`b.recorded_at >= (${add(f.from)}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to) parts.push(`b.recorded_at < ((${add(f.to)}::date) + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.topic) {
    const p = add(f.topic);
    parts.push(`(${p} = any(coalesce(t.topics, '{}')) or exists (select 1 from jsonb_array_elements(b.objections) o where o->>'topic' = ${p}))`);
  }
  if (f.objection) {
    const p = add(f.objection);
    const l = add(like(f.objection));
    parts.push(`exists (select 1 from jsonb_array_elements(b.objections) o where o->>'topic' = ${p} or o->>'quote' ilike ${l})`);
  }
  if (f.competitor) parts.push(`exists (select 1 from unnest(b.competitors) x where x ilike ${add(like(f.competitor))})`);
  if (f.q) {
    const p = add(like(f.q));
    parts.push(`(coalesce(c.name, b.customer_name, '') ilike ${p} or b.customer_name ilike ${p} or b.progress ilike ${p} or b.transcript ilike ${p}
      or coalesce(b.next_action, '') ilike ${p} or coalesce(b.contact, '') ilike ${p})`);
  }
  if (f.stars === 0) parts.push('b.rating is null');
  else if (f.stars !== undefined) parts.push(`b.rating = ${add(f.stars)}`);
  if (f.minStars !== undefined) parts.push(`b.rating >= ${add(f.minStars)}`);
  return { sql: ['b.tenant_id = $1', ...parts].join(' and '), params };
}

const FROM = `battle_reports b
  left join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
  left join touches t on t.tenant_id = b.tenant_id and t.id = b.touch_id`;

export async function searchReports(q: Queryable, tenantId: string, f: ReportFilter): Promise<{ rows: ReportRow[]; total: number }> {
  const w = where(f);
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from ${FROM} where ${w.sql}`, [tenantId, ...w.params]))[0]!.n;
  const n = w.params.length + 1;
  const rows = await q.query<Record<string, any>>(
    `select b.id, b.user_id, coalesce(u.name, b.user_id) as user_name,
       (select m.team_key from team_members m where m.tenant_id = b.tenant_id and m.user_id = b.user_id and m.is_member order by m.team_key limit 1) as team_key,
       b.customer_id, coalesce(c.name, b.customer_name) as customer_name, b.contact, b.stage, b.progress, b.objections, b.competitors,
       b.amount::float8 as amount, b.payment_terms_days, b.next_action, b.next_action_due::text as next_action_due, b.vague_phrases, b.transcript,
       b.rating, b.rated_by, rb.name as rated_by_name, b.rated_at, b.knowledge, coalesce(t.topics, '{}') as topics, b.recorded_at
     from ${FROM}
     left join users u on u.tenant_id = b.tenant_id and u.id = b.user_id
     left join users rb on rb.tenant_id = b.tenant_id and rb.id = b.rated_by
     where ${w.sql}
     order by b.recorded_at desc, b.id
     limit $${n + 1} offset $${n + 2}`,
    [tenantId, ...w.params, f.limit, f.offset],
  );
  return { total, rows: rows.map(toRow) };
}

const toRow = (r: Record<string, any>): ReportRow => ({
  id: r.id, userId: r.user_id, userName: r.user_name, teamKey: r.team_key, customerId: r.customer_id, customerName: r.customer_name,
  contact: r.contact, stage: r.stage, progress: r.progress, objections: r.objections ?? [], competitors: r.competitors ?? [],
  amount: r.amount === null ? null : Number(r.amount), paymentTermsDays: r.payment_terms_days, nextAction: r.next_action,
  nextActionDue: r.next_action_due, vaguePhrases: r.vague_phrases ?? [], transcript: r.transcript, rating: r.rating,
  ratedBy: r.rated_by, ratedByName: r.rated_by_name, ratedAt: r.rated_at ? new Date(r.rated_at) : null, knowledge: r.knowledge,
  topics: r.topics ?? [], recordedAt: new Date(r.recorded_at),
});
