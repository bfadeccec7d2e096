// Confirmed battle reports.
import type { BattleReport, Objection } from '../../domain/reports/battle-report.js';
import type { Queryable } from '../database.js';

export interface StoredReport extends BattleReport {
  id: string;
  userId: string;
  customerId: string | null;
  transcript: string;
  extractor: string;
  noteId: string | null;
  recordedAt: Date;
  createdAt: Date;
}

interface Raw {
  id: string; user_id: string; customer_id: string | null; customer_name: string | null; contact: string | null;
  stage: BattleReport['stage']; progress: string; objections: Objection[]; competitors: string[];
  amount: number | string | null; payment_terms_days: number | null; next_action: string | null;
  next_action_due: string | null; vague_phrases: string[]; transcript: string; extractor: string;
  note_id: string | null; recorded_at: Date; created_at: Date;
}


const toReport = (r: Raw): StoredReport => ({
  id: r.id, userId: r.user_id, customerId: r.customer_id, customer: r.customer_name, contact: r.contact,
  stage: r.stage, progress: r.progress, objections: r.objections ?? [], competitors: r.competitors ?? [],
  amount: r.amount === null ? null : Number(r.amount), paymentTermsDays: r.payment_terms_days,
  nextAction: r.next_action, nextActionDue: r.next_action_due, vaguePhrases: r.vague_phrases ?? [],
  transcript: r.transcript, extractor: r.extractor, noteId: r.note_id,
  recordedAt: new Date(r.recorded_at), createdAt: new Date(r.created_at),
});

// Dates travel as text and are cast in SQL, so no driver ever shifts them through a local time zone.
const SELECT = `select id, user_id, customer_id, customer_name, contact, stage, progress, objections, competitors, amount,
  payment_terms_days, next_action, next_action_due::text as next_action_due, vague_phrases, transcript, extractor, note_id,
  recorded_at, created_at from battle_reports`;

export async function insertReport(
  q: Queryable,
  r: { tenantId: string; draftId: string; userId: string; customerId: string | null; report: BattleReport;
       transcript: string; noteId: string; extractor: string; touchId: string | null; recordedAt: Date },
): Promise<string> {
  const b = r.report;
  const rows = await q.query<{ id: string }>(
    `insert into battle_reports (tenant_id, draft_id, user_id, customer_id, customer_name, contact, stage, progress, objections,
       competitors, amount, payment_terms_days, next_action, next_action_due, vague_phrases, transcript, note_id, extractor,
       touch_id, recorded_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14::date, $15, $16, $17, $18, $19, $20) returning id`,
    [r.tenantId, r.draftId, r.userId, r.customerId, b.customer, b.contact, b.stage, b.progress, JSON.stringify(b.objections),
     b.competitors, b.amount, b.paymentTermsDays, b.nextAction, b.nextActionDue, b.vaguePhrases, r.transcript, r.noteId,
     r.extractor, r.touchId, r.recordedAt],
  );
  return rows[0]!.id;
}

export async function countReportsOfUser(q: Queryable, tenantId: string, userId: string, opts: { since?: Date; before?: Date } = {}): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `select count(*)::int as n from battle_reports where tenant_id = $1 and user_id = $2
     and ($3::timestamptz is null or recorded_at >= $3) and ($4::timestamptz is null or recorded_at < $4)`,
    [tenantId, userId, opts.since ?? null, opts.before ?? null],
  );
  return rows[0]!.n;
}

/** Distinct Asia/Shanghai dates on which the user confirmed reports, newest first. */
export async function reportDaysOfUser(q: Queryable, tenantId: string, userId: string, limit = 30): Promise<string[]> {
  const rows = await q.query<{ d: string }>(
    `select distinct (recorded_at at time zone 'Asia/Shanghai')::date::text as d from battle_reports
     where tenant_id = $1 and user_id = $2 order by d desc limit $3`,
    [tenantId, userId, limit],
  );
  return rows.map((r) => r.d);
}

export async function listReports(
  q: Queryable,
  tenantId: string,
  opts: { search?: string; userId?: string; limit?: number } = {},
): Promise<StoredReport[]> {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (opts.search) {
    params.push(`%${opts.search.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
    where += ` and (customer_name ilike $${params.length} or transcript ilike $${params.length} or progress ilike $${params.length})`;
  }
  if (opts.userId) {
    params.push(opts.userId);
    where += ` and user_id = $${params.length}`;
  }
  params.push(opts.limit ?? 100);
  const rows = await q.query<Raw>(`${SELECT} where ${where} order by created_at desc limit $${params.length}`, params);
  return rows.map(toReport);
}

/** Rates a report once; false when it was already rated (double or late tap). */
export async function rateReport(q: Queryable, tenantId: string, reportId: string, stars: 1 | 2 | 3, by: string, at: Date): Promise<boolean> {
  const knowledge = stars === 3 ? 'benchmark' : stars === 2 ? 'knowledge_base' : null;
  const n = await q.execute(
    `update battle_reports set rating = $3, rated_by = $4, rated_at = $5, knowledge = $6
     where tenant_id = $1 and id = $2 and rating is null`,
    [tenantId, reportId, stars, by, at, knowledge],
  );
  return n === 1;
}

export async function reportOwner(q: Queryable, tenantId: string, reportId: string): Promise<{ userId: string; customer: string | null } | null> {
  const rows = await q.query<{ user_id: string; customer_name: string | null }>(
    'select user_id, customer_name from battle_reports where tenant_id = $1 and id = $2', [tenantId, reportId]);
  return rows[0] ? { userId: rows[0].user_id, customer: rows[0].customer_name } : null;
}
