// People per tenant (a user row is a person; their channel accounts are in identities-repo).
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';
import { findIdentity, insertIdentity, lockIdentity } from './identities-repo.js';

export type Role = 'rep' | 'manager' | 'store_staff' | 'admin';

export interface User {
  tenantId: string;
  id: string;
  name: string | null;
  role: Role;
  teamKey: string | null;
  managerId: string | null;
  /** The channel the person first came from; pushes follow their identities (last used), not this. */
  channel: ChannelId;
  /** False once the directory says the person left: no pushes, no console. */
  active: boolean;
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
  active: boolean;
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
  active: r.active !== false,
  createdAt: new Date(r.created_at),
});

export async function findUser(q: Queryable, tenantId: string, id: string): Promise<User | null> {
  const rows = await q.query<UserRow>('select * from users where tenant_id = $1 and id = $2', [tenantId, id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * The person behind a channel account, created as a rep (with the identity) when the account is unknown;
 * returns true when the person was created. Tests and seeds use it; inbound messages go through
 * app/people/resolve-sender, which also links accounts by the directory.
 */
export async function ensureUser(q: Queryable, tenantId: string, platformId: string, name: string | null, channel: ChannelId): Promise<boolean> {
  await lockIdentity(q, tenantId, channel, platformId);
  if (await findIdentity(q, tenantId, channel, platformId)) return false;
  const adopted = await personWithoutIdentity(q, tenantId, platformId);
  const userId = adopted ?? (await insertPerson(q, tenantId, { channel, platformId, name, role: 'rep' }));
  await insertIdentity(q, tenantId, { channel, platformId, userId, seen: false, keys: null });
  return adopted === null;
}

/**
 * A person row with this id that no channel account belongs to yet (seeded or created by an admin before
 * the person first wrote): the account with the same platform id is theirs. A person who already has an
 * identity is never given a second one this way.
 */
export async function personWithoutIdentity(q: Queryable, tenantId: string, id: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>(
    `select id from users u where tenant_id = $1 and id = $2
     and not exists (select 1 from identities i where i.tenant_id = u.tenant_id and i.user_id = u.id)`,
    [tenantId, id],
  );
  return rows[0]?.id ?? null;
}

/**
 * A new person for a channel account. The id is the platform id when no person has it yet, which keeps
 * ids readable and the ones admins already use; otherwise (a DingTalk staffId equal to a WeCom userid)
 * it is "<channel>:<platform id>", so the two accounts stay two people.
 */
export async function insertPerson(
  q: Queryable, tenantId: string, p: { channel: ChannelId; platformId: string; name: string | null; role: Role },
): Promise<string> {
  const candidates = [p.platformId, `${p.channel}:${p.platformId}`];
  for (let i = 0; ; i++) {
    const id = candidates[i] ?? `${p.channel}:${p.platformId}:${i}`;
    const rows = await q.query<{ id: string }>(
      `insert into users (tenant_id, id, name, role, channel) values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, id) do nothing returning id`,
      [tenantId, id, p.name, p.role, p.channel],
    );
    if (rows[0]) return rows[0].id;
  }
}

/** Fills a missing display name (a DingTalk nick, a directory name); a name an admin or directory set stays. */
export async function fillUserName(q: Queryable, tenantId: string, id: string, name: string): Promise<void> {
  await q.execute('update users set name = $3, updated_at = now() where tenant_id = $1 and id = $2 and name is null', [tenantId, id, name]);
}

/** Each person's channel: the one they last wrote from (people without an identity keep users.channel). */
export async function channelsOf(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, ChannelId>> {
  const rows = await q.query<{ id: string; channel: ChannelId }>(
    `select u.id, coalesce((select i.channel from identities i where i.tenant_id = u.tenant_id and i.user_id = u.id
       order by i.last_seen_at desc nulls last, i.created_at desc limit 1), u.channel) as channel
     from users u where u.tenant_id = $1 and u.id = any($2)`,
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [r.id, r.channel]));
}

/** People a typed word may mean: their id, display name or one of their platform ids. */
export async function usersNamed(q: Queryable, tenantId: string, word: string): Promise<User[]> {
  const rows = await q.query<UserRow>(
    `select * from users u where u.tenant_id = $1 and (u.id = $2 or u.name = $2
       or exists (select 1 from identities i where i.tenant_id = u.tenant_id and i.user_id = u.id and i.platform_id = $2))
     order by u.id`,
    [tenantId, word],
  );
  return rows.map(toUser);
}

export async function listUsers(q: Queryable, tenantId: string): Promise<User[]> {
  const rows = await q.query<UserRow>('select * from users where tenant_id = $1 order by id', [tenantId]);
  return rows.map(toUser);
}

/**
 * Deletes a person nothing belongs to: no channel account, customer, touch, report or points (a person
 * an admin emptied by moving their only account to someone else). Returns whether it was deleted.
 */
export async function deletePersonIfUnused(q: Queryable, tenantId: string, id: string): Promise<boolean> {
  const n = await q.execute(
    `delete from users u where u.tenant_id = $1 and u.id = $2
     and not exists (select 1 from identities where tenant_id = $1 and user_id = $2)
     and not exists (select 1 from customers where tenant_id = $1 and owner_user_id = $2)
     and not exists (select 1 from touches where tenant_id = $1 and user_id = $2)
     and not exists (select 1 from battle_reports where tenant_id = $1 and user_id = $2)
     and not exists (select 1 from points_ledger where tenant_id = $1 and user_id = $2)`,
    [tenantId, id],
  );
  if (n === 0) return false;
  await q.execute('delete from team_members where tenant_id = $1 and user_id = $2', [tenantId, id]);
  await q.execute('delete from chat_contexts where tenant_id = $1 and user_id = $2', [tenantId, id]);
  return true;
}

/** Person ids for references an admin may give: a person id, or "<channel>:<platform id>" of an account. */
export async function personIdsFor(q: Queryable, tenantId: string, refs: readonly string[]): Promise<Map<string, string>> {
  const rows = await q.query<{ ref: string; id: string }>(
    `select r.ref, coalesce(u.id, i.user_id) as id from unnest($2::text[]) as r(ref)
     left join users u on u.tenant_id = $1 and u.id = r.ref
     left join identities i on i.tenant_id = $1 and i.channel || ':' || i.platform_id = r.ref
     where u.id is not null or i.user_id is not null`,
    [tenantId, [...refs]],
  );
  return new Map(rows.map((r) => [r.ref, r.id]));
}
