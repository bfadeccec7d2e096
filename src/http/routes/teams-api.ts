// Admin API for teams: PUT /api/teams/:key replaces a team, GET /api/teams lists them.
// Member and manager ids are person ids GET /api/users returns, or "<channel>:<platform id>" of one of
// their accounts (stored as the person id); webhook keys come back masked. A member
// of another team moves here (the answer lists them in movedMembers); managers may lead several teams.
// With "departmentIds" (["wecom:3", "dingtalk:12345"], or a bare "3" when one synced directory has it)
// the team is bound to those departments instead: members from them and their sub-departments, managers
// from their leaders, recomputed at every directory sync. A PUT without departmentIds unbinds the team.
import type Router from '@koa/router';
import { bindTeam } from '../../app/directory/bound-teams.js';
import type { ChannelId } from '../../channels/inbound-event.js';
import { departmentKey, parseDepartmentRef, type DepartmentRef } from '../../domain/directory/department-ref.js';
import { parseAlertTarget, publicAlertTarget } from '../../domain/teams/alert-target.js';
import { AppError, badRequest } from '../../shared/errors.js';
import type { Database, Queryable } from '../../store/database.js';
import { listDepartments, listTeamBindings, replaceTeamBindings, type TeamBinding } from '../../store/repos/directory-repo.js';
import { listTeams, upsertTeam, type Team } from '../../store/repos/teams-repo.js';
import { personIdsFor } from '../../store/repos/users-repo.js';
import { readJsonBody } from '../read-body.js';

const TEAM_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY = 256 * 1024;
const CHANNELS: readonly ChannelId[] = ['wecom', 'dingtalk'];

function idList(v: unknown, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 80)) {
    throw badRequest('invalid_team', `${field} must be a list of user ids`);
  }
  return [...new Set(v as string[])];
}

/** The departments a body names, checked against the synced directory; null when the body names none. */
async function departmentsOf(q: Queryable, tenantId: string, teamKey: string, v: unknown): Promise<DepartmentRef[] | null> {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || !v.every((x) => (typeof x === 'string' || typeof x === 'number') && String(x).length <= 40)) {
    throw badRequest('invalid_team', 'departmentIds must be a list of department ids like "wecom:3"');
  }
  if (v.length === 0) return null;
  const known = (await listDepartments(q, tenantId)).map((d) => ({ channel: d.channel, deptId: d.deptId }));
  const refs: DepartmentRef[] = [];
  for (const raw of v.map(String)) {
    const r = parseDepartmentRef(raw, CHANNELS, known);
    if ('error' in r) {
      const why = r.error === 'ambiguous' ? 'exists on both channels; write "wecom:…" or "dingtalk:…"'
        : r.error === 'unknown' ? 'is not in the synced directory (run POST /api/directory/sync first)'
          : 'is not a department id ("wecom:3", "dingtalk:12345" or "3")';
      throw badRequest(r.error === 'ambiguous' ? 'ambiguous_department' : 'unknown_department', `department ${raw} ${why}`, { departmentId: raw });
    }
    if (!refs.some((x) => departmentKey(x) === departmentKey(r.ref))) refs.push(r.ref);
  }
  const taken = (await listTeamBindings(q, tenantId)).find((b) => b.teamKey !== teamKey && refs.some((r) => departmentKey(r) === departmentKey(b)));
  if (taken) {
    throw new AppError('department_taken', `department ${departmentKey(taken)} is already bound to team ${taken.teamKey}`, {
      status: 409, details: { departmentId: departmentKey(taken), teamKey: taken.teamKey },
    });
  }
  return refs;
}

const teamView = (t: Team, bindings: readonly TeamBinding[]) => ({
  ...t,
  alert: publicAlertTarget(t.alert),
  departmentIds: bindings.filter((b) => b.teamKey === t.key).map(departmentKey),
  updatedAt: t.updatedAt.toISOString(),
});

export function mountTeamsApi(router: Router, deps: { db: Database; tenantId: string }): void {
  const { db, tenantId } = deps;

  router.put('/api/teams/:key', async (ctx) => {
    const key = ctx.params.key!;
    if (!TEAM_KEY.test(key)) throw badRequest('invalid_team', 'team key must be 1–64 letters, digits, _ or -');
    const body = await readJsonBody(ctx, MAX_BODY);
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    if (!name || name.length > 64) throw badRequest('invalid_team', 'name is required (at most 64 characters)');
    const memberUserIds = idList(body.memberUserIds, 'memberUserIds');
    const managerUserIds = idList(body.managerUserIds, 'managerUserIds');
    const alert = parseAlertTarget(body.alert);
    if ('error' in alert) throw badRequest('invalid_team', alert.error);
    const departments = await departmentsOf(db, tenantId, key, body.departmentIds);
    if (departments && (memberUserIds.length || managerUserIds.length)) {
      throw badRequest('invalid_team', 'a team takes its people either from departmentIds or from memberUserIds/managerUserIds, not both');
    }
    let moved;
    if (departments) {
      moved = await db.transaction((tx) => bindTeam(tx, tenantId, { key, name, alert: alert.target, departments }));
    } else {
      const refs = await personIdsFor(db, tenantId, [...memberUserIds, ...managerUserIds]);
      const unknown = [...new Set([...memberUserIds, ...managerUserIds].filter((r) => !refs.has(r)))];
      if (unknown.length) throw badRequest('unknown_user', `unknown user id: ${unknown.join(', ')}`, { userIds: unknown });
      const people = (ids: string[]) => [...new Set(ids.map((r) => refs.get(r)!))];
      moved = await db.transaction(async (tx) => {
        await replaceTeamBindings(tx, tenantId, key, []);
        return upsertTeam(tx, tenantId, { key, name, alert: alert.target, memberUserIds: people(memberUserIds), managerUserIds: people(managerUserIds) });
      });
    }
    const team = (await listTeams(db, tenantId)).find((t) => t.key === key)!;
    ctx.body = { ...teamView(team, await listTeamBindings(db, tenantId)), movedMembers: moved };
  });

  router.get('/api/teams', async (ctx) => {
    const [teams, bindings] = [await listTeams(db, tenantId), await listTeamBindings(db, tenantId)];
    ctx.body = { items: teams.map((t) => teamView(t, bindings)) };
  });
}
