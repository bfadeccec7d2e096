// The synced platform directory (departments, who is in them), teams bound to departments, sync runs,
// and the person-level effects of a sync: directory names, leavers deactivated and reactivated.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export interface StoredDepartment {
  channel: ChannelId;
  deptId: string;
  name: string | null;
  parentId: string | null;
  leaderIds: string[];
}

/** Upserts the listed departments; a complete listing also removes departments the platform no longer has. */
export async function saveDepartments(
  q: Queryable, tenantId: string, channel: ChannelId, departments: readonly Omit<StoredDepartment, 'channel'>[], at: Date, complete: boolean,
): Promise<void> {
  for (const d of departments) {
    await q.execute(
      `insert into directory_departments (tenant_id, channel, dept_id, name, parent_id, leader_ids, synced_at)
       values ($1, $2, $3, $4, $5, $6::text[], $7)
       on conflict (tenant_id, channel, dept_id) do update set name = excluded.name, parent_id = excluded.parent_id,
         leader_ids = excluded.leader_ids, synced_at = excluded.synced_at`,
      [tenantId, channel, d.deptId, d.name, d.parentId, d.leaderIds, at],
    );
  }
  if (!complete) return;
  const ids = departments.map((d) => d.deptId);
  await q.execute('delete from directory_departments where tenant_id = $1 and channel = $2 and not (dept_id = any($3::text[]))', [tenantId, channel, ids]);
  await q.execute('delete from directory_members where tenant_id = $1 and channel = $2 and not (dept_id = any($3::text[]))', [tenantId, channel, ids]);
}

/** Replaces the members of the departments that were read (departments that failed keep what they had). */
export async function saveMembers(
  q: Queryable, tenantId: string, channel: ChannelId, readDeptIds: readonly string[],
  rows: readonly { deptId: string; platformId: string; isLeader: boolean }[],
): Promise<void> {
  await q.execute('delete from directory_members where tenant_id = $1 and channel = $2 and dept_id = any($3::text[])', [tenantId, channel, [...readDeptIds]]);
  if (rows.length === 0) return;
  await q.execute(
    `insert into directory_members (tenant_id, channel, dept_id, platform_id, is_leader)
     select $1, $2, d, p, l from unnest($3::text[], $4::text[], $5::boolean[]) as r(d, p, l)
     on conflict do nothing`,
    [tenantId, channel, rows.map((r) => r.deptId), rows.map((r) => r.platformId), rows.map((r) => r.isLeader)],
  );
}

export async function listDepartments(q: Queryable, tenantId: string): Promise<StoredDepartment[]> {
  const rows = await q.query<{ channel: ChannelId; dept_id: string; name: string | null; parent_id: string | null; leader_ids: string[] }>(
    'select channel, dept_id, name, parent_id, leader_ids from directory_departments where tenant_id = $1 order by channel, dept_id',
    [tenantId],
  );
  return rows.map((r) => ({ channel: r.channel, deptId: r.dept_id, name: r.name, parentId: r.parent_id, leaderIds: r.leader_ids ?? [] }));
}

export interface DepartmentMember {
  channel: ChannelId;
  deptId: string;
  platformId: string;
  isLeader: boolean;
  /** The person behind the account, when it has one. */
  userId: string | null;
  name: string | null;
  active: boolean;
}

export async function listDepartmentMembers(q: Queryable, tenantId: string): Promise<DepartmentMember[]> {
  const rows = await q.query<{ channel: ChannelId; dept_id: string; platform_id: string; is_leader: boolean; user_id: string | null; name: string | null; active: boolean | null }>(
    `select m.channel, m.dept_id, m.platform_id, m.is_leader, u.id as user_id, u.name, u.active
     from directory_members m
     left join identities i on i.tenant_id = m.tenant_id and i.channel = m.channel and i.platform_id = m.platform_id
     left join users u on u.tenant_id = i.tenant_id and u.id = i.user_id
     where m.tenant_id = $1 order by m.channel, m.dept_id, m.platform_id`,
    [tenantId],
  );
  return rows.map((r) => ({
    channel: r.channel, deptId: r.dept_id, platformId: r.platform_id, isLeader: r.is_leader, userId: r.user_id, name: r.name, active: r.active !== false,
  }));
}

