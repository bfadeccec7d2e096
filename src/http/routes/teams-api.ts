// Admin API for teams: PUT /api/teams/:key replaces a team, GET /api/teams lists them.
// Member and manager ids are person ids GET /api/users returns, or "<channel>:<platform id>" of one of
// their accounts (stored as the person id); webhook keys come back masked. A member
// of another team moves here (the answer lists them in movedMembers); managers may lead several teams.
// With "departmentIds" (["wecom:3", "dingtalk:12345"], or a bare "3" when one synced directory has it)
// the team is bound to those departments instead: members from them and their sub-departments, managers
// from their leaders, recomputed at every directory sync. A PUT without departmentIds unbinds the team.
import type Router from '@koa/router';
import { readTeamInput, saveTeam } from '../../app/teams/save-team.js';
import { departmentKey } from '../../domain/directory/department-ref.js';
import { publicAlertTarget } from '../../domain/teams/alert-target.js';
import type { Database } from '../../store/database.js';
import { listTeamBindings, type TeamBinding } from '../../store/repos/directory-repo.js';
import { listTeams, type Team } from '../../store/repos/teams-repo.js';
import { readJsonBody } from '../read-body.js';

const MAX_BODY = 256 * 1024;

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
    // PUT semantics: a body without "alert" clears the target.
    const moved = await saveTeam(db, tenantId, key, readTeamInput(await readJsonBody(ctx, MAX_BODY)), { keepAlert: false });
    const team = (await listTeams(db, tenantId)).find((t) => t.key === key)!;
    ctx.body = { ...teamView(team, await listTeamBindings(db, tenantId)), movedMembers: moved };
  });

  router.get('/api/teams', async (ctx) => {
    const [teams, bindings] = [await listTeams(db, tenantId), await listTeamBindings(db, tenantId)];
    ctx.body = { items: teams.map((t) => teamView(t, bindings)) };
  });
}
