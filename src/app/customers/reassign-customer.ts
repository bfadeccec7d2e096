// Hand-over of a customer to another owner (chat 转给 by a manager, PUT /api/customers/:id by an admin):
// the customer and the previous owner's open promises on it move; both owners are told.
import type { Queryable } from '../../store/database.js';
import { getCustomer, type Customer } from '../../store/repos/customers-repo.js';
import { lockCustomerRow, setCustomerOwner } from '../../store/repos/ownership-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import { msg } from '../messages.js';
import { enqueueReplies, toUser, type Reply } from '../outbound/reply.js';
import type { AppDeps } from '../app-deps.js';
import { displayName } from './ownership.js';

export type ReassignResult =
  | { kind: 'reassigned'; customer: Customer; fromUserId: string }
  | { kind: 'unchanged'; customer: Customer }
  | { kind: 'not_found' }
  | { kind: 'unknown_user' };

export async function reassignCustomer(tx: Queryable, tenantId: string, customerId: string, toUserId: string): Promise<ReassignResult> {
  await lockCustomerRow(tx, tenantId, customerId);
  const customer = await getCustomer(tx, tenantId, customerId);
  if (!customer) return { kind: 'not_found' };
  if (!(await findUser(tx, tenantId, toUserId))) return { kind: 'unknown_user' };
  if (customer.ownerUserId === toUserId) return { kind: 'unchanged', customer };
  await setCustomerOwner(tx, tenantId, customer.id, customer.ownerUserId, toUserId);
  return { kind: 'reassigned', customer: { ...customer, ownerUserId: toUserId }, fromUserId: customer.ownerUserId };
}

/** What the new and the former owner are told (not the one who did it: they get their own answer). */
export async function reassignmentNotices(
  tx: Queryable, tenantId: string, r: Extract<ReassignResult, { kind: 'reassigned' }>, by: { userId: string | null; name: string },
): Promise<Reply[]> {
  const [from, to] = await Promise.all([displayName(tx, tenantId, r.fromUserId), displayName(tx, tenantId, r.customer.ownerUserId)]);
  const t = msg.people.transfer;
  return [
    ...(r.customer.ownerUserId !== by.userId ? [toUser(r.customer.ownerUserId, { kind: 'text', text: t.toNewOwner(r.customer.name, from, by.name) })] : []),
    ...(r.fromUserId !== by.userId ? [toUser(r.fromUserId, { kind: 'text', text: t.toOldOwner(r.customer.name, to, by.name) })] : []),
  ];
}

/** An admin's hand-over (PUT /api/customers/:id {"ownerUserId"}): applied and both owners told, in one transaction. */
export async function reassignByAdmin(
  deps: Pick<AppDeps, 'db' | 'queue' | 'clock' | 'pushRules'>, tenantId: string, customerId: string, toUserId: string,
): Promise<ReassignResult> {
  return deps.db.transaction(async (tx) => {
    const r = await reassignCustomer(tx, tenantId, customerId, toUserId);
    if (r.kind !== 'reassigned') return r;
    const now = deps.clock.now();
    const notices = await reassignmentNotices(tx, tenantId, r, { userId: null, name: msg.people.transfer.byAdmin });
    // Any channel will do here: the outbox sends each person where they last wrote. Both are pushes.
    const pushes = { senderIds: [], notBefore: deps.pushRules.calendar.deliverAt(now) };
    await enqueueReplies(tx, deps.queue, { tenantId, channel: 'wecom', idempotencyPrefix: `reassign:${customerId}:${now.getTime()}`, now, pushes }, notices);
    return r;
  });
}
