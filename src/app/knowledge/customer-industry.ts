// A customer's industry for the knowledge look-ups: the stored one, else (a customer from before
// industries, never renamed) the one its name says, stored now.
import type { Queryable } from '../../store/database.js';
import { customerIndustry, setDerivedIndustry } from '../../store/repos/knowledge-repo.js';
import type { AppDeps } from '../app-deps.js';

export async function industryOfCustomer(tx: Queryable, deps: Pick<AppDeps, 'nlp'>, tenantId: string, customerId: string | null): Promise<string | null> {
  if (!customerId) return null;
  const c = await customerIndustry(tx, tenantId, customerId);
  if (!c) return null;
  if (c.industry !== null || c.source !== null) return c.industry;
  const derived = deps.nlp.industryOf(c.name);
  return derived === null ? null : ((await setDerivedIndustry(tx, tenantId, customerId, derived)) ?? null);
}
