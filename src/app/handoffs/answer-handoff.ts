// The rep's typed answers to a hand-off's questions, one field at a time: each answer is stored and the next
// missing field asked; after the last the commitment goes to the handler. "取消" keeps the promise the
// rep's; a sales update about another customer sent instead is handled as one and the question stays.
import type { KindRule } from '../../domain/handoffs/handoff-rules.js';
import { isCancelAnswer, readFieldAnswer } from '../../domain/handoffs/read-answer.js';
import type { Understanding } from '../../domain/understanding/understand-message.js';
import type { Queryable } from '../../store/database.js';
import { clearPending, getPending, setPending } from '../../store/repos/chat-context-repo.js';
import { getCommitment, type Commitment } from '../../store/repos/commitments-repo.js';
import { closeCollecting, getHandoff, handlerFor, saveHandoffFields, type Handoff } from '../../store/repos/handoffs-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { deliverHandoff, noHandlerNotices } from './deliver-handoff.js';
import { handoffRulesOf } from './handoff-rules-of.js';
import { handoffTexts as t } from './handoff-texts.js';

/** A question left unanswered this long is dropped: the promise stays the rep's. */
const PENDING_TTL_MS = 24 * 3_600_000;

/** Replies when the text answered a pending hand-off question, or null when none is pending (or it is an update). */
export async function answerHandoffQuestion(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string, u: Understanding): Promise<Reply[] | null> {
  const { tenantId } = ctx;
  const me = ctx.event.senderId;
  const pending = await getPending(tx, tenantId, me);
  if (pending?.kind !== 'handoff_field') return null;
  const at = ctx.event.sentAt;
  const h = await getHandoff(tx, tenantId, pending.handoffId);
  const rules = handoffRulesOf(deps);
  const kind = rules.kinds.find((k) => k.id === h?.kind);
  const field = rules.fields.get(pending.field);
  const k = h ? await getCommitment(tx, tenantId, h.commitmentId) : null;
  if (!h || h.status !== 'collecting' || !kind || !field || !k || k.status !== 'open') {
    await clearPending(tx, tenantId, me);
    return null;
  }
  if (at.getTime() - Date.parse(pending.askedAt) > PENDING_TTL_MS) {
    await closeCollecting(tx, tenantId, h.id, 'expired');
    await clearPending(tx, tenantId, me);
    return null;
  }
  const say = (s: string): Reply[] => [toUser(me, { kind: 'text', text: s })];
  if (isCancelAnswer(text)) {
    await closeCollecting(tx, tenantId, h.id, 'cancelled');
    await clearPending(tx, tenantId, me);
    return say(t.cancelled(k.description));
  }
  if (isAnotherUpdate(u, k.customerName)) return null;

  const answer = readFieldAnswer(text, field, (s) => deps.commitmentRules.readNewDueDate(s, at));
  if (answer.kind === 'retry') {
    // "没听出是哪天" to a sales update sent instead: handle the update, keep the question.
    if (answer.problem === 'no_date' && u.intent.kind === 'update') return null;
    return say(t.retry(answer.problem, field.label, field.question));
  }
  const fields = { ...h.fields, [field.id]: answer.value };
  const next = kind.fields.find((id) => !fields[id]);
  if (next) {
    const f = rules.fields.get(next)!;
    await saveHandoffFields(tx, tenantId, h.id, fields);
    await setPending(tx, tenantId, me, { kind: 'handoff_field', handoffId: h.id, field: f.id, askedAt: at.toISOString() });
    return say(t.nextQuestion(f.label, f.question));
  }
  await clearPending(tx, tenantId, me);
  return handOn(tx, deps, { tenantId, h, kind, commitment: k, fields, at });
}

/** The handler is read again: the team's handler may have changed while the rep was answering. */
async function handOn(tx: Queryable, deps: AppDeps, c: { tenantId: string; h: Handoff; kind: KindRule; commitment: Commitment; fields: Record<string, string>; at: Date }): Promise<Reply[]> {
  const rules = handoffRulesOf(deps);
  const { tenantId, h, kind } = c;
  const commitment = { id: c.commitment.id, description: c.commitment.description, dueDate: c.commitment.dueDate, customerId: c.commitment.customerId, customerName: c.commitment.customerName };
  const handler = h.teamKey ? await handlerFor(tx, tenantId, h.teamKey, h.role) : null;
  if (!handler || handler.userId === h.repUserId || !h.teamKey) {
    await closeCollecting(tx, tenantId, h.id, 'no_handler');
    return h.teamKey && !handler ? noHandlerNotices(tx, rules, { tenantId, repUserId: h.repUserId, teamKey: h.teamKey, kind, commitment }) : [];
  }
  return deliverHandoff(tx, rules, { tenantId, handoffId: h.id, repUserId: h.repUserId, kind, commitment, fields: c.fields, at: c.at }, handler);
}

/** A sales update naming another customer is not an answer about this one's commitment. */
function isAnotherUpdate(u: Understanding, customer: string | null): boolean {
  return (u.intent.kind === 'update' || u.intent.kind === 'correction') && u.customer !== null && u.customer.name !== customer;
}
