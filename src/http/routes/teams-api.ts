// Admin API for teams: PUT /api/teams/:key replaces a team, GET /api/teams lists them.
// Member and manager ids are person ids GET /api/users returns, or "<channel>:<platform id>" of one of
// their accounts (stored as the person id); webhook keys come back masked. A member
// of another team moves here (the answer lists them in movedMembers); managers may lead several teams.
import type Router from '@koa/router';
import { parseAlertTarget, publicAlertTarget } from '../../domain/teams/alert-target.js';
import { badRequest } from '../../shared/errors.js';
import type { Database } from '../../store/database.js';
import { listTeams, upsertTeam } from '../../store/repos/teams-repo.js';
import { personIdsFor } from '../../store/repos/users-repo.js';
import { readJsonBody } from '../read-body.js';

const TEAM_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY = 256 * 1024;

function idList(v: unknown, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 80)) {
    throw badRequest('invalid_team', `${field} must be a list of user ids`);
  }
  return [...new Set(v as string[])];
}

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
    const refs = await personIdsFor(db, tenantId, [...memberUserIds, ...managerUserIds]);
    const unknown = [...new Set([...memberUserIds, ...managerUserIds].filter((r) => !refs.has(r)))];
    if (unknown.length) throw badRequest('unknown_user', `unknown user id: ${unknown.join(', ')}`, { userIds: unknown });
    const people = (ids: string[]) => [...new Set(ids.map((r) => refs.get(r)!))];
    const moved = await db.transaction((tx) =>
      upsertTeam(tx, tenantId, { key, name, alert: alert.target, memberUserIds: people(memberUserIds), managerUserIds: people(managerUserIds) }));
    const team = (await listTeams(db, tenantId)).find((t) => t.key === key)!;
    ctx.body = { ...team, alert: publicAlertTarget(team.alert), updatedAt: team.updatedAt.toISOString(), movedMembers: moved };
  });

  router.get('/api/teams', async (ctx) => {
    const teams = await listTeams(db, tenantId);
    ctx.body = { items: teams.map((t) => ({ ...t, alert: publicAlertTarget(t.alert), updatedAt: t.updatedAt.toISOString() })) };
  });
}