/** Every channel account with its person and whether the person is active. */
export async function accountsWithPeople(q: Queryable, tenantId: string): Promise<{ userId: string; channel: ChannelId; platformId: string; active: boolean }[]> {
  const rows = await q.query<{ user_id: string; channel: ChannelId; platform_id: string; active: boolean }>(
    `select i.user_id, i.channel, i.platform_id, u.active from identities i
     join users u on u.tenant_id = i.tenant_id and u.id = i.user_id where i.tenant_id = $1 order by i.user_id, i.channel, i.platform_id`,
    [tenantId],
  );
  return rows.map((r) => ({ userId: r.user_id, channel: r.channel, platformId: r.platform_id, active: r.active !== false }));
}

/** The directory is the source of truth for names: sets it when it differs; returns whether it changed. */
export async function setDirectoryName(q: Queryable, tenantId: string, userId: string, name: string): Promise<boolean> {
  const n = await q.execute('update users set name = $3, updated_at = now() where tenant_id = $1 and id = $2 and name is distinct from $3', [tenantId, userId, name]);
  return n > 0;
}

export async function deactivatePerson(q: Queryable, tenantId: string, userId: string, at: Date): Promise<boolean> {
  const n = await q.execute('update users set active = false, deactivated_at = $3, updated_at = now() where tenant_id = $1 and id = $2 and active', [tenantId, userId, at]);
  return n > 0;
}

export async function reactivatePerson(q: Queryable, tenantId: string, userId: string): Promise<boolean> {
  const n = await q.execute('update users set active = true, deactivated_at = null, updated_at = now() where tenant_id = $1 and id = $2 and not active', [tenantId, userId]);
  return n > 0;
}

/**
 * Pushes still waiting for a person who just left (a 08:30 push held over the quiet hours) are closed as
 * dead letters with the reason; new ones are never written (outbox-repo insertOutbound).
 */
export async function closePendingPushesTo(q: Queryable, tenantId: string, userId: string, reason: string): Promise<number> {
  return q.execute(
    `update outbox o set status = 'dead', last_error = $3
     where o.tenant_id = $1 and o.status = 'pending' and o.recipient->>'kind' = 'user'
       and exists (select 1 from identities i where i.tenant_id = o.tenant_id and i.user_id = $2
                   and i.channel = o.channel and i.platform_id = o.recipient->>'userId')`,
    [tenantId, userId, reason],
  );
}

/** Pairs of different people whose accounts on two channels share a mobile or email key (and no third). */
export async function contactTwins(q: Queryable, tenantId: string): Promise<{ a: string; b: string }[]> {
  return q.query<{ a: string; b: string }>(
    `with keyed as (
       select user_id, channel, k from identities, lateral (values (mobile_hash), (email_hash)) as v(k)
       where tenant_id = $1 and k is not null
     ), owners as (
       select k, array_agg(distinct user_id order by user_id) as people from keyed group by k
     )
     select distinct o.people[1] as a, o.people[2] as b from owners o
     where cardinality(o.people) = 2
       and exists (select 1 from keyed x join keyed y on x.k = y.k and x.channel <> y.channel
                   where x.k = o.k and x.user_id = o.people[1] and y.user_id = o.people[2])
     order by a, b`,
    [tenantId],
  );
}

export interface TeamBinding {
  teamKey: string;
  channel: ChannelId;
  deptId: string;
}

export async function listTeamBindings(q: Queryable, tenantId: string): Promise<TeamBinding[]> {
  const rows = await q.query<{ team_key: string; channel: ChannelId; dept_id: string }>(
    'select team_key, channel, dept_id from team_departments where tenant_id = $1 order by team_key, channel, dept_id', [tenantId]);
  return rows.map((r) => ({ teamKey: r.team_key, channel: r.channel, deptId: r.dept_id }));
}

export async function replaceTeamBindings(q: Queryable, tenantId: string, teamKey: string, refs: readonly { channel: ChannelId; deptId: string }[]): Promise<void> {
  await q.execute('delete from team_departments where tenant_id = $1 and team_key = $2', [tenantId, teamKey]);
  for (const r of refs) {
    await q.execute('insert into team_departments (tenant_id, team_key, channel, dept_id) values ($1, $2, $3, $4) on conflict do nothing', [
      tenantId, teamKey, r.channel, r.deptId,
    ]);
  }
}

