// Touches: every recorded interaction with a customer; the raw material of every metric.
import type { Queryable } from '../database.js';

export interface Touch {
  id: string;
  tenantId: string;
  customerId: string | null;
  userId: string;
  kind: string;
  text: string | null;
  topics: string[];
  inboxId: string | null;
  occurredAt: Date;
}

interface TouchRow {
  id: string;
  tenant_id: string;
  customer_id: string | null;
  user_id: string;
  kind: string;
  text: string | null;
  topics: string[];
  inbox_id: string | null;
  occurred_at: Date;
}

const toTouch = (r: TouchRow): Touch => ({
  id: r.id,
  tenantId: r.tenant_id,
  customerId: r.customer_id,
  userId: r.user_id,
  kind: r.kind,
  text: r.text,
  topics: r.topics ?? [],
  inboxId: r.inbox_id,
  occurredAt: new Date(r.occurred_at),
});

export async function insertTouch(
  q: Queryable,
  t: Omit<Touch, 'id'>,
): Promise<Touch> {
  const rows = await q.query<TouchRow>(
    `insert into touches (tenant_id, customer_id, user_id, kind, text, topics, inbox_id, occurred_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [t.tenantId, t.customerId, t.userId, t.kind, t.text, t.topics, t.inboxId, t.occurredAt],
  );
  return toTouch(rows[0]!);
}

export async function getTouch(q: Queryable, tenantId: string, id: string): Promise<Touch | null> {
  const rows = await q.query<TouchRow>('select * from touches where tenant_id = $1 and id = $2', [tenantId, id]);
  return rows[0] ? toTouch(rows[0]) : null;
}

export async function assignCustomer(q: Queryable, tenantId: string, touchId: string, customerId: string): Promise<void> {
  await q.execute('update touches set customer_id = $3 where tenant_id = $1 and id = $2', [tenantId, touchId, customerId]);
}

/** The customer of the user's latest touch at or after `since`, if any. */
export async function recentCustomerOf(
  q: Queryable,
  tenantId: string,
  userId: string,
  since: Date,
): Promise<string | null> {
  const rows = await q.query<{ customer_id: string }>(
    `select customer_id from touches where tenant_id = $1 and user_id = $2 and customer_id is not null
     and occurred_at >= $3 order by occurred_at desc limit 1`,
    [tenantId, userId, since],
  );
  return rows[0]?.customer_id ?? null;
}

/** Distinct customers the user touched most recently (for "which customer?" cards). */
export async function recentCustomersOf(
  q: Queryable,
  tenantId: string,
  userId: string,
  limit: number,
): Promise<{ id: string; name: string }[]> {
  return q.query<{ id: string; name: string }>(
    `select c.id, c.name from customers c
     where c.tenant_id = $1 and c.owner_user_id = $2
     order by c.last_touch_at desc nulls last, c.created_at desc limit $3`,
    [tenantId, userId, limit],
  );
}

export async function listTouchesOfCustomer(q: Queryable, tenantId: string, customerId: string, limit = 50): Promise<Touch[]> {
  const rows = await q.query<TouchRow>(
    'select * from touches where tenant_id = $1 and customer_id = $2 order by occurred_at desc limit $3',
    [tenantId, customerId, limit],
  );
  return rows.map(toTouch);
}
