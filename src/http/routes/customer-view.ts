// How the admin API shows a customer: its fields, and with its aliases where one customer is shown.
import type { Queryable } from '../../store/database.js';
import { listAliases } from '../../store/repos/customer-aliases-repo.js';
import type { Customer } from '../../store/repos/customers-repo.js';

export const customerView = (c: Customer) => ({
  id: c.id,
  name: c.name,
  stage: c.stage,
  ownerUserId: c.ownerUserId,
  lastTouchAt: c.lastTouchAt?.toISOString() ?? null,
  industry: c.industry,
  source: c.source,
  amount: c.amount,
  firstInquiryAt: c.firstInquiryAt?.toISOString() ?? null,
  createdAt: c.createdAt.toISOString(),
});

export async function customerWithAliases(q: Queryable, tenantId: string, c: Customer) {
  const aliases = await listAliases(q, tenantId, c.id);
  return {
    ...customerView(c),
    aliases: aliases.map((a) => ({ name: a.alias, mergedFromId: a.mergedFromId, createdAt: a.createdAt.toISOString() })),
  };
}
