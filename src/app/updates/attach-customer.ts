// Answers to "which customer?": a tap on a recent customer, or a typed name. The waiting touch gets the
// customer and the normal stage prompt follows.
import type { Queryable } from '../../store/database.js';
import { clearPending, getPending } from '../../store/repos/chat-context-repo.js';
import {
  findOrCreateCustomer, getCustomer, listCustomerNames, recordTouchTime, type Customer,
} from '../../store/repos/customers-repo.js';
import { assignCustomer, getTouch } from '../../store/repos/touches-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { stagePromptOrAck } from '../stages/stage-prompt.js';

export const CUSTOMER_KEY_PREFIX = 'cus:';

/** A typed answer is short and carries no topics of its own; anything else is a new update. */
const MAX_TYPED_NAME_CHARS = 20;

export async function chooseCustomerByClick(
  tx: Queryable,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const customer = await getCustomer(tx, ctx.tenantId, click.actionKey.slice(CUSTOMER_KEY_PREFIX.length));
  if (!customer) return [];
  const replies = await attachPending(tx, ctx, customer);
  if (replies === null) return []; // nothing was waiting: a late or double tap
  const update: Reply[] = click.responseCode
    ? [toUser(ctx.event.senderId, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label: `已选:${customer.name}` })]
    : [];
  return [...update, ...replies];
}

/** Returns replies when the text answered a pending question, or null when it is a normal update. */
export async function answerPendingByText(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string): Promise<Reply[] | null> {
  const pending = await getPending(tx, ctx.tenantId, ctx.event.senderId);
  if (pending?.kind !== 'await_customer') return null;
  const trimmed = text.trim().replace(/[。.!！]+$/, '');
  const named = deps.nlp.recognizeCustomer(trimmed, await listCustomerNames(tx, ctx.tenantId), ctx.event.sentAt);
  const looksLikeName = trimmed.length > 0 && trimmed.length <= MAX_TYPED_NAME_CHARS && deps.nlp.detectTopics(trimmed).length === 0;
  if (!looksLikeName) return null;
  const name = named ?? trimmed;
  const { customer } = await findOrCreateCustomer(tx, {
    tenantId: ctx.tenantId, name, nameKey: deps.nlp.customerKey(name), ownerUserId: ctx.event.senderId, at: ctx.event.sentAt,
  });
  return (await attachPending(tx, ctx, customer)) ?? null;
}

async function attachPending(tx: Queryable, ctx: EventContext, customer: Customer): Promise<Reply[] | null> {
  const pending = await getPending(tx, ctx.tenantId, ctx.event.senderId);
  if (pending?.kind !== 'await_customer') return null;
  await clearPending(tx, ctx.tenantId, ctx.event.senderId);
  const touch = await getTouch(tx, ctx.tenantId, pending.touchId);
  if (!touch) return null;
  await assignCustomer(tx, ctx.tenantId, touch.id, customer.id);
  await recordTouchTime(tx, ctx.tenantId, customer.id, touch.occurredAt);
  const follow = await stagePromptOrAck(tx, ctx, customer, { ...touch, customerId: customer.id });
  return [toUser(ctx.event.senderId, { kind: 'text', text: msg.customerAttached(customer.name) }), ...follow];
}
