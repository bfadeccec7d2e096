// The durable inbox: accepted platform messages, deduplicated by a unique key, processed in order
// per conversation.
import type { InboundEvent } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export interface InboxRow {
  id: string;
  tenantId: string;
  channel: string;
  dedupeKey: string;
  conversationKey: string;
  event: InboundEvent;
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  receivedAt: Date;
}

interface Raw {
  id: string; tenant_id: string; channel: string; dedupe_key: string; conversation_key: string;
  event: InboundEvent & { sentAt: string }; status: InboxRow['status']; attempts: number; received_at: Date;
}

const toRow = (r: Raw): InboxRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  channel: r.channel,
  dedupeKey: r.dedupe_key,
  conversationKey: r.conversation_key,
  event: { ...r.event, sentAt: new Date(r.event.sentAt) },
  status: r.status,
  attempts: r.attempts,
  receivedAt: new Date(r.received_at),
});

/** Inserts the event; returns the new row id, or null when this dedupe key was already accepted. */
export async function insertInbox(q: Queryable, tenantId: string, event: InboundEvent, receivedAt: Date): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    `insert into inbox (tenant_id, channel, dedupe_key, conversation_key, event, received_at) values ($1, $2, $3, $4, $5::jsonb, $6)
     on conflict (tenant_id, channel, dedupe_key) do nothing returning id`,
    [tenantId, event.channel, event.dedupeKey, event.conversationKey, JSON.stringify(event), receivedAt],
  );
  return rows[0]?.id ?? null;
}

/** Locks the oldest pending row of a conversation (skipping rows another worker holds). */
export async function claimNextPending(q: Queryable, conversationKey: string): Promise<InboxRow | null> {
  const rows = await q.query<Raw>(
    `select * from inbox where conversation_key = $1 and status = 'pending'
     order by seq limit 1 for update skip locked`,
    [conversationKey],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export async function markDone(q: Queryable, id: string): Promise<void> {
  await q.execute(`update inbox set status = 'done', processed_at = now() where id = $1`, [id]);
}

/** Records a failed attempt; parks the row as failed once attempts reach the limit. */
export async function recordFailure(q: Queryable, id: string, error: string, maxAttempts: number): Promise<'retry' | 'failed'> {
  const rows = await q.query<{ status: string }>(
    `update inbox set attempts = attempts + 1, last_error = $2,
       status = case when attempts + 1 >= $3 then 'failed' else status end,
       processed_at = case when attempts + 1 >= $3 then now() else processed_at end
     where id = $1 returning status`,
    [id, error.slice(0, 2000), maxAttempts],
  );
  return rows[0]?.status === 'failed' ? 'failed' : 'retry';
}

/** Conversations with pending rows received before `olderThan` (their job may have been lost). */
export async function pendingConversations(q: Queryable, olderThan: Date, limit = 500): Promise<string[]> {
  const rows = await q.query<{ conversation_key: string }>(
    `select distinct conversation_key from inbox where status = 'pending' and received_at <= $1 limit $2`,
    [olderThan, limit],
  );
  return rows.map((r) => r.conversation_key);
}

export async function getInbox(q: Queryable, id: string): Promise<InboxRow | null> {
  const rows = await q.query<Raw>('select * from inbox where id = $1', [id]);
  return rows[0] ? toRow(rows[0]) : null;
}
