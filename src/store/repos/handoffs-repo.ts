// Hand-offs (migration 0021): the handler per team and role, and each hand-off of a rep's commitment with
// its collected fields and the handler's commitment. A status moves only from 'collecting', exactly once.
import type { Queryable } from '../database.js';

export type HandoffStatus = 'collecting' | 'handed' | 'no_handler' | 'cancelled' | 'expired';

export interface Handoff {
  id: string;
  commitmentId: string;
  kind: string;
  role: string;
  teamKey: string | null;
  repUserId: string;
  handlerUserId: string | null;
  handlerCommitmentId: string | null;
  fields: Record<string, string>;
  status: HandoffStatus;
}

export interface Handler {
  role: string;
  userId: string;
  name: string | null;
}

interface Raw {
  id: string; commitment_id: string; kind: string; role: string; team_key: string | null; rep_user_id: string;
  handler_user_id: string | null; handler_commitment_id: string | null; fields: Record<string, string>; status: HandoffStatus;
}

const toHandoff = (r: Raw): Handoff => ({
  id: r.id, commitmentId: r.commitment_id, kind: r.kind, role: r.role, teamKey: r.team_key, repUserId: r.rep_user_id,
  handlerUserId: r.handler_user_id, handlerCommitmentId: r.handler_commitment_id, fields: r.fields, status: r.status,
});

const COLUMNS = 'id, commitment_id, kind, role, team_key, rep_user_id, handler_user_id, handler_commitment_id, fields, status';

/** Replaces the team's handlers (PUT semantics: a role not listed has nobody). */
export async function replaceTeamHandlers(q: Queryable, tenantId: string, teamKey: string, byRole: ReadonlyMap<string, string>): Promise<void> {
  await q.execute('delete from team_handlers where tenant_id = $1 and team_key = $2', [tenantId, teamKey]);
  for (const [role, userId] of byRole) {
    await q.execute('insert into team_handlers (tenant_id, team_key, role, user_id) values ($1, $2, $3, $4)', [tenantId, teamKey, role, userId]);
  }
}

export async function teamHandlers(q: Queryable, tenantId: string, teamKey: string): Promise<Handler[]> {
  const rows = await q.query<{ role: string; user_id: string; name: string | null }>(
    `select h.role, h.user_id, u.name from team_handlers h left join users u on u.tenant_id = h.tenant_id and u.id = h.user_id
     where h.tenant_id = $1 and h.team_key = $2 order by h.role`,
    [tenantId, teamKey],
  );
  return rows.map((r) => ({ role: r.role, userId: r.user_id, name: r.name }));
}

/** The person who keeps `role` for the team, if one is set and still exists. */
export async function handlerFor(q: Queryable, tenantId: string, teamKey: string, role: string): Promise<Handler | null> {
  const rows = await q.query<{ user_id: string; name: string | null }>(
    `select h.user_id, u.name from team_handlers h join users u on u.tenant_id = h.tenant_id and u.id = h.user_id
     where h.tenant_id = $1 and h.team_key = $2 and h.role = $3`,
    [tenantId, teamKey, role],
  );
  return rows[0] ? { role, userId: rows[0].user_id, name: rows[0].name } : null;
}

export async function teamManagerIds(q: Queryable, tenantId: string, teamKey: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    'select user_id from team_members where tenant_id = $1 and team_key = $2 and is_manager order by user_id', [tenantId, teamKey]);
  return rows.map((r) => r.user_id);
}

export interface ReportCommitment {
  id: string;
  description: string;
  /** YYYY-MM-DD. */
  dueDate: string;
  customerId: string | null;
  customerName: string | null;
}

/** The commitment a confirmed report made, if it made one. */
export async function commitmentOfReport(q: Queryable, tenantId: string, reportId: string): Promise<ReportCommitment | null> {
  const rows = await q.query<{ id: string; description: string; due: string; customer_id: string | null; customer_name: string | null }>(
    `select k.id, k.description, k.due_date::text as due, k.customer_id, c.name as customer_name
     from commitments k left join customers c on c.id = k.customer_id where k.tenant_id = $1 and k.report_id = $2`,
    [tenantId, reportId],
  );
  const r = rows[0];
  return r ? { id: r.id, description: r.description, dueDate: r.due, customerId: r.customer_id, customerName: r.customer_name } : null;
}

