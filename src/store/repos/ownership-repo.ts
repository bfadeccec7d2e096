// Who owns a customer: hand-overs move the customer and the previous owner's open promises on it.
import type { Queryable } from '../database.js';

/** Sets the owner; the previous owner's open commitments to this customer go with it (the new owner keeps them). */
export async function setCustomerOwner(q: Queryable, tenantId: string, customerId: string, fromUserId: string, toUserId: string): Promise<void> {
  await q.execute('update customers set owner_user_id = $3, updated_at = now() where tenant_id = $1 and id = $2', [tenantId, customerId, toUserId]);
  await q.execute(
    `update commitments set owner_user_id = $4 where tenant_id = $1 and customer_id = $2 and owner_user_id = $3 and status = 'open'`,
    [tenantId, customerId, fromUserId, toUserId],
  );
}

/** Locks the customer row until the transaction ends, so two hand-overs of one customer apply in turn. */
export async function lockCustomerRow(q: Queryable, tenantId: string, customerId: string): Promise<void> {
  await q.query('select id from customers where tenant_id = $1 and id = $2 for update', [tenantId, customerId]);
}
