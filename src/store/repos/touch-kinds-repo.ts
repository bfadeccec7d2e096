// Touches stored before touches had kinds ('chat' updates, 'report' touches), read and re-kinded in
// batches at start-up (src/app/touches/backfill-touch-kinds.ts).
import type { Queryable } from '../database.js';

export interface LegacyTouch {
  id: string;
  tenantId: string;
  customerId: string | null;
  inboxId: string | null;
  text: string | null;
}

/** The next batch of legacy touches after `afterId` (id order, so a skipped row is not read again). */
export async function legacyTouches(q: Queryable, afterId: string, limit: number): Promise<LegacyTouch[]> {
  const rows = await q.query<{ id: string; tenant_id: string; customer_id: string | null; inbox_id: string | null; text: string | null }>(
    // Spelled as the partial index of migration 0010, so the check is free once nothing is left.
    `select id, tenant_id, customer_id, inbox_id, text from touches where kind in ('chat', 'report') and id > $1 order by id limit $2`,
    [afterId, limit],
  );
  return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, customerId: r.customer_id, inboxId: r.inbox_id, text: r.text }));
}

/**
 * Sets the kinds; a row whose inbox already has a touch of the new kind keeps its legacy kind, because
 * touches_inbox_kind_uq allows one touch per inbox and kind. Visits mark their customer (the touch
 * trigger fires on inserts and customer changes only). Returns the number of touches re-kinded.
 */
export async function setTouchKinds(q: Queryable, rows: readonly { id: string; kind: string }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const updated = await q.query<{ tenant_id: string; customer_id: string | null; kind: string }>(
    `update touches t set kind = v.kind from unnest($1::text[], $2::text[]) v(id, kind)
     where t.id = v.id and (t.inbox_id is null or not exists (select 1 from touches o
       where o.tenant_id = t.tenant_id and o.inbox_id = t.inbox_id and o.kind = v.kind and o.id <> t.id))
     returning t.tenant_id, t.customer_id, t.kind`,
    [rows.map((r) => r.id), rows.map((r) => r.kind)],
  );
  const visited = updated.filter((r) => r.kind === 'visit' && r.customer_id !== null);
  if (visited.length) {
    await q.execute(
      `update customers set has_visit = true where not has_visit and id = any($1::text[])`,
      [visited.map((r) => r.customer_id)],
    );
  }
  return updated.length;
}
