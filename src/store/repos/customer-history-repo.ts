// Moves history between customers — all of it (merge) or one touch with what it is evidence for
// (a corrected customer) — and recomputes the reminder facts, which the 0005 triggers keep for inserts only.
import type { Queryable } from '../database.js';

export interface MovedRows {
  touches: number;
  stageChanges: number;
  stagePrompts: number;
  reports: number;
  commitments: number;
}

/** Repoints every row of `fromId` at `intoId`, including the alert log and the once-per-customer won award. */
export async function moveCustomerHistory(q: Queryable, tenantId: string, fromId: string, intoId: string): Promise<MovedRows> {
  const move = (table: string) =>
    q.execute(`update ${table} set customer_id = $3 where tenant_id = $1 and customer_id = $2`, [tenantId, fromId, intoId]);
  const moved: MovedRows = {
    touches: await move('touches'),
    stageChanges: await move('stage_changes'),
    stagePrompts: await move('stage_prompts'),
    reports: await move('battle_reports'),
    commitments: await move('commitments'),
  };
  await move('leads'); // the leads received for it (issue 15), with their contacts
  // Period keys embed the subject (`rule:audience:subject:day`): an alert already sent today for the merged
  // customer counts for the survivor, and where both were alerted for the same breach one row is enough.
  const rekeyed = (column: string) => `replace(${column}, ':' || $2 || ':', ':' || $3 || ':')`;
  await q.execute(
    `delete from alerts_sent a where a.tenant_id = $1 and a.subject_id = $2
       and exists (select 1 from alerts_sent b where b.tenant_id = $1 and b.period_key = ${rekeyed('a.period_key')})`,
    [tenantId, fromId, intoId],
  );
  await q.execute(
    `update alerts_sent set subject_id = $3, period_key = ${rekeyed('period_key')} where tenant_id = $1 and subject_id = $2`,
    [tenantId, fromId, intoId],
  );
  // The ledger keeps what was paid; re-keying A's won award keeps "won pays once per customer" for B,
  // unless B was won too (then both stay: points already earned are not taken back).
  await q.execute(
    `update points_ledger set award_key = 'won:' || $3 where tenant_id = $1 and award_key = 'won:' || $2
       and not exists (select 1 from points_ledger where tenant_id = $1 and award_key = 'won:' || $3)`,
    [tenantId, fromId, intoId],
  );
  return moved;
}

/**
 * Moves one touch and the rows it is evidence for (its stage card, the stage change it caused with that
 * change's own stage_change touch, its battle report and the report's commitment) from one customer to another.
 */
export async function moveTouchWithEvidence(
  q: Queryable,
  m: { tenantId: string; touchId: string; fromId: string; intoId: string; intoName: string },
): Promise<MovedRows> {
  const p = [m.tenantId, m.touchId, m.fromId, m.intoId];
  const stageTouches = await q.execute(
    `update touches t set customer_id = $4 from stage_changes s
     where s.tenant_id = $1 and s.evidence_touch_id = $2 and s.customer_id = $3 and t.tenant_id = $1 and t.customer_id = $3
       and t.kind = 'stage_change' and t.user_id = s.user_id and t.occurred_at = s.changed_at`,
    p,
  );
  const touches = await q.execute('update touches set customer_id = $4 where tenant_id = $1 and id = $2 and customer_id = $3', p);
  const stageChanges = await q.execute('update stage_changes set customer_id = $4 where tenant_id = $1 and evidence_touch_id = $2 and customer_id = $3', p);
  const stagePrompts = await q.execute('update stage_prompts set customer_id = $4 where tenant_id = $1 and touch_id = $2 and customer_id = $3', p);
  // The report named the wrong customer: its name as said is corrected too (search and cards read it).
  const reports = await q.query<{ id: string }>(
    `update battle_reports set customer_id = $4, customer_name = $5 where tenant_id = $1 and touch_id = $2 and customer_id = $3 returning id`,
    [...p, m.intoName],
  );
  const commitments = await q.execute(
    'update commitments set customer_id = $4 where tenant_id = $1 and report_id = any($2::text[]) and customer_id = $3',
    [m.tenantId, reports.map((r) => r.id), m.fromId, m.intoId],
  );
  return { touches: touches + stageTouches, stageChanges, stagePrompts, reports: reports.length, commitments };
}

