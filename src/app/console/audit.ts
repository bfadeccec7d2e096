// Every console action is written to the audit log with the viewer who did it.
import type { Queryable } from '../../store/database.js';
import { insertAudit } from '../../store/repos/audit-log-repo.js';
import type { Viewer } from './viewer.js';

export const actorOf = (viewer: Viewer) => viewer.userId ?? 'admin-token';

export async function recordAudit(
  q: Queryable,
  viewer: Viewer,
  action: string,
  target: string | null,
  details: Record<string, unknown> | null,
  meta: { ip: string | null; at: Date },
): Promise<void> {
  await insertAudit(q, { tenantId: viewer.tenantId, actor: actorOf(viewer), action, target, details, ip: meta.ip, at: meta.at });
}
