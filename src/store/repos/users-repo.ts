// Directory of platform users per tenant.
import type { Queryable } from '../database.js';

export type Role = 'rep' | 'manager' | 'store_staff' | 'admin';

export interface User {
  tenantId: string;
  id: string;
  name: string | null;
  role: Role;
  teamKey: string | null;
  managerId: string | null;
  createdAt: Date;
}

interface UserRow {
  tenant_id: string;
  id: string;
  name: string | null;
  role: Role;
  team_key: string | null;
  manager_id: string | null;
  created_at: Date;
}

const toUser = (r: UserRow): User => ({
  tenantId: r.tenant_id,
  id: r.id,
  name: r.name,
  role: r.role,
  teamKey: r.team_key,
  managerId: r.manager_id,
  createdAt: new Date(r.created_at),
});

export async function findUser(q: Queryable, tenantId: string, id: string): Promise<User | null> {
  const rows = await q.query<UserRow>('select * from users where tenant_id = $1 and id = $2', [tenantId, id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Creates the user as a rep when unknown; returns true when it was created. */
export async function ensureUser(q: Queryable, tenantId: string, id: string, name: string | null): Promise<boolean> {
  const n = await q.execute(
    `insert into users (tenant_id, id, name) values ($1, $2, $3) on conflict (tenant_id, id) do nothing`,
    [tenantId, id, name],
  );
  return n > 0;
}

export async function listUsers(q: Queryable, tenantId: string): Promise<User[]> {
  const rows = await q.query<UserRow>('select * from users where tenant_id = $1 order by id', [tenantId]);
  return rows.map(toUser);
}
