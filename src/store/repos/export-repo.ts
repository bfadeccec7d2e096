// Pages of rows for the CSV/XLSX exports, read by keyset (time, id) so an export of any size holds one
// page at a time. Each page carries its cursor as timestamptz text: a JS Date keeps milliseconds only,
// and a cursor rounded down to the millisecond would repeat the last row of a page.
import type { Objection } from '../../domain/reports/battle-report.js';
import type { Queryable } from '../database.js';

/** Where the previous page ended: the row's time (exact, as PostgreSQL prints it) and its id. */
export interface ExportCursor {
  at: string;
  id: string;
}

export interface ExportQuery {
  tenantId: string;
  /** Person ids whose rows may be read; 'all' for the whole tenant. */
  owners: 'all' | readonly string[];
  /** Visits at the stores of these teams are readable too (a manager's stores, whoever recorded them). */
  storeTeams: readonly string[];
  /** Only rows of this team's members (visits: of this team's stores). */
  teamKey: string | null;
  /** Inclusive start and exclusive end of the time range, or open. */
  from: Date | null;
  before: Date | null;
}

interface Keyed {
  id: string;
  cursorAt: string;
}

export interface CustomerExportRow extends Keyed {
  name: string;
  stage: string | null;
  ownerUserId: string;
  ownerName: string | null;
  teamName: string | null;
  industry: string | null;
  source: string | null;
  amount: number | null;
  lastTouchAt: Date | null;
  firstContactAt: Date | null;
  createdAt: Date;
  aliases: string | null;
}

export interface ReportExportRow extends Keyed {
  recordedAt: Date;
  userId: string;
  userName: string | null;
  teamName: string | null;
  customer: string | null;
  contact: string | null;
  stage: string | null;
  progress: string;
  amount: number | null;
  paymentTermsDays: number | null;
  nextAction: string | null;
  nextActionDue: string | null;
  objections: Objection[];
  competitors: string[];
  rating: number | null;
  transcript: string;
}

export interface TouchExportRow extends Keyed {
  occurredAt: Date;
  userId: string;
  userName: string | null;
  teamName: string | null;
  customer: string | null;
  kind: string;
  text: string | null;
  topics: string[];
}

export interface VisitExportRow extends Keyed {
  createdAt: Date;
  storeName: string;
  storeTeamName: string | null;
  userId: string;
  userName: string | null;
  question: string;
  topics: string[];
  customerName: string | null;
  customerPhone: string | null;
  complianceNote: string | null;
  sensitiveWords: string[];
  /** pending, approved or returned for a flagged visit; null when no review was needed. */
  reviewStatus: string | null;
  reviewComment: string | null;
}

/** The team a person is a member of (at most one, see upsertTeam), by name. */
const memberTeam = (person: string) => `left join lateral (
    select tt.name as team_name from team_members tm join teams tt on tt.tenant_id = tm.tenant_id and tt.key = tm.team_key
    where tm.tenant_id = $1 and tm.user_id = ${person} and tm.is_member order by tm.team_key limit 1) mt on true`;

/**
 * The WHERE and ORDER BY of one page. Only the filters in use enter the text (not `$n is null or …`), so
 * each shape plans like a plain query and an index on (tenant_id, time, id) serves the keyset directly.
 */
