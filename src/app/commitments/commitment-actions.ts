// Taps on a commitment card: 完成 closes it (idempotent: a second tap says it is already done), 改期 asks
// for the new day, answered in plain words (reschedule-commitment.ts). Only the owner's taps count.
import type { Queryable } from '../../store/database.js';
import { setPending } from '../../store/repos/chat-context-repo.js';
import { closeCommitment, getCommitment, successorOf, type Commitment } from '../../store/repos/commitments-repo.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { isSingleCommitmentCard, parseCommitmentKey } from './commitment-card.js';
import { handedOnTaskDone } from '../handoffs/handoff-done.js';

export async function handleCommitmentAction(
  tx: Queryable,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const parsed = parseCommitmentKey(click.actionKey);
  const me = ctx.event.senderId;
  const tapped = parsed ? await getCommitment(tx, ctx.tenantId, parsed.id) : null;
  if (!parsed || !tapped || tapped.ownerUserId !== me) return [];
  // A card from before a 改期 still works: it acts on the promise that replaced the tapped one.
  const k = await current(tx, ctx.tenantId, tapped);
  const say = (text: string): Reply => toUser(me, { kind: 'text', text });
  if (k.status === 'done') return [say(msg.commitments.alreadyDone(k.description))];
  if (k.status !== 'open') return [say(msg.commitments.alreadyDropped(k.description))];

  if (parsed.action === 'resched') {
    await setPending(tx, ctx.tenantId, me, { kind: 'commitment_reschedule', commitmentId: k.id, askedAt: ctx.event.sentAt.toISOString() });
    return [say(msg.commitments.askNewDate(k.description))];
  }
  const closed = await closeCommitment(tx, { tenantId: ctx.tenantId, id: k.id, status: 'done', at: ctx.event.sentAt, by: me, via: 'tap' });
  if (!closed) return [say(msg.commitments.alreadyDone(k.description))];
  const greyOut: Reply[] = click.responseCode && isSingleCommitmentCard(click.taskId)
    ? [toUser(me, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label: msg.commitments.cardDone })]
    : [];
  // A handed-on task (承诺穿透): the rep who handed it on hears it is done.
  const handedOn = await handedOnTaskDone(tx, { tenantId: ctx.tenantId, task: k, by: me, at: ctx.event.sentAt });
  return [...greyOut, say(msg.commitments.markedDone(k.description)), ...handedOn];
}

/** Follows 改期 links to the commitment that stands now (a short chain; bounded against bad data). */
async function current(tx: Queryable, tenantId: string, k: Commitment): Promise<Commitment> {
  let at = k;
  for (let hops = 0; at.status === 'rescheduled' && hops < 20; hops++) {
    const next = await successorOf(tx, tenantId, at.id);
    if (!next) break;
    at = next;
  }
  return at;
}
