// Directory of platform users per tenant.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export type Role = 'rep' | 'manager' | 'store_staff' | 'admin';

export interface User {
  tenantId: string;
  id: string;
  name: string | null;
  role: Role;
  teamKey: string | null;
  managerId: string | null;
  /** Where the user talks to the bot, and so where their pushes go. */
  channel: ChannelId;
  createdAt: Date;
}

interface UserRow {
  tenant_id: string;
  id: string;
  name: string | null;
  role: Role;
  team_key: string | null;
  manager_id: string | null;
  channel: ChannelId;
  created_at: Date;
}

const toUser = (r: UserRow): User => ({
  tenantId: r.tenant_id,
  id: r.id,
  name: r.name,
  role: r.role,
  teamKey: r.team_key,
  managerId: r.manager_id,
  channel: r.channel,
  createdAt: new Date(r.created_at),
});

export async function findUser(q: Queryable, tenantId: string, id: string): Promise<User | null> {
  const rows = await q.query<UserRow>('select * from users where tenant_id = $1 and id = $2', [tenantId, id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * Creates the user as a rep when unknown and records the channel they last wrote from (a user moving
 * from WeCom to DingTalk gets pushes there from then on); returns true when the user was created.
 */
export async function ensureUser(q: Queryable, tenantId: string, id: string, name: string | null, channel: ChannelId): Promise<boolean> {
  const rows = await q.query<{ created: boolean }>(
    `insert into users (tenant_id, id, name, channel) values ($1, $2, $3, $4)
     on conflict (tenant_id, id) do update set channel = excluded.channel, updated_at = now()
       where users.channel <> excluded.channel
     returning (xmax = 0) as created`,
    [tenantId, id, name, channel],
  );
  return rows[0]?.created ?? false;
}

/** Each user's channel (unknown ids are absent). */
export async function channelsOf(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, ChannelId>> {
  const rows = await q.query<{ id: string; channel: ChannelId }>('select id, channel from users where tenant_id = $1 and id = any($2)', [tenantId, ids]);
  return new Map(rows.map((r) => [r.id, r.channel]));
}

export async function listUsers(q: Queryable, tenantId: string): Promise<User[]> {
  const rows = await q.query<UserRow>('select * from users where tenant_id = $1 order by id', [tenantId]);
  return rows.map(toUser);
}
