// Who may change a customer's master data in chat, and which customer a typed name means.
import type { Queryable } from '../../store/database.js';
import { findCustomerByKey, listCustomerNames, type Customer } from '../../store/repos/customers-repo.js';
import { repsManagedBy } from '../../store/repos/manager-stats-repo.js';
import type { AppDeps } from '../app-deps.js';

/** The customer's owner, or a manager of a team the owner belongs to (as for the manager commands). */
export async function mayManageCustomer(tx: Queryable, tenantId: string, userId: string, customer: Customer): Promise<boolean> {
  if (customer.ownerUserId === userId) return true;
  return (await repsManagedBy(tx, tenantId, userId)).includes(customer.ownerUserId);
}

/**
 * The existing customer a typed name means: its name or an alias by key, else a customer the typed name is
 * a short form of ("恒信" for 恒信机械, as the recogniser reads it). A known name merely inside the typed one
 * does not count: "恒信机械" typed is not the customer 恒信. Never creates one.
 */
export async function customerNamed(tx: Queryable, deps: AppDeps, tenantId: string, name: string, at: Date): Promise<Customer | null> {
  const typedKey = deps.nlp.customerKey(name);
  const exact = await findCustomerByKey(tx, tenantId, typedKey);
  if (exact) return exact;
  const recognised = deps.nlp.recognizeCustomer(name, await listCustomerNames(tx, tenantId), at);
  if (!recognised || !deps.nlp.customerKey(recognised).includes(typedKey)) return null;
  return findCustomerByKey(tx, tenantId, deps.nlp.customerKey(recognised));
}