function pageSql(
  query: ExportQuery,
  after: ExportCursor | null,
  limit: number,
  cols: { time: string; id: string; person: string; storeTeam?: string },
): { where: string; tail: string; params: unknown[] } {
  const params: unknown[] = [query.tenantId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts: string[] = [];
  if (query.owners !== 'all') {
    const own = `${cols.person} = any(${p([...query.owners])}::text[])`;
    parts.push(cols.storeTeam && query.storeTeams.length ? `(${own} or ${cols.storeTeam} = any(${p([...query.storeTeams])}::text[]))` : own);
  }
  if (query.teamKey !== null) {
    parts.push(cols.storeTeam
      ? `${cols.storeTeam} = ${p(query.teamKey)}`
      : `exists (select 1 from team_members fm where fm.tenant_id = $1 and fm.team_key = ${p(query.teamKey)} and fm.user_id = ${cols.person} and fm.is_member)`);
  }
  if (query.from) parts.push(`${cols.time} >= ${p(query.from)}`);
  if (query.before) parts.push(`${cols.time} < ${p(query.before)}`);
  if (after) parts.push(`(${cols.time}, ${cols.id}) > (${p(after.at)}::timestamptz, ${p(after.id)}::text)`);
  const where = parts.map((c) => ` and ${c}`).join('');
  return { where, tail: `order by ${cols.time}, ${cols.id} limit ${p(limit)}`, params };
}

const num = (v: number | string | null) => (v === null ? null : Number(v));
const date = (v: Date | string | null) => (v === null ? null : new Date(v));

export async function customersPage(q: Queryable, query: ExportQuery, after: ExportCursor | null, limit: number): Promise<CustomerExportRow[]> {
  const { where, tail, params } = pageSql(query, after, limit, { time: 'c.created_at', id: 'c.id', person: 'c.owner_user_id' });
  const rows = await q.query<{
    id: string; cursor_at: string; name: string; stage: string | null; owner_user_id: string; owner_name: string | null; team_name: string | null;
    industry: string | null; source: string | null; amount: number | string | null; last_touch_at: Date | null; first_contact_at: Date | null;
    created_at: Date; aliases: string | null;
  }>(
    `select c.id, c.created_at::text as cursor_at, c.name, c.stage, c.owner_user_id, u.name as owner_name, mt.team_name, c.industry, c.source,
       c.amount, c.last_touch_at, c.first_contact_at, c.created_at,
       (select string_agg(a.alias, '、' order by a.created_at, a.alias) from customer_aliases a
        where a.tenant_id = $1 and a.customer_id = c.id) as aliases
     from customers c
     left join users u on u.tenant_id = $1 and u.id = c.owner_user_id
     ${memberTeam('c.owner_user_id')}
     where c.tenant_id = $1${where} ${tail}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id, cursorAt: r.cursor_at, name: r.name, stage: r.stage, ownerUserId: r.owner_user_id, ownerName: r.owner_name, teamName: r.team_name,
    industry: r.industry, source: r.source, amount: num(r.amount), lastTouchAt: date(r.last_touch_at), firstContactAt: date(r.first_contact_at),
    createdAt: new Date(r.created_at), aliases: r.aliases,
  }));
}

export async function reportsPage(q: Queryable, query: ExportQuery, after: ExportCursor | null, limit: number): Promise<ReportExportRow[]> {
  const { where, tail, params } = pageSql(query, after, limit, { time: 'b.recorded_at', id: 'b.id', person: 'b.user_id' });
  const rows = await q.query<{
    id: string; cursor_at: string; recorded_at: Date; user_id: string; user_name: string | null; team_name: string | null; customer: string | null;
    contact: string | null; stage: string | null; progress: string; amount: number | string | null; payment_terms_days: number | null;
    next_action: string | null; next_action_due: string | null; objections: Objection[] | null; competitors: string[] | null; rating: number | null;
    transcript: string;
  }>(
    // The customer's name today (a rename or merge since shows the current name), else the name as reported.
    `select b.id, b.recorded_at::text as cursor_at, b.recorded_at, b.user_id, u.name as user_name, mt.team_name,
       coalesce(cu.name, b.customer_name) as customer, b.contact, b.stage, b.progress, b.amount, b.payment_terms_days, b.next_action,
       b.next_action_due::text as next_action_due, b.objections, b.competitors, b.rating, b.transcript
     from battle_reports b
     left join users u on u.tenant_id = $1 and u.id = b.user_id
     left join customers cu on cu.id = b.customer_id
     ${memberTeam('b.user_id')}
     where b.tenant_id = $1${where} ${tail}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id, cursorAt: r.cursor_at, recordedAt: new Date(r.recorded_at), userId: r.user_id, userName: r.user_name, teamName: r.team_name,
    customer: r.customer, contact: r.contact, stage: r.stage, progress: r.progress, amount: num(r.amount), paymentTermsDays: r.payment_terms_days,
    nextAction: r.next_action, nextActionDue: r.next_action_due, objections: r.objections ?? [], competitors: r.competitors ?? [],
    rating: r.rating, transcript: r.transcript,
  }));
}

/** Interactions only: a stage change is a touch row too, but it is the customer's stage history, not a 跟进. */
export async function touchesPage(q: Queryable, query: ExportQuery, after: ExportCursor | null, limit: number): Promise<TouchExportRow[]> {
  const { where, tail, params } = pageSql(query, after, limit, { time: 't.occurred_at', id: 't.id', person: 't.user_id' });
  const rows = await q.query<{
    id: string; cursor_at: string; occurred_at: Date; user_id: string; user_name: string | null; team_name: string | null; customer: string | null;
    kind: string; text: string | null; topics: string[] | null;
  }>(
    `select t.id, t.occurred_at::text as cursor_at, t.occurred_at, t.user_id, u.name as user_name, mt.team_name, cu.name as customer,
       t.kind, t.text, t.topics
     from touches t
     left join users u on u.tenant_id = $1 and u.id = t.user_id
     left join customers cu on cu.id = t.customer_id
     ${memberTeam('t.user_id')}
     where t.tenant_id = $1 and t.kind <> 'stage_change'${where} ${tail}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id, cursorAt: r.cursor_at, occurredAt: new Date(r.occurred_at), userId: r.user_id, userName: r.user_name, teamName: r.team_name,
    customer: r.customer, kind: r.kind, text: r.text, topics: r.topics ?? [],
  }));
}

export async function visitsPage(q: Queryable, query: ExportQuery, after: ExportCursor | null, limit: number): Promise<VisitExportRow[]> {
  const { where, tail, params } = pageSql(query, after, limit, { time: 'v.created_at', id: 'v.id', person: 'v.user_id', storeTeam: 's.team_key' });
  const rows = await q.query<{
    id: string; cursor_at: string; created_at: Date; store_name: string; store_team_name: string | null; user_id: string; user_name: string | null;
    question: string; topics: string[] | null; customer_name: string | null; customer_phone: string | null; compliance_note: string | null;
    sensitive_words: string[] | null; review_status: string | null; review_comment: string | null;
  }>(
    `select v.id, v.created_at::text as cursor_at, v.created_at, s.name as store_name, st.name as store_team_name, v.user_id, u.name as user_name,
       v.question, v.topics, v.customer_name, v.customer_phone, v.compliance_note, v.sensitive_words, v.review_status, v.review_comment
     from store_visits v
     join stores s on s.tenant_id = v.tenant_id and s.key = v.store_key
     left join teams st on st.tenant_id = $1 and st.key = s.team_key
     left join users u on u.tenant_id = $1 and u.id = v.user_id
     where v.tenant_id = $1${where} ${tail}`,
    params,
  );
  return rows.map((r) => ({
    id: r.id, cursorAt: r.cursor_at, createdAt: new Date(r.created_at), storeName: r.store_name, storeTeamName: r.store_team_name, userId: r.user_id,
    userName: r.user_name, question: r.question, topics: r.topics ?? [], customerName: r.customer_name, customerPhone: r.customer_phone,
    complianceNote: r.compliance_note, sensitiveWords: r.sensitive_words ?? [], reviewStatus: r.review_status, reviewComment: r.review_comment,
  }));
}
