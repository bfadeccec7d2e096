// What the console's store page reads beyond stores-repo: every QR code of some stores (revoked ones
// too, so an admin sees what was switched off) and per-store visit and review counts.
import type { QrCode } from './stores-repo.js';
import type { Queryable } from '../database.js';

export interface ListedQrCode extends QrCode {
  createdAt: Date;
}

export async function qrCodesOf(q: Queryable, tenantId: string, storeKeys: readonly string[]): Promise<ListedQrCode[]> {
  const rows = await q.query<{
    id: string; tenant_id: string; store_key: string; purpose: QrCode['purpose']; campaign: string | null; created_at: Date; revoked_at: Date | null;
  }>(
    `select id, tenant_id, store_key, purpose, campaign, created_at, revoked_at from qr_codes
     where tenant_id = $1 and store_key = any($2::text[]) order by store_key, created_at desc`,
    [tenantId, [...storeKeys]],
  );
  return rows.map((r) => ({
    id: r.id, tenantId: r.tenant_id, storeKey: r.store_key, purpose: r.purpose, campaign: r.campaign,
    createdAt: new Date(r.created_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  }));
}

export interface StoreCounts {
  /** Visits since the given time. */
  visits: number;
  /** Flagged visits still waiting for a review (any age). */
  pendingReviews: number;
}

export async function storeCounts(q: Queryable, tenantId: string, storeKeys: readonly string[], since: Date): Promise<Map<string, StoreCounts>> {
  const rows = await q.query<{ store_key: string; visits: number; pending: number }>(
    `select store_key, count(*) filter (where created_at >= $3)::int as visits,
       count(*) filter (where review_status = 'pending')::int as pending
     from store_visits where tenant_id = $1 and store_key = any($2::text[]) group by store_key`,
    [tenantId, [...storeKeys], since],
  );
  return new Map(rows.map((r) => [r.store_key, { visits: r.visits, pendingReviews: r.pending }]));
}
