// Moves one wrongly attributed touch (and what it is evidence for) to the customer the rep meant, keeping
// both customers' stage and reminder facts true; a customer that only existed because of the mistake goes.
import type { Queryable } from '../../store/database.js';
import {
  dropAlertsOf, hasHistory, moveTouchWithEvidence, recomputeCustomerFacts, setStageFromHistory,
} from '../../store/repos/customer-history-repo.js';
import { deleteCustomer, findOrCreateCustomer, getCustomer, type Customer } from '../../store/repos/customers-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { customerNamed } from './customer-access.js';

export type TouchMove = { kind: 'moved'; into: Customer; deletedFrom: boolean } | { kind: 'unchanged' };

export async function moveTouchToCustomer(
  tx: Queryable,
  deps: AppDeps,
  ctx: EventContext,
  touch: { id: string; occurredAt: Date },
  from: Customer,
  newName: string,
): Promise<TouchMove> {
  const { tenantId } = ctx;
  // As if the rep had named it in the update: an existing customer (or alias) first, else a new one of
  // theirs, first inquired about when the touch happened.
  const target = (await customerNamed(tx, deps, tenantId, newName, ctx.event.sentAt)) ??
    (await findOrCreateCustomer(tx, {
      tenantId, name: newName, nameKey: deps.nlp.customerKey(newName), ownerUserId: ctx.event.senderId, at: touch.occurredAt,
      industry: deps.nlp.industryOf(newName),
    })).customer;
  if (target.id === from.id) return { kind: 'unchanged' };

  const moved = await moveTouchWithEvidence(tx, { tenantId, touchId: touch.id, fromId: from.id, intoId: target.id, intoName: target.name });
  if (moved.stageChanges > 0) {
    await setStageFromHistory(tx, tenantId, from.id);
    await setStageFromHistory(tx, tenantId, target.id);
  }
  await recomputeCustomerFacts(tx, tenantId, target.id, target.lastTouchAt);
  // A wrong name is not an alias of the right one ("不是A是B" says A is someone else), so the customer the
  // mistake created is deleted rather than kept; one with any other history or alias stays, facts recomputed.
  const createdByMistake = from.createdAt.getTime() >= touch.occurredAt.getTime() && !(await hasHistory(tx, tenantId, from.id));
  if (createdByMistake) {
    await dropAlertsOf(tx, tenantId, from.id);
    await deleteCustomer(tx, tenantId, from.id);
  } else {
    await recomputeCustomerFacts(tx, tenantId, from.id);
  }
  return { kind: 'moved', into: (await getCustomer(tx, tenantId, target.id))!, deletedFrom: createdByMistake };
}
