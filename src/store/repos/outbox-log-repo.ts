// The outbox as the console reads it: rows with the person a user recipient is (through identities),
// scoped to people and team targets; the reminder breaches a message carried; a dead letter put back.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { OutboundMessage, Recipient } from '../../channels/outbound-message.js';
import type { Queryable } from '../database.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead';

export interface LoggedOutbound {
  id: string;
  channel: ChannelId;
  idempotencyKey: string;
  recipient: Recipient;
  recipientKey: string;
  /** The person a user recipient is (null for groups and robots). */
  personId: string | null;
  personName: string | null;
  /** False for a person who left (no pushes to them any more). */
  personActive: boolean;
  message: OutboundMessage;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
}

/** Whose rows a viewer sees: 'all', or people (person ids) plus team targets ("<channel> <recipient key>"). */
export interface OutboxScope {
  people: 'all' | readonly string[];
  targets: readonly string[];
}

export interface OutboxQuery {
  statuses?: readonly OutboxStatus[];
  /** Only messages of the reminder jobs: rep alerts (`alert:` / `alerts:`) and team digests (`digest:`). */
  alertsOnly?: boolean;
  since?: Date | null;
  limit: number;
}

interface Raw {
  id: string; channel: ChannelId; idempotency_key: string; recipient: Recipient; recipient_key: string; person_id: string | null;
  person_name: string | null; person_active: boolean | null; message: OutboundMessage; status: OutboxStatus; attempts: number; last_error: string | null;
  created_at: Date; next_attempt_at: Date; sent_at: Date | null;
}

const toRow = (r: Raw): LoggedOutbound => ({
  id: r.id, channel: r.channel, idempotencyKey: r.idempotency_key, recipient: r.recipient, recipientKey: r.recipient_key,
  personId: r.person_id, personName: r.person_name, personActive: r.person_active !== false, message: r.message, status: r.status, attempts: r.attempts, lastError: r.last_error,
  createdAt: new Date(r.created_at), nextAttemptAt: new Date(r.next_attempt_at), sentAt: r.sent_at ? new Date(r.sent_at) : null,
});

// A user recipient holds the platform account the row went to; its person is found through identities
// (rows from before identities, or to accounts without a person, keep the id as written).
const SCOPED = `from outbox o
  left join identities i on i.tenant_id = o.tenant_id and i.channel = o.channel and o.recipient->>'kind' = 'user'
    and i.platform_id = o.recipient->>'userId'
  left join lateral (select case when o.recipient->>'kind' = 'user' then coalesce(i.user_id, o.recipient->>'userId') end as person_id) p on true
  left join users u on u.tenant_id = o.tenant_id and u.id = p.person_id
  where o.tenant_id = $1
    and ($2::text[] is null or p.person_id = any($2) or (o.channel || ' ' || o.recipient_key) = any($3::text[]))`;

const ALERT_KEYS = `(o.idempotency_key like 'alert:%' or o.idempotency_key like 'alerts:%' or o.idempotency_key like 'digest:%')
  and o.idempotency_key not like '%:card'`;

const scopeParams = (tenantId: string, s: OutboxScope) => [tenantId, s.people === 'all' ? null : [...s.people], [...s.targets]];

export async function listOutboxLog(q: Queryable, tenantId: string, scope: OutboxScope, f: OutboxQuery): Promise<LoggedOutbound[]> {
  const rows = await q.query<Raw>(
    `select o.id, o.channel, o.idempotency_key, o.recipient, o.recipient_key, p.person_id, u.name as person_name, u.active as person_active, o.message, o.status,
       o.attempts, o.last_error, o.created_at, o.next_attempt_at, o.sent_at
     ${SCOPED}
       and ($4::text[] is null or o.status = any($4)) and ($5::timestamptz is null or o.created_at >= $5)
       and (not $6::boolean or (${ALERT_KEYS}))
     order by o.seq desc limit $7`,
    [...scopeParams(tenantId, scope), f.statuses ? [...f.statuses] : null, f.since ?? null, f.alertsOnly ?? false, f.limit],
  );
  return rows.map(toRow);
}

export async function findOutboxLog(q: Queryable, tenantId: string, scope: OutboxScope, id: string): Promise<LoggedOutbound | null> {
  const rows = await q.query<Raw>(
    `select o.id, o.channel, o.idempotency_key, o.recipient, o.recipient_key, p.person_id, u.name as person_name, u.active as person_active, o.message, o.status,
       o.attempts, o.last_error, o.created_at, o.next_attempt_at, o.sent_at
     ${SCOPED} and o.id = $4`,
    [...scopeParams(tenantId, scope), id],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export async function countOutbox(q: Queryable, tenantId: string, scope: OutboxScope): Promise<{ pending: number; dead: number }> {
  const rows = await q.query<{ pending: number; dead: number }>(
    `select count(*) filter (where o.status in ('pending', 'sending'))::int as pending, count(*) filter (where o.status = 'dead')::int as dead
     ${SCOPED} and o.status <> 'sent'`,
    scopeParams(tenantId, scope),
  );
  return rows[0] ?? { pending: 0, dead: 0 };
}

/**
 * The breaches (alerts_sent rows) each reminder message carried. The reminder job claims its breaches
 * and queues their messages in one transaction, so both rows carry the same transaction time; a rep's
 * list is told apart from other reps' by the subject's owner, a team digest by the owner's team.
 */
export async function alertRulesOf(q: Queryable, tenantId: string, outboxIds: readonly string[]): Promise<Map<string, string[]>> {
  if (!outboxIds.length) return new Map();
  const rows = await q.query<{ id: string; rules: string[] }>(
    `select o.id, array_agg(distinct split_part(a.period_key, ':', 1)) as rules
     from outbox o
     join alerts_sent a on a.tenant_id = o.tenant_id and a.created_at = o.created_at
     left join customers c on c.tenant_id = a.tenant_id and c.id = a.subject_id
     left join commitments k on k.tenant_id = a.tenant_id and k.id = a.subject_id
     left join users w on w.tenant_id = a.tenant_id and w.id = coalesce(c.owner_user_id, k.owner_user_id, a.subject_id)
     where o.tenant_id = $1 and o.id = any($2::text[]) and (
       o.idempotency_key = 'alert:' || a.period_key
       or (split_part(a.period_key, ':', 2) = 'rep' and starts_with(o.idempotency_key, 'alerts:' || w.id || ':'))
       or (split_part(a.period_key, ':', 2) = 'manager_group' and starts_with(o.idempotency_key, 'digest:' || w.team_key || ':')))
     group by o.id`,
    [tenantId, [...outboxIds]],
  );
  return new Map(rows.map((r) => [r.id, r.rules]));
}

/**
 * Puts a dead letter back as a fresh pending row (attempts from zero, due now); false when the row is
 * not dead. The last error stays until a send succeeds, so the page still shows why it failed before.
 */
export async function requeueDead(q: Queryable, tenantId: string, id: string, now: Date): Promise<boolean> {
  const n = await q.execute(
    `update outbox set status = 'pending', attempts = 0, next_attempt_at = $3, claimed_at = null
     where tenant_id = $1 and id = $2 and status = 'dead'`,
    [tenantId, id, now],
  );
  return n > 0;
}
