// The outbox: every push the bot makes, delivered by a worker with pacing, retries and dead letters.
import type { ChannelId } from '../../channels/inbound-event.js';
import { recipientKey, type ButtonCard, type OutboundMessage, type Recipient } from '../../channels/outbound-message.js';
import type { Queryable } from '../database.js';
import { lastUsedIdentity } from './identities-repo.js';

export interface OutboxRow {
  id: string;
  tenantId: string;
  channel: ChannelId;
  idempotencyKey: string;
  recipient: Recipient;
  recipientKey: string;
  message: OutboundMessage;
  status: 'pending' | 'sending' | 'sent' | 'dead';
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
}

interface Raw {
  id: string; tenant_id: string; channel: ChannelId; idempotency_key: string; recipient: Recipient;
  recipient_key: string; message: OutboundMessage; status: OutboxRow['status']; attempts: number;
  last_error: string | null; sent_at: Date | null;
}

const toRow = (r: Raw): OutboxRow => ({
  id: r.id, tenantId: r.tenant_id, channel: r.channel, idempotencyKey: r.idempotency_key,
  recipient: r.recipient, recipientKey: r.recipient_key, message: r.message, status: r.status,
  attempts: r.attempts, lastError: r.last_error, sentAt: r.sent_at ? new Date(r.sent_at) : null,
});

export interface NewOutbound {
  tenantId: string;
  /** For a chat or robot; a person goes to the channel they last wrote from (see `addressed`). */
  channel: ChannelId;
  idempotencyKey: string;
  recipient: Recipient;
  message: OutboundMessage;
  /** When it may go out, on the app clock (now for a reply; 08:30 for a push found in quiet hours). */
  notBefore: Date;
  /** The user recipient is already a platform account of `channel`, not a person id. */
  addressed?: boolean;
}

/**
 * Inserts the message; returns its id, or null when the idempotency key exists already or the recipient
 * left the company. A user recipient
 * is a person: the row goes to the account they last wrote from, never to the channel of whoever caused
 * the message (product.md "People and identities"). A person without any account keeps the caller's
 * channel with the id as the platform id (rows seeded before identities existed).
 */
export async function insertOutbound(q: Queryable, input: NewOutbound): Promise<string | null> {
  // Every push is written here, while its recipient is still a person: someone the directory says left
  // (users.active false) gets nothing, exactly as if the message had been sent already.
  if (input.recipient.kind === 'user' && !input.addressed && (await personLeft(q, input.tenantId, input.recipient.userId))) return null;
  const m = await addressed(q, input);
  const rows = await q.query<{ id: string }>(
    `insert into outbox (tenant_id, channel, idempotency_key, recipient, recipient_key, message, next_attempt_at)
     values ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7)
     on conflict (tenant_id, idempotency_key) do nothing returning id`,
    [m.tenantId, m.channel, m.idempotencyKey, JSON.stringify(m.recipient), recipientKey(m.recipient),
     JSON.stringify(m.message), m.notBefore],
  );
  return rows[0]?.id ?? null;
}

async function personLeft(q: Queryable, tenantId: string, userId: string): Promise<boolean> {
  const rows = await q.query('select 1 from users where tenant_id = $1 and id = $2 and not active', [tenantId, userId]);
  return rows.length > 0;
}

async function addressed(q: Queryable, m: NewOutbound): Promise<NewOutbound> {
  if (m.recipient.kind !== 'user' || m.addressed) return m;
  const account = await lastUsedIdentity(q, m.tenantId, m.recipient.userId);
  if (!account) return m;
  return { ...m, channel: account.channel, recipient: { kind: 'user', userId: account.platformId }, addressed: true };
}

/** A pending row's channel and due time, without taking it (the hand-over to the instance that can send it). */
export async function peekPending(q: Queryable, id: string): Promise<{ channel: ChannelId; nextAttemptAt: Date } | null> {
  const rows = await q.query<{ channel: ChannelId; next_attempt_at: Date }>(
    `select channel, next_attempt_at from outbox where id = $1 and status = 'pending'`, [id]);
  return rows[0] ? { channel: rows[0].channel, nextAttemptAt: new Date(rows[0].next_attempt_at) } : null;
}

/** The button card last queued with this task_id on a channel (the WeCom AI bot replaces a clicked card whole). */
export async function findQueuedCard(q: Queryable, tenantId: string, channel: ChannelId, taskId: string): Promise<ButtonCard | null> {
  const rows = await q.query<{ message: OutboundMessage }>(
    `select message from outbox where tenant_id = $1 and channel = $2 and message->>'kind' = 'button_card'
     and message->'card'->>'taskId' = $3 order by seq desc limit 1`,
    [tenantId, channel, taskId],
  );
  const m = rows[0]?.message;
  return m?.kind === 'button_card' ? m.card : null;
}

/** Takes a due pending row for sending; null when it is sent, dead, held by another worker, or backing off. */
export async function claim(q: Queryable, id: string, now: Date): Promise<OutboxRow | null> {
  const rows = await q.query<Raw>(
    `update outbox set status = 'sending', claimed_at = $2
     where id = $1 and status = 'pending' and next_attempt_at <= $2 returning *`,
    [id, now],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export async function markSent(q: Queryable, id: string, now: Date): Promise<void> {
  await q.execute(`update outbox set status = 'sent', sent_at = $2, last_error = null where id = $1`, [id, now]);
}

export async function release(q: Queryable, id: string, nextAttemptAt: Date, error: string | null, countAttempt: boolean): Promise<void> {
  await q.execute(
    `update outbox set status = 'pending', next_attempt_at = $2, last_error = coalesce($3, last_error),
       attempts = attempts + $4, claimed_at = null where id = $1`,
    [id, nextAttemptAt, error?.slice(0, 2000) ?? null, countAttempt ? 1 : 0],
  );
}

export async function markDead(q: Queryable, id: string, reason: string): Promise<void> {
  await q.execute(`update outbox set status = 'dead', last_error = $2, attempts = attempts + 1 where id = $1`, [
    id,
    reason.slice(0, 2000),
  ]);
}

/** Send times to one recipient within the pacing window, oldest first. */
export async function recentSendTimes(q: Queryable, row: OutboxRow, since: Date): Promise<Date[]> {
  const rows = await q.query<{ sent_at: Date }>(
    `select sent_at from outbox where tenant_id = $1 and channel = $2 and recipient_key = $3 and status = 'sent'
     and sent_at >= $4 order by sent_at`,
    [row.tenantId, row.channel, row.recipientKey, since],
  );
  return rows.map((r) => new Date(r.sent_at));
}

/** Rows whose delivery job may have been lost: due pending rows, and rows stuck in 'sending'. */
export async function dueForSweep(q: Queryable, now: Date, stuckBefore: Date, limit = 500): Promise<{ id: string; nextAttemptAt: Date }[]> {
  await q.execute(
    `update outbox set status = 'pending', claimed_at = null where status = 'sending' and claimed_at < $1`,
    [stuckBefore],
  );
  const rows = await q.query<{ id: string; next_attempt_at: Date }>(
    `select id, next_attempt_at from outbox where status = 'pending' and next_attempt_at <= $1 order by seq limit $2`,
    [now, limit],
  );
  return rows.map((r) => ({ id: r.id, nextAttemptAt: new Date(r.next_attempt_at) }));
}

export async function listOutbox(q: Queryable, tenantId: string, limit = 100): Promise<OutboxRow[]> {
  const rows = await q.query<Raw>('select * from outbox where tenant_id = $1 order by seq desc limit $2', [tenantId, limit]);
  return rows.map(toRow);
}
