// Named leases for work exactly one instance may do at a time (the DingTalk Stream connection). A
// lease is held until it expires unless renewed; a crashed holder's lease lapses and another takes it.
import type { Queryable } from '../database.js';

/** Takes the lease when free, expired, or already ours; true when we hold it until `now + ttlMs`. */
export async function acquireLease(q: Queryable, tenantId: string, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const rows = await q.query<{ holder: string }>(
    `insert into leases (tenant_id, name, holder, expires_at) values ($1, $2, $3, $4)
     on conflict (tenant_id, name) do update set holder = excluded.holder, expires_at = excluded.expires_at
       where leases.holder = excluded.holder or leases.expires_at <= $5
     returning holder`,
    [tenantId, name, holder, new Date(now.getTime() + ttlMs), now],
  );
  return rows.length === 1;
}

export async function releaseLease(q: Queryable, tenantId: string, name: string, holder: string): Promise<void> {
  await q.execute('delete from leases where tenant_id = $1 and name = $2 and holder = $3', [tenantId, name, holder]);
}
