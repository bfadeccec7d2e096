// Lost reasons on the stage change that lost the deal (migration 0019): which change a card asks about,
// the reason and note the rep gives (first answer wins), and the reasons of the deals lost now (漏斗).
import type { Queryable } from '../database.js';

export interface LostChange {
  id: string;
  customerId: string;
  customerName: string;
  /** Who moved the deal to lost (and is asked why). */
  userId: string;
  reason: string | null;
  note: string | null;
}

/** The change a stage card's tap made, when it moved the deal into `lostStage`. */
export async function lostChangeOfPrompt(q: Queryable, tenantId: string, promptTaskId: string, lostStage: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    'select id from stage_changes where tenant_id = $1 and prompt_task_id = $2 and to_stage = $3',
    [tenantId, promptTaskId, lostStage],
  );
  return rows[0]?.id ?? null;
}

/** The change a confirmed report made (its touch is the evidence), when it moved the deal into `lostStage`. */
export async function lostChangeOfReport(q: Queryable, tenantId: string, reportId: string, lostStage: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    `select s.id from stage_changes s join battle_reports b on b.touch_id = s.evidence_touch_id and b.tenant_id = s.tenant_id
     where s.tenant_id = $1 and b.id = $2 and s.to_stage = $3 order by s.changed_at desc limit 1`,
    [tenantId, reportId, lostStage],
  );
  return rows[0]?.id ?? null;
}

export async function getLostChange(q: Queryable, tenantId: string, id: string): Promise<LostChange | null> {
  const rows = await q.query<{ id: string; customer_id: string; name: string; user_id: string; lost_reason: string | null; lost_note: string | null }>(
    `select s.id, s.customer_id, c.name, s.user_id, s.lost_reason, s.lost_note
     from stage_changes s join customers c on c.id = s.customer_id and c.tenant_id = s.tenant_id
     where s.tenant_id = $1 and s.id = $2`,
    [tenantId, id],
  );
  const r = rows[0];
  return r ? { id: r.id, customerId: r.customer_id, customerName: r.name, userId: r.user_id, reason: r.lost_reason, note: r.lost_note } : null;
}

/** Stores the reason once; false when one was already given (a double tap, a second card). */
export async function setLostReason(q: Queryable, tenantId: string, id: string, reason: string, by: string, at: Date): Promise<boolean> {
  const n = await q.execute(
    `update stage_changes set lost_reason = $3, lost_reason_by = $4, lost_reason_at = $5
     where tenant_id = $1 and id = $2 and lost_reason is null`,
    [tenantId, id, reason, by, at],
  );
  return n === 1;
}

export async function setLostNote(q: Queryable, tenantId: string, id: string, note: string): Promise<void> {
  await q.execute('update stage_changes set lost_note = $3 where tenant_id = $1 and id = $2', [tenantId, id, note]);
}

/** For each of the owners' customers lost now: the reason of its latest loss (null: not given). */
export async function currentLostReasons(q: Queryable, tenantId: string, owners: readonly string[], lostStage: string): Promise<(string | null)[]> {
  const rows = await q.query<{ reason: string | null }>(
    `select (select s.lost_reason from stage_changes s where s.tenant_id = c.tenant_id and s.customer_id = c.id and s.to_stage = $3
             order by s.changed_at desc, s.created_at desc limit 1) as reason
     from customers c where c.tenant_id = $1 and c.owner_user_id = any($2::text[]) and c.stage = $3`,
    [tenantId, [...owners], lostStage],
  );
  return rows.map((r) => r.reason);
}
