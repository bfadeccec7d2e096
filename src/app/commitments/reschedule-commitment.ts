// The answer to "改到哪天?" after 改期: a day in plain words ("改到下周三", "下周五", "12月20日") moves the
// promise (the old row becomes 'rescheduled', a new open row carries the new date and text); "不做了"
// drops it; "取消" keeps it as it was. Dates follow the report date rules (docs/product.md "Dates").
import { monthDay } from '../../domain/commitments/due-text.js';
import type { Understanding } from '../../domain/understanding/understand-message.js';
import type { Queryable } from '../../store/database.js';
import { clearPending, getPending } from '../../store/repos/chat-context-repo.js';
import { closeCommitment, getCommitment, insertCommitment } from '../../store/repos/commitments-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { handedOnTaskMoved } from '../handoffs/handoff-done.js';

const CANCEL = /^(?:取消|不改了|算了|不用改了|先不改)[。.!！]*$/u;
/** A question left unanswered this long is forgotten: tomorrow's "下周三" is about something else. */
const PENDING_TTL_MS = 24 * 3_600_000;

/** Replies when the text answered a pending 改期, or null when none is pending or the text is an update. */
export async function answerReschedule(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string, u: Understanding): Promise<Reply[] | null> {
  const me = ctx.event.senderId;
  const pending = await getPending(tx, ctx.tenantId, me);
  if (pending?.kind !== 'commitment_reschedule') return null;
  const at = ctx.event.sentAt;
  if (at.getTime() - Date.parse(pending.askedAt) > PENDING_TTL_MS) {
    await clearPending(tx, ctx.tenantId, me);
    return null;
  }
  const say = (t: string): Reply[] => [toUser(me, { kind: 'text', text: t })];
  const k = await getCommitment(tx, ctx.tenantId, pending.commitmentId);
  const answer = deps.commitmentRules.readNewDueDate(text, at);
  const settle = async (reply: string) => {
    await clearPending(tx, ctx.tenantId, me);
    return say(reply);
  };
  if (!k || k.status !== 'open') return settle(k?.status === 'done' ? msg.commitments.alreadyDone(k.description) : msg.commitments.rescheduleCancelled);
  if (CANCEL.test(text.trim())) return settle(msg.commitments.rescheduleCancelled);
  // A handed-on task: the rep who handed it on hears what the handler did with it.
  const tellRep = (due: string | null) => handedOnTaskMoved(tx, { tenantId: ctx.tenantId, task: k, by: me, due });
  if (deps.commitmentRules.isDropAnswer(text)) {
    await closeCommitment(tx, { tenantId: ctx.tenantId, id: k.id, status: 'dropped', at, by: me, via: 'drop' });
    return [...(await settle(msg.commitments.dropped(k.description))), ...(await tellRep(null))];
  }
  switch (answer.kind) {
    case 'date': {
      const description = deps.commitmentRules.rescheduledText(k.description, answer.due);
      if (!(await closeCommitment(tx, { tenantId: ctx.tenantId, id: k.id, status: 'rescheduled', at, by: me, via: 'reschedule' }))) {
        return settle(msg.commitments.rescheduleCancelled);
      }
      await insertCommitment(tx, {
        tenantId: ctx.tenantId, reportId: null, customerId: k.customerId, ownerUserId: k.ownerUserId, description, dueDate: answer.due, rescheduledFromId: k.id,
      });
      return [...(await settle(msg.commitments.rescheduled(description, monthDay(answer.due)))), ...(await tellRep(answer.due))];
    }
    case 'vague':
      return say(msg.commitments.vagueDate);
    case 'past':
      return say(msg.commitments.pastDate);
    case 'none':
      // A sales update sent instead of an answer is handled as one; the question is dropped.
      if (u.intent.kind === 'update' || u.intent.kind === 'correction') {
        await clearPending(tx, ctx.tenantId, me);
        return null;
      }
      return say(msg.commitments.notADate);
  }
}
