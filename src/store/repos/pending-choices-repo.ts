// Where cards cannot call back (DingTalk robot messages), a card goes out as numbered text and the
// user's reply picks a button. The last such card per user is remembered here.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export interface PendingChoice {
  taskId: string;
  choices: { key: string; text: string; number: number }[];
  sentAt: Date;
}

export async function savePendingChoice(q: Queryable, tenantId: string, channel: ChannelId, userId: string, c: PendingChoice): Promise<void> {
  await q.execute(
    `insert into pending_choices (tenant_id, channel, user_id, task_id, choices, sent_at) values ($1, $2, $3, $4, $5::jsonb, $6)
     on conflict (tenant_id, channel, user_id) do update set task_id = excluded.task_id, choices = excluded.choices, sent_at = excluded.sent_at`,
    [tenantId, channel, userId, c.taskId, JSON.stringify(c.choices), c.sentAt],
  );
}

/** The user's last numbered card sent at or after `since`. */
export async function findPendingChoice(q: Queryable, tenantId: string, channel: ChannelId, userId: string, since: Date): Promise<PendingChoice | null> {
  const rows = await q.query<{ task_id: string; choices: PendingChoice['choices']; sent_at: Date }>(
    'select task_id, choices, sent_at from pending_choices where tenant_id = $1 and channel = $2 and user_id = $3 and sent_at >= $4',
    [tenantId, channel, userId, since],
  );
  const r = rows[0];
  return r ? { taskId: r.task_id, choices: r.choices, sentAt: new Date(r.sent_at) } : null;
}

/** A card answers once; a later "1" is an ordinary message again. */
export async function clearPendingChoice(q: Queryable, tenantId: string, channel: ChannelId, userId: string, taskId: string): Promise<void> {
  await q.execute('delete from pending_choices where tenant_id = $1 and channel = $2 and user_id = $3 and task_id = $4', [tenantId, channel, userId, taskId]);
}