/** Inserts a hand-off; null when the commitment has one already (a redelivered confirm). */
export async function insertHandoff(
  q: Queryable,
  h: { tenantId: string; commitmentId: string; kind: string; role: string; teamKey: string | null; repUserId: string; handlerUserId: string | null; fields: Record<string, string>; status: HandoffStatus },
): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    `insert into handoffs (tenant_id, commitment_id, kind, role, team_key, rep_user_id, handler_user_id, fields, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) on conflict (commitment_id) do nothing returning id`,
    [h.tenantId, h.commitmentId, h.kind, h.role, h.teamKey, h.repUserId, h.handlerUserId, JSON.stringify(h.fields), h.status],
  );
  return rows[0]?.id ?? null;
}

export async function getHandoff(q: Queryable, tenantId: string, id: string): Promise<Handoff | null> {
  const rows = await q.query<Raw>(`select ${COLUMNS} from handoffs where tenant_id = $1 and id = $2`, [tenantId, id]);
  return rows[0] ? toHandoff(rows[0]) : null;
}

/** Stores an answer while the rep is being asked; false when the hand-off is not collecting any more. */
export async function saveHandoffFields(q: Queryable, tenantId: string, id: string, fields: Record<string, string>): Promise<boolean> {
  const n = await q.execute(
    `update handoffs set fields = $3::jsonb where tenant_id = $1 and id = $2 and status = 'collecting'`, [tenantId, id, JSON.stringify(fields)]);
  return n > 0;
}

/** Ends collecting without a hand-off (取消, unanswered, the handler unset meanwhile); false when it had ended already. */
export async function closeCollecting(q: Queryable, tenantId: string, id: string, status: 'cancelled' | 'expired' | 'no_handler'): Promise<boolean> {
  const n = await q.execute(`update handoffs set status = $3 where tenant_id = $1 and id = $2 and status = 'collecting'`, [tenantId, id, status]);
  return n > 0;
}

/** A rep's earlier questions still open when a new hand-off starts: one question at a time. */
export async function expireCollectingOf(q: Queryable, tenantId: string, repUserId: string, exceptId: string): Promise<void> {
  await q.execute(
    `update handoffs set status = 'expired' where tenant_id = $1 and rep_user_id = $2 and status = 'collecting' and id <> $3`,
    [tenantId, repUserId, exceptId],
  );
}

export async function markHanded(
  q: Queryable,
  h: { tenantId: string; id: string; handlerUserId: string; handlerCommitmentId: string; fields: Record<string, string>; at: Date },
): Promise<boolean> {
  const n = await q.execute(
    `update handoffs set status = 'handed', handler_user_id = $3, handler_commitment_id = $4, fields = $5::jsonb, handed_at = $6
     where tenant_id = $1 and id = $2 and status = 'collecting'`,
    [h.tenantId, h.id, h.handlerUserId, h.handlerCommitmentId, JSON.stringify(h.fields), h.at],
  );
  return n > 0;
}

/** The hand-off whose handler task is this commitment, or one it was rescheduled from (改期 makes a new row). */
export async function handoffOfHandlerCommitment(q: Queryable, tenantId: string, commitmentId: string): Promise<Handoff | null> {
  const rows = await q.query<Raw>(
    `with recursive chain(id, depth) as (
       select $2::text, 0
       union all
       select k.rescheduled_from_id, c.depth + 1 from chain c join commitments k on k.tenant_id = $1 and k.id = c.id
       where k.rescheduled_from_id is not null and c.depth < 50
     )
     select ${COLUMNS.split(', ').map((c) => `h.${c}`).join(', ')} from handoffs h join chain on h.handler_commitment_id = chain.id
     where h.tenant_id = $1 limit 1`,
    [tenantId, commitmentId],
  );
  return rows[0] ? toHandoff(rows[0]) : null;
}
