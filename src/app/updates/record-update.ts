// A rep's sales update: the customer named (or the rep's customer from the last 30 minutes), the topics
// and the stage its words suggest, stored as a touch; then the stage card, an acknowledgement, or the
// question "which customer?". The LLM's reading, when there is one, only fills in what the rules guard.
import { guardUpdateProposal } from '../../domain/customers/guard-update-proposal.js';
import type { StageId } from '../../domain/stages/stage-ids.js';
import type { TopicId } from '../../domain/topics/topic-ids.js';
import type { Understanding } from '../../domain/understanding/understand-message.js';
import type { Queryable } from '../../store/database.js';
import { setPending } from '../../store/repos/chat-context-repo.js';
import { findOrCreateCustomer, getCustomer, recordTouchTime, type Customer } from '../../store/repos/customers-repo.js';
import { insertTouch, recentCustomerOf, recentCustomersOf, type Touch } from '../../store/repos/touches-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { stagePromptOrAck } from '../stages/stage-prompt.js';
import { closeFulfilledAndSay } from '../commitments/close-fulfilled.js';

const RECENT_CHOICES = 5;

interface UpdateReading {
  customerName: string | null;
  topics: readonly TopicId[];
  suggestedStage: StageId | null;
}

export async function recordUpdate(
  tx: Queryable, deps: AppDeps, ctx: EventContext, text: string, understood: Understanding, knownNames: readonly string[],
): Promise<Reply[]> {
  const { tenantId, event } = ctx;
  const reading = withLlm(text, understood, knownNames, ctx);
  const customer = await resolveCustomer(tx, deps, ctx, reading.customerName);
  const touch = await insertTouch(tx, {
    tenantId, customerId: customer?.id ?? null, userId: event.senderId, kind: deps.nlp.touchKind(text), text, topics: [...reading.topics],
    inboxId: ctx.inboxId, occurredAt: event.sentAt,
  });
  if (!customer) return askWhichCustomer(tx, ctx, touch);
  await recordTouchTime(tx, tenantId, customer.id, event.sentAt);
  const kept = await closeFulfilledAndSay(tx, deps, {
    tenantId, userId: event.senderId, customerId: customer.id, text, at: event.sentAt, via: 'update', touchId: touch.id,
  });
  return [...(await stagePromptOrAck(tx, ctx, customer, touch, reading.suggestedStage, deps.stages)), ...kept];
}

/** The rules' reading, with what the guard lets the LLM add (a customer the rules missed, topics, a stage). */
function withLlm(text: string, u: Understanding, knownNames: readonly string[], ctx: EventContext): UpdateReading {
  const rules = { customerName: u.customer?.name ?? null, topics: u.topics, suggestedStage: u.suggestedStage };
  const proposal = ctx.prepared.updateProposal;
  if (!proposal) return rules;
  const guarded = guardUpdateProposal(
    text, proposal, { customer: rules.customerName, topics: u.topics, stage: u.stageCue }, { knownCustomers: knownNames },
  );
  return { customerName: guarded.customer, topics: guarded.topics, suggestedStage: guarded.stage ?? u.suggestedStage };
}

async function resolveCustomer(tx: Queryable, deps: AppDeps, ctx: EventContext, name: string | null): Promise<Customer | null> {
  const { tenantId, event } = ctx;
  if (name) {
    const { customer } = await findOrCreateCustomer(tx, {
      tenantId, name, nameKey: deps.nlp.customerKey(name), ownerUserId: event.senderId, at: event.sentAt,
      industry: deps.nlp.industryOf(name),
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
