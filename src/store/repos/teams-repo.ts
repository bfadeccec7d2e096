// Teams, their members and managers, and their alert target.
import type { AlertTarget } from '../../domain/teams/alert-target.js';
import type { Queryable } from '../database.js';

export interface Team {
  key: string;
  name: string;
  alert: AlertTarget | null;
  memberUserIds: string[];
  managerUserIds: string[];
  updatedAt: Date;
}

/** A member taken out of their former team because a person is a member of one team at most. */
export interface MovedMember {
  userId: string;
  fromTeamKey: string;
}

/**
 * Replaces the team's name, target and membership in one go (PUT semantics). A person is a member of at
 * most one team, so a member listed here leaves any other team's members (keeping a manager role there:
 * managers may lead several teams); returns who moved from where.
 */
export async function upsertTeam(
  q: Queryable,
  tenantId: string,
  t: { key: string; name: string; alert: AlertTarget | null; memberUserIds: string[]; managerUserIds: string[] },
): Promise<MovedMember[]> {
  await q.execute(
    `insert into teams (tenant_id, key, name, alert) values ($1, $2, $3, $4::jsonb)
     on conflict (tenant_id, key) do update set name = excluded.name, alert = excluded.alert, updated_at = now()`,
    [tenantId, t.key, t.name, t.alert ? JSON.stringify(t.alert) : null],
  );
  const moved = await q.query<{ user_id: string; team_key: string }>(
    `select user_id, team_key from team_members where tenant_id = $1 and team_key <> $2 and is_member and user_id = any($3::text[])
     order by user_id, team_key`,
    [tenantId, t.key, t.memberUserIds],
  );
  await q.execute(`update team_members set is_member = false where tenant_id = $1 and team_key <> $2 and is_member and user_id = any($3::text[])`, [
    tenantId, t.key, t.memberUserIds,
  ]);
  await q.execute('delete from team_members where tenant_id = $1 and not is_member and not is_manager', [tenantId]);
  await q.execute('delete from team_members where tenant_id = $1 and team_key = $2', [tenantId, t.key]);
  for (const userId of new Set([...t.memberUserIds, ...t.managerUserIds])) {
    await q.execute('insert into team_members (tenant_id, team_key, user_id, is_member, is_manager) values ($1, $2, $3, $4, $5)', [
      tenantId, t.key, userId, t.memberUserIds.includes(userId), t.managerUserIds.includes(userId),
    ]);
  }
  // users.team_key is the rep's home team (a manager may lead several teams and keeps theirs).
  await q.execute(`update users set team_key = $2, updated_at = now() where tenant_id = $1 and id = any($3::text[])`, [
    tenantId, t.key, t.memberUserIds.filter((u) => !t.managerUserIds.includes(u)),
  ]);
  await q.execute(`update users set role = 'manager', updated_at = now() where tenant_id = $1 and id = any($2::text[]) and role = 'rep'`, [
    tenantId, t.managerUserIds,
  ]);
  return moved.map((m) => ({ userId: m.user_id, fromTeamKey: m.team_key }));
}

export async function listTeams(q: Queryable, tenantId: string): Promise<Team[]> {
  const teams = await q.query<{ key: string; name: string; alert: AlertTarget | null; updated_at: Date }>(
    'select key, name, alert, updated_at from teams where tenant_id = $1 order by key', [tenantId]);
  const members = await q.query<{ team_key: string; user_id: string; is_member: boolean; is_manager: boolean }>(
    'select team_key, user_id, is_member, is_manager from team_members where tenant_id = $1 order by user_id', [tenantId]);
  return teams.map((t) => ({
    key: t.key,
    name: t.name,
    alert: t.alert,
    memberUserIds: members.filter((m) => m.team_key === t.key && m.is_member).map((m) => m.user_id),
    managerUserIds: members.filter((m) => m.team_key === t.key && m.is_manager).map((m) => m.user_id),
    updatedAt: new Date(t.updated_at),
  }));
}
