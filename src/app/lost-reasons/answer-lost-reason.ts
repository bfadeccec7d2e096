// The text after a lost-reason tap: the word "其他" asked for, or the optional line of detail. A text that
// names another customer is a new update, not the answer (the question is dropped); "没有" skips. An
// acknowledgement (好的, 不用了) is small talk and gets no reply; the question then lapses on its own.
import { cleanLostNote } from '../../domain/lost-reasons/lost-reasons.js';
import type { Understanding } from '../../domain/understanding/understand-message.js';
import type { Queryable } from '../../store/database.js';
import { clearPending, getPending, setPending } from '../../store/repos/chat-context-repo.js';
import { askHandoffAgain } from '../handoffs/ask-again.js';
import { getLostChange, setLostNote } from '../../store/repos/lost-reasons-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { lostTexts } from './lost-reason-texts.js';

/** The optional detail is taken only right after the tap; the word "其他" asked for, within a day. */
const OPTIONAL_TTL_MS = 15 * 60_000;
const REQUIRED_TTL_MS = 24 * 3_600_000;
const SKIP = /^(?:不用了?|不需要|没有了?|没了|不补充了?|算了|取消|无|跳过)[。.!！~]*$/u;

export async function answerLostReason(tx: Queryable, deps: Pick<AppDeps, 'nlp' | 'config'>, ctx: EventContext, text: string, u: Understanding): Promise<Reply[] | null> {
  const me = ctx.event.senderId;
  const pending = await getPending(tx, ctx.tenantId, me);
  if (pending?.kind !== 'lost_reason') return null;
  const ttl = pending.required ? REQUIRED_TTL_MS : OPTIONAL_TTL_MS;
  const change = await getLostChange(tx, ctx.tenantId, pending.stageChangeId);
  // A known customer or a full organisation name other than the lost one: an update, not the answer.
  const named = u.customer !== null && (u.customer.source === 'known' || u.customer.source === 'organisation') ? u.customer.name : null;
  const namesOther = named !== null && change !== null && deps.nlp.customerKey(named) !== deps.nlp.customerKey(change.customerName);
  // Settled: the hand-off question this one interrupted (if any) is the open one again.
  const settle = async () => {
    if (pending.then) await setPending(tx, ctx.tenantId, me, { ...pending.then, askedAt: ctx.event.sentAt.toISOString() });
    else await clearPending(tx, ctx.tenantId, me);
  };
  if (!change || ctx.event.sentAt.getTime() - Date.parse(pending.askedAt) > ttl || namesOther) {
    await settle();
    return null;
  }
  await settle();
  const again = pending.then ? await askHandoffAgain(tx, deps, ctx.tenantId, me, pending.then) : [];
  const say = (t: string): Reply[] => [toUser(me, { kind: 'text', text: t }), ...again];
  const note = SKIP.test(text.trim()) ? null : cleanLostNote(text);
  if (note === null) return say(pending.required ? lostTexts.otherSkipped : lostTexts.skipped);
  await setLostNote(tx, ctx.tenantId, change.id, note);
  return say(pending.required ? lostTexts.otherSaved(change.customerName, note) : lostTexts.noteSaved(change.customerName));
}
