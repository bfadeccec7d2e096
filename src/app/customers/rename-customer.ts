// Renames a customer; the old name stays as an alias so reps who still say it land on the same customer.
import { cleanCustomerName } from '../../domain/customers/customer-name.js';
import type { Queryable } from '../../store/database.js';
import { addAlias, removeAlias } from '../../store/repos/customer-aliases-repo.js';
import { findCustomerByKey, getCustomer, lockCustomerKeys, setCustomerName, type Customer } from '../../store/repos/customers-repo.js';
import { setDerivedIndustry } from '../../store/repos/knowledge-repo.js';
import type { AppDeps } from '../app-deps.js';

export type RenameResult =
  | { kind: 'renamed'; customer: Customer; oldName: string }
  | { kind: 'unchanged'; customer: Customer }
  /** The name (or an alias) belongs to another customer: that is a merge, not a rename. */
  | { kind: 'taken'; customer: Customer; other: Customer }
  | { kind: 'invalid_name' }
  | { kind: 'not_found' };

export async function renameCustomer(
  tx: Queryable,
  deps: Pick<AppDeps, 'nlp'>,
  tenantId: string,
  customerId: string,
  rawName: unknown,
): Promise<RenameResult> {
  const name = cleanCustomerName(rawName);
  if (!name) return { kind: 'invalid_name' };
  const key = deps.nlp.customerKey(name);
  await lockCustomerKeys(tx, tenantId, [key]);
  const customer = await getCustomer(tx, tenantId, customerId);
  if (!customer) return { kind: 'not_found' };
  const holder = await findCustomerByKey(tx, tenantId, key);
  if (holder && holder.id !== customer.id) return { kind: 'taken', customer, other: holder };
  if (name === customer.name) return { kind: 'unchanged', customer };
  // Same key (e.g. "恒信机械有限公司" for 恒信机械): only the spelling changes; nothing new to recognise.
  if (key !== customer.nameKey) {
    await removeAlias(tx, tenantId, customer.id, key); // renaming back to a former name
    await addAlias(tx, { tenantId, customerId: customer.id, alias: customer.name, aliasKey: customer.nameKey });
  }
  await setCustomerName(tx, tenantId, customer.id, name, key);
  // The new name may say another organisation kind (an admin's industry stays: knowledge-repo).
  const industry = await setDerivedIndustry(tx, tenantId, customer.id, deps.nlp.industryOf(name));
  return { kind: 'renamed', customer: { ...customer, name, nameKey: key, industry: industry === undefined ? customer.industry : industry }, oldName: customer.name };
}
