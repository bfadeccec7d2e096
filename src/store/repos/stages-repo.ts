// Stage cards (prompts) and the stage history they produce.
import type { Queryable } from '../database.js';

export interface StagePrompt {
  taskId: string;
  tenantId: string;
  customerId: string;
  userId: string;
  touchId: string | null;
  suggestedStage: string | null;
  chosenStage: string | null;
}

export interface StageChange {
  id: string;
  customerId: string;
  fromStage: string | null;
  toStage: string;
  userId: string;
  evidenceTouchId: string | null;
  evidenceText: string | null;
  changedAt: Date;
}

export async function insertPrompt(q: Queryable, p: Omit<StagePrompt, 'chosenStage'>): Promise<void> {
  await q.execute(
    `insert into stage_prompts (task_id, tenant_id, customer_id, user_id, touch_id, suggested_stage)
     values ($1, $2, $3, $4, $5, $6)`,
    [p.taskId, p.tenantId, p.customerId, p.userId, p.touchId, p.suggestedStage],
  );
}

export async function getPrompt(q: Queryable, tenantId: string, taskId: string): Promise<StagePrompt | null> {
  const rows = await q.query<{
    task_id: string; tenant_id: string; customer_id: string; user_id: string; touch_id: string | null;
    suggested_stage: string | null; chosen_stage: string | null;
  }>('select * from stage_prompts where tenant_id = $1 and task_id = $2', [tenantId, taskId]);
  const r = rows[0];
  return r
    ? {
        taskId: r.task_id, tenantId: r.tenant_id, customerId: r.customer_id, userId: r.user_id,
        touchId: r.touch_id, suggestedStage: r.suggested_stage, chosenStage: r.chosen_stage,
      }
    : null;
}

/** Resolves a prompt once; returns false when it was already resolved (double or late click). */
export async function resolvePrompt(q: Queryable, tenantId: string, taskId: string, stage: string, at: Date): Promise<boolean> {
  const n = await q.execute(
    `update stage_prompts set chosen_stage = $3, chosen_at = $4
     where tenant_id = $1 and task_id = $2 and chosen_stage is null`,
    [tenantId, taskId, stage, at],
  );
  return n === 1;
}

export async function insertStageChange(
  q: Queryable,
  c: { tenantId: string; customerId: string; fromStage: string | null; toStage: string; userId: string;
       evidenceTouchId: string | null; promptTaskId: string | null; changedAt: Date },
): Promise<void> {
  await q.execute(
    `insert into stage_changes (tenant_id, customer_id, from_stage, to_stage, user_id, evidence_touch_id, prompt_task_id, changed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [c.tenantId, c.customerId, c.fromStage, c.toStage, c.userId, c.evidenceTouchId, c.promptTaskId, c.changedAt],
  );
}

export async function listStageChanges(q: Queryable, tenantId: string, customerId: string): Promise<StageChange[]> {
  const rows = await q.query<{
    id: string; customer_id: string; from_stage: string | null; to_stage: string; user_id: string;
    evidence_touch_id: string | null; text: string | null; changed_at: Date;
  }>(
    `select s.*, t.text from stage_changes s left join touches t on t.id = s.evidence_touch_id
     where s.tenant_id = $1 and s.customer_id = $2 order by s.changed_at, s.created_at`,
    [tenantId, customerId],
  );
  return rows.map((r) => ({
    id: r.id, customerId: r.customer_id, fromStage: r.from_stage, toStage: r.to_stage, userId: r.user_id,
    evidenceTouchId: r.evidence_touch_id, evidenceText: r.text, changedAt: new Date(r.changed_at),
  }));
}
