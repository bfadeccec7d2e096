// Customers (leads/opportunities) owned by reps.
import type { Queryable } from '../database.js';

export interface Customer {
  id: string;
  tenantId: string;
  name: string;
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

export async function findCustomerByKey(q: Queryable, tenantId: string, nameKey: string): Promise<Customer | null> {
  const rows = await q.query<CustomerRow>('select * from customers where tenant_id = $1 and name_key = $2', [
    tenantId,
    nameKey,
  ]);
  return rows[0] ? toCustomer(rows[0]) : null;
}

/** Creates the customer or returns the existing one with the same normalised name. */
export async function findOrCreateCustomer(
  q: Queryable,
  c: { tenantId: string; name: string; nameKey: string; ownerUserId: string; at: Date },
): Promise<{ customer: Customer; created: boolean }> {
  const inserted = await q.query<CustomerRow>(
    `insert into customers (tenant_id, name, name_key, owner_user_id, first_inquiry_at, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $5, $5) on conflict (tenant_id, name_key) do nothing returning *`,
    [c.tenantId, c.name, c.nameKey, c.ownerUserId, c.at],
  );
  if (inserted[0]) return { customer: toCustomer(inserted[0]), created: true };
  const existing = await findCustomerByKey(q, c.tenantId, c.nameKey);
  if (!existing) throw new Error('customer vanished between insert and select');
  return { customer: existing, created: false };
}

/** Names of all the tenant's customers, for recognising them in free text. */
export async function listCustomerNames(q: Queryable, tenantId: string): Promise<string[]> {
  const rows = await q.query<{ name: string }>('select name from customers where tenant_id = $1', [tenantId]);
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
    where += ` and name ilike $${params.length}`;
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
