// Customer aliases: former names and names of merged customers, each key owned by one customer.
import type { Queryable } from '../database.js';

export interface CustomerAlias {
  alias: string;
  aliasKey: string;
  /** The merged customer this name came from, if it came from a merge. */
  mergedFromId: string | null;
  createdAt: Date;
}

export async function listAliases(q: Queryable, tenantId: string, customerId: string): Promise<CustomerAlias[]> {
  const rows = await q.query<{ alias: string; alias_key: string; merged_from_id: string | null; created_at: Date }>(
    `select alias, alias_key, merged_from_id, created_at from customer_aliases
     where tenant_id = $1 and customer_id = $2 order by created_at, alias`,
    [tenantId, customerId],
  );
  return rows.map((r) => ({ alias: r.alias, aliasKey: r.alias_key, mergedFromId: r.merged_from_id, createdAt: new Date(r.created_at) }));
}

/** Adds an alias; a key that is already an alias is left as it is (callers hold the key's lock). */
export async function addAlias(
  q: Queryable,
  a: { tenantId: string; customerId: string; alias: string; aliasKey: string; mergedFromId?: string | null },
): Promise<void> {
  await q.execute(
    `insert into customer_aliases (tenant_id, customer_id, alias, alias_key, merged_from_id) values ($1, $2, $3, $4, $5)
     on conflict (tenant_id, alias_key) do nothing`,
    [a.tenantId, a.customerId, a.alias, a.aliasKey, a.mergedFromId ?? null],
  );
}

/**
 * Drops the alias with this key from the customer (its name is becoming that key again). The alias a merge
 * left stays: it records where the merged id went, and sharing a key with the own name is harmless.
 */
export async function removeAlias(q: Queryable, tenantId: string, customerId: string, aliasKey: string): Promise<void> {
  await q.execute(
    'delete from customer_aliases where tenant_id = $1 and customer_id = $2 and alias_key = $3 and merged_from_id is null',
    [tenantId, customerId, aliasKey],
  );
}

export async function moveAliases(q: Queryable, tenantId: string, fromId: string, intoId: string): Promise<number> {
  return q.execute('update customer_aliases set customer_id = $3 where tenant_id = $1 and customer_id = $2', [tenantId, fromId, intoId]);
}

/** Where a merged (deleted) customer id went: the customer that now carries its name, if any. */
export async function mergedInto(q: Queryable, tenantId: string, mergedId: string): Promise<string | null> {
  const rows = await q.query<{ customer_id: string }>(
    'select customer_id from customer_aliases where tenant_id = $1 and merged_from_id = $2 limit 1',
    [tenantId, mergedId],
  );
  return rows[0]?.customer_id ?? null;
}
