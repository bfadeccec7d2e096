// Read models for the console's scoping: the people a viewer may pick (with their home team), the teams,
// and everyone who sells in the tenant (the admin's "all teams" view).
import type { Queryable } from '../database.js';

export interface PersonInScope {
  id: string;
  name: string;
  /** The team the person is a member of (one at most); null outside every team. */
  teamKey: string | null;
  active: boolean;
}

/** People by id (all of the tenant for 'all'), named, with their member team; active people first. */
export async function peopleIn(q: Queryable, tenantId: string, ids: 'all' | readonly string[]): Promise<PersonInScope[]> {
  const rows = await q.query<{ id: string; name: string | null; team_key: string | null; active: boolean }>(
    `select u.id, u.name, u.active,
       (select m.team_key from team_members m where m.tenant_id = u.tenant_id and m.user_id = u.id and m.is_member order by m.team_key limit 1) as team_key
     from users u where u.tenant_id = $1 and u.role <> 'store_staff' and ($2::text[] is null or u.id = any($2::text[]))
     order by u.active desc, coalesce(u.name, u.id), u.id`,
    [tenantId, ids === 'all' ? null : [...ids]],
  );
  return rows.map((r) => ({ id: r.id, name: r.name ?? r.id, teamKey: r.team_key, active: r.active !== false }));
}

/** Members (not managers) of one team: whose numbers a team's 总览 shows, as the chat commands count them. */
export async function teamMemberIds(q: Queryable, tenantId: string, teamKey: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    'select user_id from team_members where tenant_id = $1 and team_key = $2 and is_member order by user_id',
    [tenantId, teamKey],
  );
  return rows.map((r) => r.user_id);
}

/** Everyone whose numbers count tenant-wide: team members, customer owners and report writers. */
export async function sellingPeople(q: Queryable, tenantId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select user_id as id from team_members where tenant_id = $1 and is_member
     union select owner_user_id from customers where tenant_id = $1
     union select user_id from battle_reports where tenant_id = $1
     order by id`,
    [tenantId],
  );
  return rows.map((r) => r.id);
}

/** The team a person is a member of, if any. */
export async function homeTeamOf(q: Queryable, tenantId: string, userId: string): Promise<string | null> {
  const rows = await q.query<{ team_key: string }>(
    'select team_key from team_members where tenant_id = $1 and user_id = $2 and is_member order by team_key limit 1',
    [tenantId, userId],
  );
  return rows[0]?.team_key ?? null;
}

export async function teamNames(q: Queryable, tenantId: string): Promise<{ key: string; name: string }[]> {
  return q.query<{ key: string; name: string }>('select key, name from teams where tenant_id = $1 order by name, key', [tenantId]);
}
