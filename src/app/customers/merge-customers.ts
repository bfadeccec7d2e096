// Merges customer A into B: A's history moves to B, A's name and aliases become B's aliases, B's stage and
// reminder facts follow the merged history, and A is deleted (its id stays findable through the alias).
import { mergedStage } from '../../domain/customers/merged-stage.js';
import type { Queryable } from '../../store/database.js';
import { addAlias, listAliases, mergedInto, moveAliases } from '../../store/repos/customer-aliases-repo.js';
import {
  latestStageChange, moveCustomerHistory, recomputeCustomerFacts, type MovedRows,
} from '../../store/repos/customer-history-repo.js';
import {
  absorbCustomerFields, deleteCustomer, getCustomer, lockCustomerKeys, lockCustomers, type Customer,
} from '../../store/repos/customers-repo.js';

export type MergeResult =
  | { kind: 'merged'; from: Customer; into: Customer; moved: MovedRows }
  /** A was merged into B before: nothing to do. */
  | { kind: 'already_merged'; into: Customer }
  /** A was merged, but into another customer. */
  | { kind: 'merged_elsewhere'; intoId: string }
  | { kind: 'same_customer' }
  | { kind: 'not_found'; which: 'from' | 'into' };

export async function mergeCustomers(tx: Queryable, tenantId: string, fromId: string, intoId: string): Promise<MergeResult> {
  if (fromId === intoId) return { kind: 'same_customer' };
  // Keys before rows, the order rename and creation take them in, so a concurrent rename cannot deadlock us.
  await lockKeysOf(tx, tenantId, fromId);
  await lockCustomers(tx, tenantId, [fromId, intoId]);
  const into = await getCustomer(tx, tenantId, intoId);
  if (!into) return { kind: 'not_found', which: 'into' };
  const from = await getCustomer(tx, tenantId, fromId);
  if (!from) {
    const went = await mergedInto(tx, tenantId, fromId);
    if (went === intoId) return { kind: 'already_merged', into };
    return went ? { kind: 'merged_elsewhere', intoId: went } : { kind: 'not_found', which: 'from' };
  }
  await lockKeysOf(tx, tenantId, fromId); // renamed meanwhile: its new keys too (held locks are re-entrant)

  const stage = mergedStage(
    { stage: into.stage, lastChangeAt: (await latestStageChange(tx, tenantId, into.id))?.changedAt ?? null },
    { stage: from.stage, lastChangeAt: (await latestStageChange(tx, tenantId, from.id))?.changedAt ?? null },
  );
  const moved = await moveCustomerHistory(tx, tenantId, from.id, into.id);
  await moveAliases(tx, tenantId, from.id, into.id);
  await addAlias(tx, { tenantId, customerId: into.id, alias: from.name, aliasKey: from.nameKey, mergedFromId: from.id });
  await absorbCustomerFields(tx, tenantId, into.id, from, stage);
  await deleteCustomer(tx, tenantId, from.id);
  const lastTouch = [from.lastTouchAt, into.lastTouchAt].filter((d): d is Date => d !== null).sort((a, b) => +b - +a)[0] ?? null;
  await recomputeCustomerFacts(tx, tenantId, into.id, lastTouch);
  return { kind: 'merged', from, into: (await getCustomer(tx, tenantId, into.id))!, moved };
}

/** The keys that will change owner: the merged customer's name and aliases. */
async function lockKeysOf(tx: Queryable, tenantId: string, customerId: string): Promise<void> {
  const customer = await getCustomer(tx, tenantId, customerId);
  if (!customer) return;
  const aliases = await listAliases(tx, tenantId, customerId);
  await lockCustomerKeys(tx, tenantId, [customer.nameKey, ...aliases.map((a) => a.aliasKey)]);
}
