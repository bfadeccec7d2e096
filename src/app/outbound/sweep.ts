// Safety net for lost jobs: re-enqueues pending inbox conversations and due outbox rows; also drops
// callback signatures too old to verify. Jobs are
// keyed (stately queues), so re-enqueueing something already queued is a no-op.
import { pendingConversations } from '../../store/repos/inbox-repo.js';
import { dueForSweep } from '../../store/repos/outbox-repo.js';
import { forgetSignaturesBefore } from '../../store/repos/callback-signatures-repo.js';
import type { AppDeps } from '../app-deps.js';

const SIGNATURE_KEEP_MS = 2 * 3_600_000;
/** Rows younger than this still have their own job on the way. */
const GRACE_MS = 10_000;
/** A 'sending' row older than this belonged to a worker that died mid-send. */
const STUCK_MS = 2 * 60_000;

export async function sweep(deps: AppDeps, opts: { includeFresh?: boolean } = {}): Promise<{ conversations: number; outbox: number }> {
  const now = deps.clock.now();
  const cutoff = opts.includeFresh ? now : new Date(now.getTime() - GRACE_MS);
  const conversations = await pendingConversations(deps.db, cutoff);
  for (const conversationKey of conversations) await deps.queue.enqueue('process-inbound', { conversationKey });
  const due = await dueForSweep(deps.db, cutoff, new Date(now.getTime() - STUCK_MS));
  for (const row of due) await deps.queue.enqueue('deliver-outbound', { outboxId: row.id });
  // DingTalk signatures verify for an hour; keep them a little longer, then forget them.
  await forgetSignaturesBefore(deps.db, new Date(now.getTime() - SIGNATURE_KEEP_MS));
  if (conversations.length || due.length) deps.logger.info({ conversations: conversations.length, outbox: due.length }, 'sweep re-enqueued work');
  return { conversations: conversations.length, outbox: due.length };
}
