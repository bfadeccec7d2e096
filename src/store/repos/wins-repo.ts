// What a 喜报 (won-deal post) reads and the per-team switch that silences it (team_settings, migration 0020).
import type { AlertTarget } from '../../domain/teams/alert-target.js';
import type { Queryable } from '../database.js';

/** Whether the customer's stage history already has a move into this (won) stage. */
export async function enteredStageBefore(q: Queryable, tenantId: string, customerId: string, stage: string): Promise<boolean> {
  const rows = await q.query('select 1 from stage_changes where tenant_id = $1 and customer_id = $2 and to_stage = $3 limit 1', [
    tenantId, customerId, stage,
  ]);
  return rows.length > 0;
}

export interface WinFacts {
  repName: string | null;
  /** The customer's amount, else the latest amount a report of it gave. */
  amount: number | null;
  /** The first touch (stage moves aside), else when the customer was first inquired about. */
  firstTouchAt: Date | null;
}

export async function winFacts(q: Queryable, tenantId: string, customerId: string, ownerUserId: string): Promise<WinFacts> {
  const rows = await q.query<{ rep_name: string | null; amount: number | null; first_touch_at: Date | null }>(
    `select (select name from users where tenant_id = $1 and id = $3) as rep_name,
       coalesce(c.amount, (select b.amount from battle_reports b where b.tenant_id = $1 and b.customer_id = c.id and b.amount is not null
                            order by b.recorded_at desc limit 1))::float8 as amount,
       coalesce((select min(t.occurred_at) from touches t where t.tenant_id = $1 and t.customer_id = c.id and t.kind <> 'stage_change'),
                c.first_inquiry_at, c.created_at) as first_touch_at
     from customers c where c.tenant_id = $1 and c.id = $2`,
    [tenantId, customerId, ownerUserId],
  );
  const r = rows[0];
  return {
    repName: r?.rep_name ?? null,
    amount: r?.amount === null || r?.amount === undefined ? null : Number(r.amount),
    firstTouchAt: r?.first_touch_at ? new Date(r.first_touch_at) : null,
  };
}

export interface WinTeam {
  key: string;
  name: string;
  alert: AlertTarget | null;
  winPosts: boolean;
}

/** The rep's team (the one they are a member of, else their home team) with its target and switch. */
export async function teamOfRep(q: Queryable, tenantId: string, userId: string): Promise<WinTeam | null> {
  const rows = await q.query<{ key: string; name: string; alert: AlertTarget | null; win_posts: boolean | null }>(
    `select t.key, t.name, t.alert, s.win_posts from teams t
     left join team_settings s on s.tenant_id = t.tenant_id and s.team_key = t.key
     where t.tenant_id = $1 and t.key = coalesce(
       (select m.team_key from team_members m where m.tenant_id = $1 and m.user_id = $2 and m.is_member order by m.team_key limit 1),
       (select u.team_key from users u where u.tenant_id = $1 and u.id = $2))`,
    [tenantId, userId],
  );
  const r = rows[0];
  return r ? { key: r.key, name: r.name, alert: r.alert, winPosts: r.win_posts ?? true } : null;
}

export interface TeamSettings {
  teamKey: string;
  winPosts: boolean;
}

export async function getTeamSettings(q: Queryable, tenantId: string, teamKey: string): Promise<TeamSettings | null> {
  const rows = await q.query<{ key: string; win_posts: boolean | null }>(
    `select t.key, s.win_posts from teams t left join team_settings s on s.tenant_id = t.tenant_id and s.team_key = t.key
     where t.tenant_id = $1 and t.key = $2`,
    [tenantId, teamKey],
  );
  const r = rows[0];
  return r ? { teamKey: r.key, winPosts: r.win_posts ?? true } : null;
}

/** Sets the team's switches; false when the team does not exist. */
export async function setWinPosts(q: Queryable, tenantId: string, teamKey: string, on: boolean, by: string | null): Promise<boolean> {
  const rows = await q.query(
    `insert into team_settings (tenant_id, team_key, win_posts, updated_by)
     select $1, key, $3, $4 from teams where tenant_id = $1 and key = $2
     on conflict (tenant_id, team_key) do update set win_posts = excluded.win_posts, updated_by = excluded.updated_by, updated_at = now()
     returning team_key`,
    [tenantId, teamKey, on, by],
  );
  return rows.length > 0;
}

/** Teams the user manages, with their switch. */
export async function managedTeams(q: Queryable, tenantId: string, userId: string): Promise<(TeamSettings & { name: string })[]> {
  const rows = await q.query<{ key: string; name: string; win_posts: boolean | null }>(
    `select t.key, t.name, s.win_posts from teams t
     join team_members m on m.tenant_id = t.tenant_id and m.team_key = t.key and m.user_id = $2 and m.is_manager
     left join team_settings s on s.tenant_id = t.tenant_id and s.team_key = t.key
     where t.tenant_id = $1 order by t.key`,
    [tenantId, userId],
  );
  return rows.map((r) => ({ teamKey: r.key, name: r.name, winPosts: r.win_posts ?? true }));
}
