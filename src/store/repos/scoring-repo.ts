// The stored facts a lead score is computed from, read as of an instant (nothing recorded later), the
// tenant's won deals up to it, and the score written back on the customer (migration 0018).
import type { CustomerFacts, StageStep, WonDeal } from '../../domain/scoring/score-facts.js';
import type { ScoreReason } from '../../domain/scoring/score-customer.js';
import type { Queryable } from '../database.js';

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** Facts of these customers as of `at`; touch texts only from `textSince` on (the signals' window). */
export async function loadScoreFacts(q: Queryable, tenantId: string, ids: readonly string[], at: Date, textSince: Date): Promise<CustomerFacts[]> {
  if (ids.length === 0) return [];
  const [customers, changes, touches, reports] = await Promise.all([
    q.query<{ id: string; stage: string | null; created_at: Date; first_inquiry_at: Date | null; amount: string | number | null }>(
      'select id, stage, created_at, first_inquiry_at, amount from customers where tenant_id = $1 and id = any($2::text[])', [tenantId, [...ids]]),
    q.query<{ customer_id: string; from_stage: string | null; to_stage: string; changed_at: Date }>(
      `select customer_id, from_stage, to_stage, changed_at from stage_changes where tenant_id = $1 and customer_id = any($2::text[])
       order by changed_at, created_at`, [tenantId, [...ids]]),
    q.query<{ customer_id: string; kind: string; topics: string[]; text: string | null; occurred_at: Date }>(
      `select customer_id, kind, topics, case when occurred_at >= $4 then text end as text, occurred_at from touches
       where tenant_id = $1 and customer_id = any($2::text[]) and occurred_at <= $3`, [tenantId, [...ids], at, textSince]),
    q.query<{ customer_id: string; recorded_at: Date; amount: string | number | null; competitors: string[]; vague_phrases: string[] }>(
      `select customer_id, recorded_at, amount, competitors, vague_phrases from battle_reports
       where tenant_id = $1 and customer_id = any($2::text[]) and recorded_at <= $3`, [tenantId, [...ids], at]),
  ]);
  const by = <T extends { customer_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.customer_id, [...(m.get(r.customer_id) ?? []), r]);
    return m;
  };
  const c = by(changes);
  const t = by(touches);
  const r = by(reports);
  return customers.map((row) => ({
    id: row.id,
    currentStage: row.stage,
    stageChanges: (c.get(row.id) ?? []).map((s) => ({ from: s.from_stage, to: s.to_stage, at: new Date(s.changed_at) })),
    createdAt: new Date(row.created_at),
    firstInquiryAt: row.first_inquiry_at ? new Date(row.first_inquiry_at) : null,
    touches: (t.get(row.id) ?? []).map((x) => ({ kind: x.kind, topics: x.topics, text: x.text, at: new Date(x.occurred_at) })),
    reports: (r.get(row.id) ?? []).map((x) => ({ at: new Date(x.recorded_at), amount: num(x.amount), competitors: x.competitors, vaguePhrases: x.vague_phrases })),
    amount: num(row.amount),
  }));
}

/**
 * Deals won at or before `at`: the last change into the won stage up to then, with the stage path before
 * it and the amount of the latest report up to the win (else the customer's own amount).
 */
export async function loadWonDeals(q: Queryable, tenantId: string, wonStage: string, at: Date): Promise<WonDeal[]> {
  const rows = await q.query<{ customer_id: string; won_at: Date; amount: string | number | null }>(
    `select w.customer_id, w.won_at, coalesce((select b.amount from battle_reports b where b.tenant_id = $1 and b.customer_id = w.customer_id
         and b.amount is not null and b.recorded_at <= w.won_at order by b.recorded_at desc limit 1), c.amount) as amount
     from (select customer_id, max(changed_at) as won_at from stage_changes
           where tenant_id = $1 and to_stage = $2 and changed_at <= $3 group by customer_id) w
     join customers c on c.tenant_id = $1 and c.id = w.customer_id`,
    [tenantId, wonStage, at],
  );
  if (rows.length === 0) return [];
  const steps = await q.query<{ customer_id: string; from_stage: string | null; to_stage: string; changed_at: Date }>(
    `select customer_id, from_stage, to_stage, changed_at from stage_changes where tenant_id = $1 and customer_id = any($2::text[]) and changed_at <= $3
     order by changed_at, created_at`,
    [tenantId, rows.map((r) => r.customer_id), at],
  );
  const paths = new Map<string, StageStep[]>();
  for (const s of steps) paths.set(s.customer_id, [...(paths.get(s.customer_id) ?? []), { from: s.from_stage, to: s.to_stage, at: new Date(s.changed_at) }]);
  return rows.map((r) => {
    const wonAt = new Date(r.won_at);
    return { wonAt, amount: num(r.amount), path: (paths.get(r.customer_id) ?? []).filter((s) => s.at.getTime() <= wonAt.getTime()) };
  });
}

