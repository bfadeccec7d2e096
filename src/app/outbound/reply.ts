// A message the use cases want sent; turned into outbox rows by whoever commits the transaction.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { OutboundMessage, Recipient } from '../../channels/outbound-message.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Queryable } from '../../store/database.js';
import { insertOutbound } from '../../store/repos/outbox-repo.js';

export interface Reply {
  recipient: Recipient;
  message: OutboundMessage;
}

export const toUser = (userId: string, message: OutboundMessage): Reply => ({ recipient: { kind: 'user', userId }, message });

/** Writes replies to the outbox and enqueues their delivery inside the caller's transaction. */
export async function enqueueReplies(
  tx: Queryable,
  queue: JobQueue,
  base: { tenantId: string; channel: ChannelId; idempotencyPrefix: string; now: Date },
  replies: readonly Reply[],
): Promise<void> {
  for (const [i, r] of replies.entries()) {
    const id = await insertOutbound(tx, {
      tenantId: base.tenantId,
      channel: base.channel,
      idempotencyKey: `${base.idempotencyPrefix}:${i}`,
      recipient: r.recipient,
      message: r.message,
      notBefore: base.now,
    });
    if (id) await queue.enqueue('deliver-outbound', { outboxId: id }, { tx });
  }
}
