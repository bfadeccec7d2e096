// A message the use cases want sent; turned into outbox rows by whoever commits the transaction.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { OutboundMessage, Recipient } from '../../channels/outbound-message.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { Queryable } from '../../store/database.js';
import { insertOutbound } from '../../store/repos/outbox-repo.js';

export interface Reply {
  /** A user recipient names a person; the outbox sends to the account they last wrote from. */
  recipient: Recipient;
  message: OutboundMessage;
  /** Outbox key of a message that goes at most once whoever triggers it (撞单 per customer, day and reader). */
  key?: string;
  /** Set when `recipient` is a platform account of this channel, not a person (see toAccount). */
  account?: ChannelId;
}

export const toUser = (userId: string, message: OutboundMessage): Reply => ({ recipient: { kind: 'user', userId }, message });

/** To a platform account that may have no person yet (the apology for a message that failed early). */
export const toAccount = (channel: ChannelId, platformId: string, message: OutboundMessage): Reply => ({
  recipient: { kind: 'user', userId: platformId }, message, account: channel,
});

/** Writes replies to the outbox and enqueues their delivery inside the caller's transaction. */
export async function enqueueReplies(
  tx: Queryable,
  queue: JobQueue,
  base: {
    tenantId: string; channel: ChannelId; idempotencyPrefix: string; now: Date;
    /**
     * Messages to anyone but the sender (their person id or platform id) are pushes, not replies (a rating
     * card to the manager, "主管给你打了★★★" to the rep): they wait until `notBefore` (08:30 during quiet
     * hours, docs/product.md "Rules").
     */
    pushes?: { senderIds: readonly string[]; notBefore: Date };
  },
  replies: readonly Reply[],
): Promise<void> {
  for (const [i, r] of replies.entries()) {
    const notBefore = base.pushes && isPush(r, base.pushes.senderIds) ? base.pushes.notBefore : base.now;
    const id = await insertOutbound(tx, {
      tenantId: base.tenantId,
      channel: r.account ?? base.channel,
      addressed: r.account !== undefined,
      idempotencyKey: r.key ?? `${base.idempotencyPrefix}:${i}`,
      recipient: r.recipient,
      message: r.message,
      notBefore,
    });
    if (id) await queue.enqueue('deliver-outbound', { outboxId: id }, { tx, startAfter: notBefore > base.now ? notBefore : undefined });
  }
}

/** A reply answers the person whose message is being handled; anything to someone else is a push. */
function isPush(r: Reply, senderIds: readonly string[]): boolean {
  return !(r.recipient.kind === 'user' && senderIds.includes(r.recipient.userId));
}
