// Tenants and the platform apps that map to them.
import type { Queryable } from '../database.js';

export async function ensureTenant(q: Queryable, id: string, name: string): Promise<void> {
  await q.execute('insert into tenants (id, name) values ($1, $2) on conflict (id) do nothing', [id, name]);
}

export async function linkApp(
  q: Queryable,
  app: { channel: string; orgId: string; appId: string; tenantId: string },
): Promise<void> {
  await q.execute(
    `insert into tenant_apps (channel, org_id, app_id, tenant_id) values ($1, $2, $3, $4)
     on conflict (channel, org_id, app_id) do update set tenant_id = excluded.tenant_id`,
    [app.channel, app.orgId, app.appId, app.tenantId],
  );
}

export async function findTenantByOrg(q: Queryable, channel: string, orgId: string): Promise<string | null> {
  const rows = await q.query<{ tenant_id: string }>(
    'select tenant_id from tenant_apps where channel = $1 and org_id = $2 limit 1',
    [channel, orgId],
  );
  return rows[0]?.tenant_id ?? null;
}
