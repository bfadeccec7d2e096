// Answers to "which customer?": a tap on a recent customer, or a typed name. The waiting touch gets the
// customer and the normal stage prompt follows. A typed answer must look like a name ("怎么用" does not);
// "取消" drops the question.
import type { Understanding } from '../../domain/understanding/understand-message.js';
import type { Queryable } from '../../store/database.js';
import { clearPending, getPending } from '../../store/repos/chat-context-repo.js';
import {
  findOrCreateCustomer, getCustomer, recordTouchTime, type Customer,
} from '../../store/repos/customers-repo.js';
import { assignCustomer, getTouch } from '../../store/repos/touches-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { stagePromptOrAck } from '../stages/stage-prompt.js';

export const CUSTOMER_KEY_PREFIX = 'cus:';

const CANCEL = /^(?:取消|不用了|算了|不记了|不用记了)[。.!！]*$/u;

export async function chooseCustomerByClick(
  tx: Queryable,
  deps: AppDeps,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const customer = await getCustomer(tx, ctx.tenantId, click.actionKey.slice(CUSTOMER_KEY_PREFIX.length));
  if (!customer) return [];
  const replies = await attachPending(tx, deps, ctx, customer);
  if (replies === null) return []; // nothing was waiting: a late or double tap
  const update: Reply[] = click.responseCode
    ? [toUser(ctx.event.senderId, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label: `已选:${customer.name}` })]
    : [];
  return [...update, ...replies];
}

/**
 * Returns replies when the text answered a pending "which customer?", or null when nothing is pending or
 * the text is a new update of its own (it names a customer, or is too long to be a name).
 */
export async function answerPendingByText(
  tx: Queryable, deps: AppDeps, ctx: EventContext, text: string, knownNames: readonly string[], understood: Understanding,
): Promise<Reply[] | null> {
  const pending = await getPending(tx, ctx.tenantId, ctx.event.senderId);
  if (pending?.kind !== 'await_customer') return null;
  const say = (t: string) => [toUser(ctx.event.senderId, { kind: 'text', text: t })];
  if (CANCEL.test(text.trim())) {
    await clearPending(tx, ctx.tenantId, ctx.event.senderId);
    return say(msg.pendingCancelled);
  }
  const name = deps.nlp.typedCustomerName(text, knownNames);
  if (name === null) {
    // A sentence with its own customer or sales words is a new update; anything else was a failed answer.
    const u = understood;
    return u.customer || u.topics.length > 0 || u.stageCue ? null : say(msg.notACustomerName(text.trim().slice(0, 20)));
  }
  const { customer } = await findOrCreateCustomer(tx, {
    tenantId: ctx.tenantId, name, nameKey: deps.nlp.customerKey(name), ownerUserId: ctx.event.senderId, at: ctx.event.sentAt,
    industry: deps.nlp.industryOf(name),
  });
  return (await attachPending(tx, deps, ctx, customer)) ?? null;
}

async function attachPending(tx: Queryable, deps: AppDeps, ctx: EventContext, customer: Customer): Promise<Reply[] | null> {
  const pending = await getPending(tx, ctx.tenantId, ctx.event.senderId);
  if (pending?.kind !== 'await_customer') return null;
  await clearPending(tx, ctx.tenantId, ctx.event.senderId);
  const touch = await getTouch(tx, ctx.tenantId, pending.touchId);
  if (!touch) return null;
  await assignCustomer(tx, ctx.tenantId, touch.id, customer.id);
  await recordTouchTime(tx, ctx.tenantId, customer.id, touch.occurredAt);
  const suggested = touch.text ? deps.nlp.understand(touch.text, [customer.name], touch.occurredAt).suggestedStage : null;
  const follow = await stagePromptOrAck(tx, ctx, customer, { ...touch, customerId: customer.id }, suggested, deps.stages);
  return [toUser(ctx.event.senderId, { kind: 'text', text: msg.customerAttached(customer.name) }), ...follow];
}
