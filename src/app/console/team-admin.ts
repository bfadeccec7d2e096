// The console's 团队与成员 page: teams with their people and alert target (secrets masked), editing a
// team the way PUT /api/teams/:key does (same repo, same target parsing), a test message to the team's
// alert target through the outbox, and the people an admin or manager may pick from.
import { randomUUID } from 'node:crypto';
import { publicAlertTarget } from '../../domain/teams/alert-target.js';
import { saveTeam, type TeamInput } from '../teams/save-team.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import type { Database, Queryable } from '../../store/database.js';
import { listDepartments, listTeamBindings } from '../../store/repos/directory-repo.js';
import { insertOutbound } from '../../store/repos/outbox-repo.js';
import { listTeams, type MovedMember, type Team } from '../../store/repos/teams-repo.js';
import { listUsers, type User } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import { alertDelivery } from '../teams/alert-delivery.js';
import { adminText } from './admin-texts.js';
import { ownersVisibleTo, teamsVisibleTo, type Viewer } from './viewer.js';

export interface TeamPerson {
  userId: string;
  name: string | null;
  active: boolean;
}

export interface ConsoleTeam {
  key: string;
  name: string;
  /** Kind plus masked keys and tokens: the full secrets never leave the server. */
  alert: Record<string, string | null> | null;
  members: TeamPerson[];
  managers: TeamPerson[];
  /** Directory departments the team is bound to: its members and managers follow them at every sync. */
  departments: { channel: string; deptId: string; name: string | null }[];
  updatedAt: string;
}

const person = (users: ReadonlyMap<string, User>) => (userId: string): TeamPerson => {
  const u = users.get(userId);
  return { userId, name: u?.name ?? null, active: u ? u.active : false };
};

type Departments = ReadonlyMap<string, ConsoleTeam['departments']>;

function teamView(t: Team, users: ReadonlyMap<string, User>, departments: Departments): ConsoleTeam {
  return {
    key: t.key,
    name: t.name,
    alert: publicAlertTarget(t.alert),
    members: t.memberUserIds.map(person(users)),
    managers: t.managerUserIds.map(person(users)),
    departments: departments.get(t.key) ?? [],
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** Teams the viewer may see: every team for an admin, the led ones for a manager. */
export async function teamsInScope(q: Queryable, viewer: Viewer): Promise<Team[]> {
  const scope = teamsVisibleTo(viewer, null);
  const teams = await listTeams(q, viewer.tenantId);
  return scope === 'all' ? teams : teams.filter((t) => scope.includes(t.key));
}

/** Each team's bound departments with the names the last sync gave them. */
async function boundDepartments(q: Queryable, tenantId: string): Promise<Departments> {
  const [bindings, departments] = await Promise.all([listTeamBindings(q, tenantId), listDepartments(q, tenantId)]);
  const names = new Map(departments.map((d) => [`${d.channel} ${d.deptId}`, d.name]));
  const out = new Map<string, ConsoleTeam['departments']>();
  for (const b of bindings) {
    out.set(b.teamKey, [...(out.get(b.teamKey) ?? []), { channel: b.channel, deptId: b.deptId, name: names.get(`${b.channel} ${b.deptId}`) ?? null }]);
  }
  return out;
}

export async function listConsoleTeams(q: Queryable, viewer: Viewer): Promise<ConsoleTeam[]> {
  const [teams, users, departments] = await Promise.all([teamsInScope(q, viewer), listUsers(q, viewer.tenantId), boundDepartments(q, viewer.tenantId)]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return teams.map((t) => teamView(t, byId, departments));
}

/** One visible team, or 404 (a manager asking for another team's key learns nothing). */
export async function teamInScope(q: Queryable, viewer: Viewer, key: string): Promise<Team> {
  const team = (await teamsInScope(q, viewer)).find((t) => t.key === key);
  if (!team) throw notFound('unknown_team', adminText.errors.noTeam);
  return team;
}

/** Creates or replaces a team (admin only, checked by the route) as the admin API does; returns it and who moved. */
export async function saveConsoleTeam(db: Database, viewer: Viewer, key: string, input: TeamInput): Promise<{ team: ConsoleTeam; movedMembers: MovedMember[] }> {
  const tenantId = viewer.tenantId;
  const movedMembers = await saveTeam(db, tenantId, key, input, { keepAlert: true });
  const [teams, users, departments] = await Promise.all([listTeams(db, tenantId), listUsers(db, tenantId), boundDepartments(db, tenantId)]);
  const saved = teams.find((t) => t.key === key)!;
  return { team: teamView(saved, new Map(users.map((u) => [u.id, u])), departments), movedMembers };
}

/**
 * A short test message to the team's alert target, through the outbox like every push. It goes at once,
 * also in quiet hours: someone is looking at the console waiting for it.
 */
export async function sendTestAlert(deps: Pick<AppDeps, 'db' | 'queue' | 'clock'>, tenantId: string, team: Team): Promise<{ outboxId: string }> {
  if (!team.alert) throw badRequest('no_alert_target', adminText.errors.noAlertTarget);
  const { channel, recipient } = alertDelivery(team.alert);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const outboxId = await insertOutbound(tx, {
      tenantId, channel, recipient, notBefore: now,
      idempotencyKey: `test-alert:${team.key}:${now.getTime()}:${randomUUID()}`,
      message: { kind: 'text', text: adminText.testAlert(team.name) },
    });
    if (!outboxId) throw new AppError('test_alert_failed', 'the test alert was not queued');
    await deps.queue.enqueue('deliver-outbound', { outboxId }, { tx });
    return { outboxId };
  });
}

export interface PickablePerson {
  id: string;
  name: string | null;
  role: User['role'];
  teamKey: string | null;
  active: boolean;
}

/** People for pickers: everyone for an admin, a manager's own people (self and members of led teams). */
export async function listPeople(q: Queryable, viewer: Viewer): Promise<PickablePerson[]> {
  const [users, owners] = await Promise.all([listUsers(q, viewer.tenantId), ownersVisibleTo(q, viewer)]);
  return users
    .filter((u) => owners === 'all' || owners.includes(u.id))
    .map((u) => ({ id: u.id, name: u.name, role: u.role, teamKey: u.teamKey, active: u.active }));
}
