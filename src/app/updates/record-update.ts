// A rep's text update: recognise the customer and topics, store a touch, then ask for the stage or
// acknowledge. Customer resolution: named in the text → the rep's customer from the last 30 minutes →
// ask which customer.
import type { Queryable } from '../../store/database.js';
import { setPending } from '../../store/repos/chat-context-repo.js';
import {
  findOrCreateCustomer, getCustomer, listCustomerNames, recordTouchTime, type Customer,
} from '../../store/repos/customers-repo.js';
import { insertTouch, recentCustomerOf, recentCustomersOf, type Touch } from '../../store/repos/touches-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { stagePromptOrAck } from '../stages/stage-prompt.js';

const RECENT_CHOICES = 5;

export async function recordUpdate(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string): Promise<Reply[]> {
  const { tenantId, event } = ctx;
  const topics = deps.nlp.detectTopics(text);
  const customer = await resolveCustomer(tx, deps, ctx, text);
  const touch = await insertTouch(tx, {
    tenantId, customerId: customer?.id ?? null, userId: event.senderId, kind: 'chat', text, topics,
    inboxId: ctx.inboxId, occurredAt: event.sentAt,
  });
  if (!customer) return askWhichCustomer(tx, ctx, touch);
  await recordTouchTime(tx, tenantId, customer.id, event.sentAt);
  return stagePromptOrAck(tx, ctx, customer, touch);
}

async function resolveCustomer(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string): Promise<Customer | null> {
  const { tenantId, event } = ctx;
  const name = deps.nlp.recognizeCustomer(text, await listCustomerNames(tx, tenantId), event.sentAt);
  if (name) {
    const { customer } = await findOrCreateCustomer(tx, {
      tenantId, name, nameKey: deps.nlp.customerKey(name), ownerUserId: event.senderId, at: event.sentAt,
    });
    return customer;
  }
  const since = new Date(event.sentAt.getTime() - deps.config.conversation.recentCustomerMinutes * 60_000);
  const recentId = await recentCustomerOf(tx, tenantId, event.senderId, since);
  return recentId ? getCustomer(tx, tenantId, recentId) : null;
}

async function askWhichCustomer(tx: Queryable, ctx: EventContext, touch: Touch): Promise<Reply[]> {
  const { tenantId, event } = ctx;
  await setPending(tx, tenantId, event.senderId, { kind: 'await_customer', touchId: touch.id, askedAt: event.sentAt.toISOString() });
  const recent = await recentCustomersOf(tx, tenantId, event.senderId, RECENT_CHOICES);
  if (recent.length === 0) return [toUser(event.senderId, { kind: 'text', text: msg.askCustomerTyped })];
  return [
    toUser(event.senderId, {
      kind: 'button_card',
      card: {
        taskId: `cus-${ctx.inboxId}`,
        title: msg.askCustomer,
        description: '不在列表里就直接回复客户名称',
        buttons: recent.map((c) => ({ key: `cus:${c.id}`, text: c.name })),
      },
    }),
  ];
}
