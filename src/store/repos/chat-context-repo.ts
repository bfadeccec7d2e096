// What the bot is waiting for from a user, e.g. which customer a touch belongs to.
import type { Queryable } from '../database.js';

export type PendingContext =
  | { kind: 'await_customer'; touchId: string; askedAt: string }
  /** The bot asked "下一步具体做什么、哪天?" or the rep tapped 修改 on a report card. */
  | { kind: 'report_followup' | 'report_edit'; draftId: string; askedAt: string }
  /** The rep tapped 改期 on a commitment: the next text names the new day ("改到下周三"). */
  | { kind: 'commitment_reschedule'; commitmentId: string; askedAt: string }
  /**
   * A lost reason was tapped: the next text is its note ("其他" asks for one, the others take it if given).
   * `then`: the hand-off question it interrupted, asked again once this one is settled.
   */
  | { kind: 'lost_reason'; stageChangeId: string; required: boolean; askedAt: string; then?: HandoffFieldPending }
  /** A commitment to hand on (承诺穿透) lacks a field: the next text answers it ("下周一", "2台"; "取消"). */
  | HandoffFieldPending;

export interface HandoffFieldPending {
  kind: 'handoff_field';
  handoffId: string;
  field: string;
  askedAt: string;
}

export async function getPending(q: Queryable, tenantId: string, userId: string): Promise<PendingContext | null> {
  const rows = await q.query<{ pending: PendingContext }>(
    'select pending from chat_contexts where tenant_id = $1 and user_id = $2',
    [tenantId, userId],
  );
  return rows[0]?.pending ?? null;
}

export async function setPending(q: Queryable, tenantId: string, userId: string, pending: PendingContext): Promise<void> {
  await q.execute(
    `insert into chat_contexts (tenant_id, user_id, pending, updated_at) values ($1, $2, $3::jsonb, now())
     on conflict (tenant_id, user_id) do update set pending = excluded.pending, updated_at = now()`,
    [tenantId, userId, JSON.stringify(pending)],
  );
}

export async function clearPending(q: Queryable, tenantId: string, userId: string): Promise<void> {
  await q.execute('delete from chat_contexts where tenant_id = $1 and user_id = $2', [tenantId, userId]);
}
