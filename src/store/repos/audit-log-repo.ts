// The audit log: every action taken through the console, with who, what, on what, and from where.
import type { Queryable } from '../database.js';

export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  at: Date;
}

export async function insertAudit(
  q: Queryable,
  e: { tenantId: string; actor: string; action: string; target: string | null; details: Record<string, unknown> | null; ip: string | null; at: Date },
): Promise<void> {
  await q.execute('insert into audit_log (tenant_id, actor, action, target, details, ip, at) values ($1, $2, $3, $4, $5::jsonb, $6, $7)', [
    e.tenantId, e.actor, e.action, e.target, e.details ? JSON.stringify(e.details) : null, e.ip, e.at,
  ]);
}

export async function listAudit(q: Queryable, tenantId: string, opts: { limit: number; actor?: string }): Promise<AuditEntry[]> {
  const rows = await q.query<{ id: string; actor: string; action: string; target: string | null; details: Record<string, unknown> | null; ip: string | null; at: Date }>(
    `select id::text, actor, action, target, details, ip, at from audit_log
     where tenant_id = $1 and ($2::text is null or actor = $2) order by at desc, id desc limit $3`,
    [tenantId, opts.actor ?? null, opts.limit],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
