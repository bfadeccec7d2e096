// Drains one conversation's pending inbox rows in order. Each row's effects (facts + outbox rows + their
// delivery jobs) commit in one transaction with marking the row done, so a crash or retry never applies
// a message twice. Network calls happen before the transaction, never inside it.
import { findIdentity } from '../../store/repos/identities-repo.js';
import { claimNextPending, markDone, recordFailure, type InboxRow } from '../../store/repos/inbox-repo.js';
import { lookUpSender } from '../people/look-up-sender.js';
import { proposeUpdate } from '../updates/propose-update.js';
import type { AppDeps } from '../app-deps.js';
import { msg } from '../messages.js';
import { enqueueReplies, toAccount, toUser } from '../outbound/reply.js';
import type { Prepared } from './event-context.js';
import { handleEvent } from './handle-event.js';
import { rescoreStale } from '../scoring/rescore.js';

/** Rows handled per job run; the rest are picked up by a follow-up job so one chatty user can't starve others. */
const MAX_ROWS_PER_RUN = 50;

export async function processConversation(deps: AppDeps, conversationKey: string): Promise<void> {
  for (let i = 0; i < MAX_ROWS_PER_RUN; i++) {
    const handled = await processNext(deps, conversationKey);
    if (!handled) return;
  }
  await deps.queue.enqueue('process-inbound', { conversationKey });
}


async function processNext(deps: AppDeps, conversationKey: string): Promise<boolean> {
  // Peek (the lock ends with this short transaction), prepare outside, then claim again and apply.
  const peeked = await deps.db.transaction((tx) => claimNextPending(tx, conversationKey));
  if (!peeked) return false;
  const prepared = await prepare(deps, peeked);
  const log = deps.logger.child({ inboxId: peeked.id, type: peeked.event.type });
  try {
    const handled = await deps.db.transaction(async (tx) => {
      const row = await claimNextPending(tx, conversationKey);
      if (!row || row.id !== peeked.id) return row !== null; // another worker got here first; look again
      const replies = await handleEvent(tx, deps, { tenantId: row.tenantId, inboxId: row.id, event: row.event, prepared });
      await rescoreStale(tx, deps, row.tenantId); // lead scores of what this message touched (issue 15)
      const now = deps.clock.now();
      // Replies go at once; anything for someone else waits out the quiet hours (handle-event made the
      // sender a person, whose id may differ from the platform id).
      const person = await findIdentity(tx, row.tenantId, row.event.channel, row.event.senderId);
      // Only the person: their platform id may be another person's id (a DingTalk staffId equal to a
      // WeCom userid), whose pushes must still wait.
      const senderIds = person ? [person.userId] : [row.event.senderId];
      const pushes = { senderIds, notBefore: deps.pushRules.calendar.deliverAt(now) };
      await enqueueReplies(tx, deps.queue, { tenantId: row.tenantId, channel: row.event.channel, idempotencyPrefix: row.id, now, pushes }, replies);
      await markDone(tx, row.id);
      return true;
    });
    log.debug('inbound processed');
    return handled;
  } catch (err) {
    const outcome = await recordFailure(deps.db, peeked.id, errorText(err), deps.config.worker.inboxMaxAttempts);
    log.error({ err, outcome }, 'inbound processing failed');
    if (outcome === 'retry') throw err; // the job retries with backoff; the row stays first in line
    await apologise(deps, peeked);
    return true;
  }
}

/** Looks up what needs the network before the transaction starts. */
async function prepare(deps: AppDeps, row: InboxRow): Promise<Prepared> {
  const [sender, updateProposal] = await Promise.all([lookUpSender(deps, deps.db, row.tenantId, row.event), proposeUpdate(deps, row)]);
  return { newUserName: sender.name, senderKeys: sender.keys, updateProposal };
}

async function apologise(deps: AppDeps, row: InboxRow): Promise<void> {
  const { channel, senderId } = row.event;
  // The failure may have come before the sender had a person: then answer the account itself.
  const person = await findIdentity(deps.db, row.tenantId, channel, senderId);
  const message = { kind: 'text', text: msg.processingFailed } as const;
  await deps.db.transaction((tx) =>
    enqueueReplies(
      tx,
      deps.queue,
      { tenantId: row.tenantId, channel, idempotencyPrefix: `${row.id}:failed`, now: deps.clock.now() },
      [person ? toUser(person.userId, message) : toAccount(channel, senderId, message)],
    ),
  );
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
