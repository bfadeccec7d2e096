// Customers (leads/opportunities) owned by reps, found by name or alias key (aliases: customer-aliases-repo).
import type { Queryable } from '../database.js';

export interface Customer {
  id: string;
  tenantId: string;
  name: string;
  /** The normalised name the recogniser and the unique key match on. */
  nameKey: string;
  ownerUserId: string;
  industry: string | null;
  source: string | null;
  stage: string | null;
  amount: number | null;
  firstInquiryAt: Date | null;
  lastTouchAt: Date | null;
  createdAt: Date;
}

interface CustomerRow {
  id: string;
  tenant_id: string;
  name: string;
  name_key: string;
  owner_user_id: string;
  industry: string | null;
  source: string | null;
  stage: string | null;
  amount: number | string | null;
  first_inquiry_at: Date | null;
  last_touch_at: Date | null;
  created_at: Date;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  nameKey: r.name_key,
  ownerUserId: r.owner_user_id,
  industry: r.industry,
  source: r.source,
  stage: r.stage,
  amount: r.amount === null ? null : Number(r.amount),
  firstInquiryAt: date(r.first_inquiry_at),
  lastTouchAt: date(r.last_touch_at),
  createdAt: new Date(r.created_at),
});

export async function getCustomer(q: Queryable, tenantId: string, id: string): Promise<Customer | null> {
  const rows = await q.query<CustomerRow>('select * from customers where tenant_id = $1 and id = $2', [tenantId, id]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

/** The customer whose name or alias has this key (a name wins over an alias, though the two never share a key). */
export async function findCustomerByKey(q: Queryable, tenantId: string, nameKey: string): Promise<Customer | null> {
  const rows = await q.query<CustomerRow>(
    `select * from (
       select c.*, 0 as via_alias from customers c where c.tenant_id = $1 and c.name_key = $2
       union all
       select c.*, 1 as via_alias from customer_aliases a join customers c on c.id = a.customer_id
       where a.tenant_id = $1 and a.alias_key = $2
     ) found order by via_alias limit 1`,
    [tenantId, nameKey],
  );
  return rows[0] ? toCustomer(rows[0]) : null;
}

/**
 * Creates the customer or returns the existing one whose name or alias has the same key, so a recognised
 * alias lands on the canonical customer. Creation holds the key's lock, so a concurrent rename onto the
 * same name sees this customer and is refused instead of failing on the unique index (and vice versa).
 */
export async function findOrCreateCustomer(
  q: Queryable,
  c: { tenantId: string; name: string; nameKey: string; ownerUserId: string; at: Date; industry?: string | null },
): Promise<{ customer: Customer; created: boolean }> {
  const known = await findCustomerByKey(q, c.tenantId, c.nameKey);
  if (known) return { customer: known, created: false };
  await lockCustomerKeys(q, c.tenantId, [c.nameKey]);
  const aliased = await findCustomerByKey(q, c.tenantId, c.nameKey);
  if (aliased) return { customer: aliased, created: false };
  const inserted = await q.query<CustomerRow>(
    `insert into customers (tenant_id, name, name_key, owner_user_id, first_inquiry_at, created_at, updated_at, industry, industry_source)
     values ($1, $2, $3, $4, $5, $5, $5, $6, case when $6::text is null then null else 'name' end)
     on conflict (tenant_id, name_key) do nothing returning *`,
    [c.tenantId, c.name, c.nameKey, c.ownerUserId, c.at, c.industry ?? null],
  );
  if (inserted[0]) return { customer: toCustomer(inserted[0]), created: true };
  const existing = await findCustomerByKey(q, c.tenantId, c.nameKey);
  if (!existing) throw new Error('customer vanished between insert and select');
  return { customer: existing, created: false };
}

/**
 * Serialises the changes that give a key an owner (creation, rename, merge) until the transaction ends,
 * so each sees the others' result and a key never becomes one customer's name and another's alias.
 * Taken in sorted order, so two callers never wait on each other crosswise.
 */
export async function lockCustomerKeys(q: Queryable, tenantId: string, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await q.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`customer-key:${tenantId}:${key}`]);
  }
}

/** Names and aliases of all the tenant's customers, for recognising them in free text. */
export async function listCustomerNames(q: Queryable, tenantId: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>(
    'select name from customers where tenant_id = $1 union all select alias from customer_aliases where tenant_id = $1',
    [tenantId],
  );
  return rows.map((r) => r.name);
}

export async function listCustomers(
  q: Queryable,
  tenantId: string,
  opts: { search?: string; ownerUserId?: string; limit?: number } = {},
): Promise<Customer[]> {
  const params: unknown[] = [tenantId];
  let where = 'tenant_id = $1';
  if (opts.search) {
    params.push(`%${opts.search.replace(/[%_\\]/g, (m) => `\\${m}`)}%`);
    // A former name or a merged customer's name finds the customer too.
    where += ` and (name ilike $${params.length} or exists (select 1 from customer_aliases a
      where a.tenant_id = customers.tenant_id and a.customer_id = customers.id and a.alias ilike $${params.length}))`;
  }
  if (opts.ownerUserId) {
    params.push(opts.ownerUserId);
    where += ` and owner_user_id = $${params.length}`;
  }
  params.push(opts.limit ?? 100);
  const rows = await q.query<CustomerRow>(
    `select * from customers where ${where} order by last_touch_at desc nulls last, created_at desc limit $${params.length}`,
    params,
  );
  return rows.map(toCustomer);
}

export async function recordTouchTime(q: Queryable, tenantId: string, id: string, at: Date): Promise<void> {
  await q.execute(
    `update customers set last_touch_at = greatest(coalesce(last_touch_at, $3), $3), updated_at = now()
     where tenant_id = $1 and id = $2`,
    [tenantId, id, at],
  );
}

export async function setStage(q: Queryable, tenantId: string, id: string, stage: string): Promise<void> {
  await q.execute('update customers set stage = $3, updated_at = now() where tenant_id = $1 and id = $2', [
    tenantId,
    id,
    stage,
  ]);
}

export async function setCustomerName(q: Queryable, tenantId: string, id: string, name: string, nameKey: string): Promise<void> {
  await q.execute('update customers set name = $3, name_key = $4, updated_at = now() where tenant_id = $1 and id = $2', [
    tenantId, id, name, nameKey,
  ]);
}

/** Deletes a customer nothing points at any more (callers move or remove its rows first). */
export async function deleteCustomer(q: Queryable, tenantId: string, id: string): Promise<void> {
  await q.execute('delete from customers where tenant_id = $1 and id = $2', [tenantId, id]);
}

/** Row locks on the customers in a stable order, so two merges of the same pair cannot interleave. */
export async function lockCustomers(q: Queryable, tenantId: string, ids: readonly string[]): Promise<void> {
  await q.query('select id from customers where tenant_id = $1 and id = any($2::text[]) order by id for update', [tenantId, [...ids]]);
}

/**
 * Takes over what a merged customer knew that the survivor does not (amount, industry, source), the
 * earlier first inquiry, and the stage the merged history decided.
 */
export async function absorbCustomerFields(q: Queryable, tenantId: string, intoId: string, from: Customer, stage: string | null): Promise<void> {
  await q.execute(
    `update customers set stage = $3, amount = coalesce(amount, $4), industry = coalesce(industry, $5), source = coalesce(source, $6),
       first_inquiry_at = least(first_inquiry_at, $7::timestamptz), updated_at = now()
     where tenant_id = $1 and id = $2`,
    [tenantId, intoId, stage, from.amount, from.industry, from.source, from.firstInquiryAt],
  );
}
