// Commitments: something promised to the customer, with a due date and an owner, and a life cycle
// open → done / rescheduled / dropped (migration 0009). Only an open row is ever closed, exactly once.
import type { CommitmentOutcome, CommitmentStatus } from '../../domain/commitments/fulfilment.js';
import type { Queryable } from '../database.js';

export interface Commitment {
  id: string;
  customerId: string | null;
  customerName: string | null;
  ownerUserId: string;
  description: string;
  /** YYYY-MM-DD (Shanghai). */
  dueDate: string;
  status: CommitmentStatus;
}

export type ClosedVia = 'tap' | 'update' | 'report' | 'reschedule' | 'drop';

interface Raw {
  id: string; customer_id: string | null; customer_name: string | null; owner_user_id: string;
  description: string; due: string; status: CommitmentStatus;
}

const SELECT = `select k.id, k.customer_id, c.name as customer_name, k.owner_user_id, k.description,
  k.due_date::text as due, k.status from commitments k left join customers c on c.id = k.customer_id`;

const toCommitment = (r: Raw): Commitment => ({
  id: r.id, customerId: r.customer_id, customerName: r.customer_name, ownerUserId: r.owner_user_id,
  description: r.description, dueDate: r.due, status: r.status,
});

/** Inserts a commitment; a report makes at most one (null when it did already). */
export async function insertCommitment(
  q: Queryable,
  c: { tenantId: string; reportId: string | null; customerId: string | null; ownerUserId: string; description: string; dueDate: string; rescheduledFromId?: string },
): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    `insert into commitments (tenant_id, report_id, customer_id, owner_user_id, description, due_date, rescheduled_from_id)
     values ($1, $2, $3, $4, $5, $6::date, $7) on conflict do nothing returning id`,
    [c.tenantId, c.reportId, c.customerId, c.ownerUserId, c.description, c.dueDate, c.rescheduledFromId ?? null],
  );
  return rows[0]?.id ?? null;
}

export async function getCommitment(q: Queryable, tenantId: string, id: string): Promise<Commitment | null> {
  const rows = await q.query<Raw>(`${SELECT} where k.tenant_id = $1 and k.id = $2`, [tenantId, id]);
  return rows[0] ? toCommitment(rows[0]) : null;
}

/** The commitment that replaced a rescheduled one, if any. */
export async function successorOf(q: Queryable, tenantId: string, id: string): Promise<Commitment | null> {
  const rows = await q.query<Raw>(`${SELECT} where k.tenant_id = $1 and k.rescheduled_from_id = $2`, [tenantId, id]);
  return rows[0] ? toCommitment(rows[0]) : null;
}

/** A customer's open commitments owned by `ownerUserId`, earliest due first. */
export async function openCommitmentsOfCustomer(q: Queryable, tenantId: string, customerId: string, ownerUserId: string): Promise<Commitment[]> {
  const rows = await q.query<Raw>(
    `${SELECT} where k.tenant_id = $1 and k.customer_id = $2 and k.owner_user_id = $3 and k.status = 'open' order by k.due_date, k.created_at`,
    [tenantId, customerId, ownerUserId],
  );
  return rows.map(toCommitment);
}

/** A rep's open commitments, earliest due first. */
export async function openCommitmentsOf(q: Queryable, tenantId: string, ownerUserId: string, limit = 50): Promise<Commitment[]> {
  const rows = await q.query<Raw>(
    `${SELECT} where k.tenant_id = $1 and k.owner_user_id = $2 and k.status = 'open' order by k.due_date, k.created_at limit $3`,
    [tenantId, ownerUserId, limit],
  );
  return rows.map(toCommitment);
}

/** Closes an open commitment; false when it was not open any more (a second tap, a race). */
export async function closeCommitment(
  q: Queryable,
  c: { tenantId: string; id: string; status: Exclude<CommitmentStatus, 'open'>; at: Date; by: string; via: ClosedVia; evidenceTouchId?: string | null },
): Promise<boolean> {
  const rows = await q.query<{ id: string }>(
    `update commitments set status = $3, closed_at = $4, closed_by = $5, closed_via = $6, evidence_touch_id = $7
     where tenant_id = $1 and id = $2 and status = 'open' returning id`,
    [c.tenantId, c.id, c.status, c.at, c.by, c.via, c.evidenceTouchId ?? null],
  );
  return rows.length > 0;
}

/** Due date, status and Shanghai close date of the owners' commitments due in [from, to] (承诺兑现率). */
export async function commitmentOutcomes(q: Queryable, tenantId: string, owners: readonly string[], from: string, to: string): Promise<CommitmentOutcome[]> {
  const rows = await q.query<{ due: string; status: CommitmentStatus; closed_on: string | null }>(
    `select due_date::text as due, status, ((closed_at at time zone 'Asia/Shanghai')::date)::text as closed_on
     from commitments where tenant_id = $1 and owner_user_id = any($2::text[]) and due_date between $3::date and $4::date`,
    [tenantId, [...owners], from, to],
  );
  return rows.map((r) => ({ dueDate: r.due, status: r.status, closedOn: r.closed_on }));
}
