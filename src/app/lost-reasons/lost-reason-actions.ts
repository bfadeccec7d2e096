// A tap on the lost-reason card stores the reason once (a double tap, or a tap on an old card, says what
// was recorded); "其他" then asks for a word, the other reasons take an optional line of detail. Only the
// one who was asked may answer.
import type { Queryable } from '../../store/database.js';
import { getPending, setPending } from '../../store/repos/chat-context-repo.js';
import { askHandoffAgain } from '../handoffs/ask-again.js';
import { getLostChange, setLostReason } from '../../store/repos/lost-reasons-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { parseLostKey } from './lost-reason-card.js';
import { LOST_REASON_LABELS, lostTexts } from './lost-reason-texts.js';
import { reasonText } from './reason-label.js';


export async function handleLostReasonClick(
  tx: Queryable,
  deps: Pick<AppDeps, 'config'>,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const parsed = parseLostKey(click.actionKey);
  const me = ctx.event.senderId;
  const change = parsed ? await getLostChange(tx, ctx.tenantId, parsed.stageChangeId) : null;
  if (!parsed || !change || change.userId !== me) return [];
  const say = (text: string): Reply => toUser(me, { kind: 'text', text });
  if (!(await setLostReason(tx, ctx.tenantId, change.id, parsed.reason, me, ctx.event.sentAt))) {
    return [say(lostTexts.already(change.customerName, reasonText(change.reason, change.note)))];
  }
  const label = LOST_REASON_LABELS[parsed.reason];
  const required = parsed.reason === 'other';
  const greyOut: Reply[] = click.responseCode
    ? [toUser(me, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label: lostTexts.cardChosen(label) })]
    : [];
  // The same report may have asked a hand-off question (承诺穿透) that is still open: the rep's next text
  // answers that, so no optional detail is invited; "其他" asks its word first and then the question again.
  const open = await getPending(tx, ctx.tenantId, me);
  const handoff = open?.kind === 'handoff_field' ? open : undefined;
  if (handoff && !required) return [...greyOut, say(lostTexts.savedDuringQuestion(change.customerName, label)), ...(await askHandoffAgain(tx, deps, ctx.tenantId, me, handoff))];
  await setPending(tx, ctx.tenantId, me, { kind: 'lost_reason', stageChangeId: change.id, required, askedAt: ctx.event.sentAt.toISOString(), ...(handoff ? { then: handoff } : {}) });
  return [...greyOut, say(required ? lostTexts.askOther(change.customerName) : lostTexts.saved(change.customerName, label))];
}