/** Members of the team who left but still own customers: they stay until those are handed over. */
export async function leaversWithCustomersIn(q: Queryable, tenantId: string, teamKey: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    `select m.user_id from team_members m join users u on u.tenant_id = m.tenant_id and u.id = m.user_id
     where m.tenant_id = $1 and m.team_key = $2 and m.is_member and not u.active
       and exists (select 1 from customers c where c.tenant_id = m.tenant_id and c.owner_user_id = m.user_id)
     order by m.user_id`,
    [tenantId, teamKey],
  );
  return rows.map((r) => r.user_id);
}

export interface Leaver {
  userId: string;
  name: string | null;
  teamKey: string | null;
  deactivatedAt: Date | null;
  customerCount: number;
}

/** Deactivated people who still own customers, most recent first: the ones to hand over. */
export async function leaversWithCustomers(q: Queryable, tenantId: string): Promise<Leaver[]> {
  const rows = await q.query<{ id: string; name: string | null; team_key: string | null; deactivated_at: Date | null; n: number }>(
    `select u.id, u.name, u.team_key, u.deactivated_at, count(c.id)::int as n
     from users u join customers c on c.tenant_id = u.tenant_id and c.owner_user_id = u.id
     where u.tenant_id = $1 and not u.active
     group by u.id, u.name, u.team_key, u.deactivated_at
     order by u.deactivated_at desc nulls last, u.id`,
    [tenantId],
  );
  return rows.map((r) => ({ userId: r.id, name: r.name, teamKey: r.team_key, deactivatedAt: r.deactivated_at ? new Date(r.deactivated_at) : null, customerCount: r.n }));
}

export interface SyncRun {
  id: string;
  channel: ChannelId;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  complete: boolean | null;
  error: string | null;
  warnings: string[];
  people: number;
  departments: number;
  added: number;
  deactivated: number;
  reactivated: number;
}

export async function startSyncRun(q: Queryable, tenantId: string, channel: ChannelId, trigger: string, at: Date): Promise<string> {
  const rows = await q.query<{ id: string }>(
    'insert into directory_syncs (tenant_id, channel, trigger, started_at) values ($1, $2, $3, $4) returning id::text as id', [tenantId, channel, trigger, at]);
  return rows[0]!.id;
}

export async function finishSyncRun(
  q: Queryable, id: string,
  r: { finishedAt: Date; ok: boolean; complete: boolean; error: string | null; warnings: readonly string[]; people: number; departments: number; added: number; deactivated: number; reactivated: number },
): Promise<void> {
  await q.execute(
    `update directory_syncs set finished_at = $2, ok = $3, complete = $4, error = $5, warnings = $6::text[], people = $7,
       departments = $8, added = $9, deactivated = $10, reactivated = $11 where id = $1::bigint`,
    [id, r.finishedAt, r.ok, r.complete, r.error, [...r.warnings], r.people, r.departments, r.added, r.deactivated, r.reactivated],
  );
}

/** The latest run of each channel. */
export async function lastSyncRuns(q: Queryable, tenantId: string): Promise<SyncRun[]> {
  const rows = await q.query<{
    id: string; channel: ChannelId; trigger: string; started_at: Date; finished_at: Date | null; ok: boolean | null; complete: boolean | null;
    error: string | null; warnings: string[]; people: number; departments: number; added: number; deactivated: number; reactivated: number;
  }>(
    `select distinct on (s.channel) s.id::text as id, s.channel, s.trigger, s.started_at, s.finished_at, s.ok, s.complete, s.error,
       s.warnings, s.people, s.departments, s.added, s.deactivated, s.reactivated
     from directory_syncs s where s.tenant_id = $1 order by s.channel, s.started_at desc, s.id desc`,
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id, channel: r.channel, trigger: r.trigger, startedAt: new Date(r.started_at), finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    ok: r.ok, complete: r.complete, error: r.error, warnings: r.warnings ?? [], people: r.people, departments: r.departments,
    added: r.added, deactivated: r.deactivated, reactivated: r.reactivated,
  }));
}
