// Commitments: something promised to the customer, with a due date and an owner.
import type { Queryable } from '../database.js';

export async function insertCommitment(
  q: Queryable,
  c: { tenantId: string; reportId: string; customerId: string | null; ownerUserId: string; description: string; dueDate: string },
): Promise<void> {
  await q.execute(
    `insert into commitments (tenant_id, report_id, customer_id, owner_user_id, description, due_date)
     values ($1, $2, $3, $4, $5, $6::date) on conflict (report_id) do nothing`,
    [c.tenantId, c.reportId, c.customerId, c.ownerUserId, c.description, c.dueDate],
  );
}

export async function listCommitments(q: Queryable, tenantId: string, ownerUserId: string): Promise<{ description: string; dueDate: string; status: string }[]> {
  const rows = await q.query<{ description: string; due: string; status: string }>(
    `select description, due_date::text as due, status from commitments where tenant_id = $1 and owner_user_id = $2 order by due_date`,
    [tenantId, ownerUserId],
  );
  return rows.map((r) => ({ description: r.description, dueDate: r.due, status: r.status }));
}