/**
 * Recomputes the customer's reminder facts from its touches and stage changes, as the triggers of
 * migrations 0005 and 0010 keep them (first contact: the owner's touches; proposal: stage_ends_golden).
 * `keepLastTouchAt`: an instant that still counts (merge: last_touch_at is written by code, and imported
 * customers may carry one without touches).
 */
export async function recomputeCustomerFacts(q: Queryable, tenantId: string, id: string, keepLastTouchAt: Date | null = null): Promise<void> {
  await q.execute(
    `update customers c set first_contact_at = t.first_at, has_visit = coalesce(t.visited, false),
       last_touch_at = greatest(t.last_at, $3::timestamptz), stage_entered_at = s.entered,
       proposal_sent = coalesce(s.proposed, false), updated_at = now()
     from (select min(occurred_at) filter (where user_id = (select owner_user_id from customers where tenant_id = $1 and id = $2)) as first_at,
                  max(occurred_at) as last_at, bool_or(kind = 'visit') as visited
           from touches where tenant_id = $1 and customer_id = $2) t,
          (select max(changed_at) as entered, bool_or(stage_ends_golden(to_stage)) as proposed
           from stage_changes where tenant_id = $1 and customer_id = $2) s
     where c.tenant_id = $1 and c.id = $2`,
    [tenantId, id, keepLastTouchAt],
  );
}

/** The customer's latest stage change (the stage it is in per its history), if any. */
export async function latestStageChange(q: Queryable, tenantId: string, customerId: string): Promise<{ toStage: string; changedAt: Date } | null> {
  const rows = await q.query<{ to_stage: string; changed_at: Date }>(
    `select to_stage, changed_at from stage_changes where tenant_id = $1 and customer_id = $2
     order by changed_at desc, created_at desc limit 1`,
    [tenantId, customerId],
  );
  return rows[0] ? { toStage: rows[0].to_stage, changedAt: new Date(rows[0].changed_at) } : null;
}

/** Whether anything still points at the customer (it may be deleted only when nothing does). */
export async function hasHistory(q: Queryable, tenantId: string, customerId: string): Promise<boolean> {
  const rows = await q.query(
    `select 1 where exists (select 1 from touches where tenant_id = $1 and customer_id = $2)
       or exists (select 1 from stage_changes where tenant_id = $1 and customer_id = $2)
       or exists (select 1 from stage_prompts where tenant_id = $1 and customer_id = $2)
       or exists (select 1 from battle_reports where tenant_id = $1 and customer_id = $2)
       or exists (select 1 from commitments where tenant_id = $1 and customer_id = $2)
       or exists (select 1 from customer_aliases where tenant_id = $1 and customer_id = $2)`,
    [tenantId, customerId],
  );
  return rows.length > 0;
}

/** Alert log rows of a deleted customer serve nothing. */
export async function dropAlertsOf(q: Queryable, tenantId: string, customerId: string): Promise<void> {
  await q.execute('delete from alerts_sent where tenant_id = $1 and subject_id = $2', [tenantId, customerId]);
}

/**
 * The user's latest touch since `since` that carries a customer (optionally this one). Stage-change touches
 * are skipped: they follow the touch they are evidence of and move with it.
 */
export async function latestCustomerTouchOf(
  q: Queryable,
  tenantId: string,
  userId: string,
  since: Date,
  customerId: string | null,
): Promise<{ id: string; customerId: string; occurredAt: Date } | null> {
  const rows = await q.query<{ id: string; customer_id: string; occurred_at: Date }>(
    `select id, customer_id, occurred_at from touches where tenant_id = $1 and user_id = $2 and customer_id is not null
       and kind <> 'stage_change' and occurred_at >= $3 and ($4::text is null or customer_id = $4)
     order by occurred_at desc, created_at desc limit 1`,
    [tenantId, userId, since, customerId],
  );
  return rows[0] ? { id: rows[0].id, customerId: rows[0].customer_id, occurredAt: new Date(rows[0].occurred_at) } : null;
}

/** Sets the stage its history ends in (null without history): after a stage change moved away. */
export async function setStageFromHistory(q: Queryable, tenantId: string, id: string): Promise<void> {
  await q.execute(
    `update customers c set stage = (select to_stage from stage_changes s where s.tenant_id = $1 and s.customer_id = c.id
       order by s.changed_at desc, s.created_at desc limit 1), updated_at = now()
     where c.tenant_id = $1 and c.id = $2`,
    [tenantId, id],
  );
}
