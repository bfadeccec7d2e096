// An admin links a channel account to a person (POST /api/users/:id/identities): the second way, besides
// the directory, that two accounts become one person. An account that already is someone else's moves,
// unless that leaves customers with an owner no one can reach.
import type { Queryable } from '../../store/database.js';
import { findIdentity, identitiesOf, insertIdentity, lockIdentity, moveIdentity } from '../../store/repos/identities-repo.js';
import { deletePersonIfUnused, findUser } from '../../store/repos/users-repo.js';
import type { Account } from './resolve-sender.js';

export type LinkResult =
  | { kind: 'linked'; movedFromUserId: string | null; removedUserId: string | null }
  | { kind: 'unchanged' }
  | { kind: 'user_not_found' }
  /** The account is its person's only one and that person owns customers: reassign them first. */
  | { kind: 'owner_of_customers'; userId: string; customers: number };

export async function linkIdentity(tx: Queryable, tenantId: string, userId: string, account: Account): Promise<LinkResult> {
  if (!(await findUser(tx, tenantId, userId))) return { kind: 'user_not_found' };
  const { channel, platformId } = account;
  await lockIdentity(tx, tenantId, channel, platformId);
  const identity = await findIdentity(tx, tenantId, channel, platformId);
  if (!identity) {
    await insertIdentity(tx, tenantId, { channel, platformId, userId, seen: false, keys: null });
    return { kind: 'linked', movedFromUserId: null, removedUserId: null };
  }
  if (identity.userId === userId) return { kind: 'unchanged' };
  const former = identity.userId;
  const lastAccount = ((await identitiesOf(tx, tenantId, [former])).get(former) ?? []).length === 1;
  if (lastAccount) {
    const owned = await ownedCustomers(tx, tenantId, former);
    if (owned > 0) return { kind: 'owner_of_customers', userId: former, customers: owned };
  }
  await moveIdentity(tx, tenantId, channel, platformId, userId);
  // A person created for the account by mistake (it wrote "你好" once) goes; one with history stays.
  const removed = lastAccount && (await deletePersonIfUnused(tx, tenantId, former));
  return { kind: 'linked', movedFromUserId: former, removedUserId: removed ? former : null };
}

async function ownedCustomers(tx: Queryable, tenantId: string, userId: string): Promise<number> {
  const rows = await tx.query<{ n: number }>('select count(*)::int as n from customers where tenant_id = $1 and owner_user_id = $2', [tenantId, userId]);
  return rows[0]!.n;
}
