// "客户是X" / "不是A是B" after the bot got the customer wrong: fixes the rep's open report draft or moves
// the rep's latest touch (last 24 h) to the right customer, whichever came last.
import type { CustomerCorrection } from '../../domain/customers/customer-correction.js';
import type { Queryable } from '../../store/database.js';
import { latestCustomerTouchOf } from '../../store/repos/customer-history-repo.js';
import { getCustomer, type Customer } from '../../store/repos/customers-repo.js';
import { latestOpenDraftOf, reviseDraft, type ReportDraft } from '../../store/repos/report-drafts-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { cardFor } from '../reports/draft-flow.js';
import { customerNamed } from './customer-access.js';
import { moveTouchToCustomer } from './move-touch-customer.js';

/** How far back "刚才那条" reaches. */
export const CORRECTION_WINDOW_MS = 24 * 3_600_000;

/**
 * Returns the replies. Returns [] — "not a customer correction, handle the text as an update" — when the
 * rep names a wrong customer (不是A是B) that is neither a customer nor the open draft's: "不是价格,是交期"
 * reads like a correction but is an ordinary note.
 */
export async function correctCustomer(tx: Queryable, deps: AppDeps, ctx: EventContext, correction: CustomerCorrection): Promise<Reply[]> {
  const { tenantId, event } = ctx;
  const userId = event.senderId;
  const say = (text: string): Reply[] => [toUser(userId, { kind: 'text', text })];
  const since = new Date(event.sentAt.getTime() - CORRECTION_WINDOW_MS);
  const key = deps.nlp.customerKey;
  const wrong = correction.oldName ? await customerNamed(tx, deps, tenantId, correction.oldName, event.sentAt) : null;

  const open = await latestOpenDraftOf(tx, tenantId, userId, since);
  const draft = open && draftMatches(open, correction, wrong, key) ? open : null;
  const touch = await latestCustomerTouchOf(tx, tenantId, userId, since, wrong?.id ?? null);
  if (correction.oldName && !wrong && !draft) return [];

  if (draft && (!touch || draft.recordedAt >= touch.occurredAt)) return fixDraft(tx, deps, draft, correction.newName);
  if (!touch) return say(correction.oldName ? msg.customers.nothingOf(correction.oldName) : msg.customers.nothingToCorrect);
  const from = (await getCustomer(tx, tenantId, touch.customerId))!;
  const moved = await moveTouchToCustomer(tx, deps, ctx, touch, from, correction.newName);
  if (moved.kind === 'unchanged') return say(msg.customers.alreadyOn(from.name));
  return say(msg.customers.touchMoved(from.name, moved.into.name));
}

function draftMatches(draft: ReportDraft, c: CustomerCorrection, wrong: Customer | null, key: (name: string) => string): boolean {
  if (!c.oldName) return true;
  const said = draft.report.customer;
  if (!said) return false;
  return key(said) === key(c.oldName) || (wrong !== null && (key(said) === wrong.nameKey || said === wrong.name));
}

/** The draft is not stored as a customer yet: its customer field is simply what 确认 will file it under. */
async function fixDraft(tx: Queryable, deps: AppDeps, draft: ReportDraft, newName: string): Promise<Reply[]> {
  const say = (text: string) => toUser(draft.userId, { kind: 'text', text });
  if (draft.report.customer && deps.nlp.customerKey(draft.report.customer) === deps.nlp.customerKey(newName)) {
    return [say(msg.customers.alreadyOn(draft.report.customer))];
  }
  // The status is kept: a draft still waiting for "下一步…哪天?" keeps waiting for that answer.
  const revised = await reviseDraft(tx, draft.id, { ...draft.report, customer: newName }, draft.status);
  if (!revised) return [say(msg.customers.nothingToCorrect)];
  const text = say(msg.customers.draftFixed(newName));
  return revised.status === 'awaiting_confirm' ? [text, cardFor(deps, revised)] : [text, say(msg.report.followUp)];
}