/** Customers whose score is due: a fact changed since it was computed, or it is older than `olderThan`. */
export async function customersToScore(
  q: Queryable, tenantId: string, opts: { staleOnly: boolean; olderThan?: Date; limit: number; lock?: boolean },
): Promise<string[]> {
  const rows = opts.staleOnly
    ? await q.query<{ id: string }>(
        `select id from customers where tenant_id = $1 and score_stale order by id limit $2${opts.lock ? ' for update skip locked' : ''}`,
        [tenantId, opts.limit])
    : await q.query<{ id: string }>(
        // Open deals (the predicate of customers_scored_at_idx) with no score or one older than the cut-off.
        `select id from customers where tenant_id = $1 and (stage is null or stage not in ('won', 'lost'))
           and (score_stale or scored_at is null or scored_at <= $2) order by scored_at nulls first, id limit $3`,
        [tenantId, opts.olderThan ?? new Date(0), opts.limit]);
  return rows.map((r) => r.id);
}

export async function saveScores(
  q: Queryable, tenantId: string, scores: readonly { id: string; score: number | null; reasons: readonly ScoreReason[] }[], at: Date,
): Promise<void> {
  if (scores.length === 0) return;
  await q.execute(
    `update customers c set score = s.score, score_reasons = s.reasons::jsonb, scored_at = $2, score_stale = false
     from unnest($3::text[], $4::int[], $5::text[]) as s(id, score, reasons)
     where c.tenant_id = $1 and c.id = s.id`,
    [tenantId, at, scores.map((s) => s.id), scores.map((s) => s.score), scores.map((s) => JSON.stringify(s.reasons))],
  );
}

export interface ScoredCustomer {
  id: string;
  name: string;
  stage: string | null;
  score: number | null;
  reasons: ScoreReason[];
  lastTouchAt: Date | null;
}

/** A rep's customers, highest score first; closed deals and unscored ones after, by last touch. */
export async function listScoredCustomers(q: Queryable, tenantId: string, ownerUserId: string, limit: number): Promise<{ items: ScoredCustomer[]; total: number }> {
  const rows = await q.query<{
    id: string; name: string; stage: string | null; score: number | null; score_reasons: ScoreReason[] | null; last_touch_at: Date | null; total: string | number;
  }>(
    `select id, name, stage, score, score_reasons, last_touch_at, count(*) over () as total from customers
     where tenant_id = $1 and owner_user_id = $2
     order by score desc nulls last, last_touch_at desc nulls last, created_at desc limit $3`,
    [tenantId, ownerUserId, limit],
  );
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map((r) => ({
      id: r.id, name: r.name, stage: r.stage, score: r.score === null ? null : Number(r.score), reasons: r.score_reasons ?? [],
      lastTouchAt: r.last_touch_at ? new Date(r.last_touch_at) : null,
    })),
  };
}

/** A rep's open customers whose score is stale, missing or computed before `before` (rescored before 我的客户 lists them). */
export async function unscoredOf(q: Queryable, tenantId: string, ownerUserId: string, before: Date, limit: number): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select id from customers where tenant_id = $1 and owner_user_id = $2 and (score_stale or scored_at is null or scored_at < $3)
       and (stage is null or stage not in ('won', 'lost')) order by scored_at nulls first, id limit $4`,
    [tenantId, ownerUserId, before, limit],
  );
  return rows.map((r) => r.id);
}

/**
 * A fingerprint of the tenant's won deals as of `at` (how many, and when), read from the won stage
 * changes' index alone: equal fingerprints mean equal won deals, so their yardsticks can be reused.
 */
export async function wonDealsFingerprint(q: Queryable, tenantId: string, wonStage: string, at: Date): Promise<string> {
  const rows = await q.query<{ n: string | number; last: string | null; total: string | null }>(
    `select count(*) as n, max(changed_at)::text as last, sum(extract(epoch from changed_at))::text as total
     from stage_changes where tenant_id = $1 and to_stage = $2 and changed_at <= $3`,
    [tenantId, wonStage, at],
  );
  const r = rows[0]!;
  return `${Number(r.n)}:${r.last ?? ''}:${r.total ?? ''}`;
}
