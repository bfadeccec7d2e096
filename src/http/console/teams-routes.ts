// 团队与成员: GET /teams (admin: all, manager: the teams they lead), PUT /teams/:key (admin; an absent
// `alert` keeps the target, the page only sees it masked), POST /teams/:key/test-alert (a test message
// to the team's alert target), GET /people (pickers; a manager sees their own people).
import type Router from '@koa/router';
import {
  listConsoleTeams, listPeople, saveConsoleTeam, sendTestAlert, teamInScope,
} from '../../app/console/team-admin.js';
import { requireRole } from '../../app/console/viewer.js';
import { readTeamInput } from '../../app/teams/save-team.js';
import { readJsonBody } from '../read-body.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

const MAX_BODY = 256 * 1024;

export function mountTeamRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps.app;

  router.get('/teams', async (ctx) => {
    const viewer = viewerIn(ctx);
    requireRole(viewer, 'admin', 'manager');
    ctx.body = { items: await listConsoleTeams(db, viewer) };
  });

  router.put('/teams/:key', async (ctx) => {
    const viewer = viewerIn(ctx);
    requireRole(viewer, 'admin');
    const input = readTeamInput(await readJsonBody(ctx, MAX_BODY));
    const saved = await saveConsoleTeam(db, viewer, ctx.params.key!, input);
    await auditIn(ctx, deps, 'team.save', ctx.params.key!, {
      name: input.name, memberUserIds: input.memberUserIds, managerUserIds: input.managerUserIds,
      // The kind only: keys and tokens are secrets and stay out of the log.
      alert: input.alert === undefined ? 'kept' : (input.alert?.kind ?? null), movedMembers: saved.movedMembers,
    });
    ctx.body = saved;
  });

  router.post('/teams/:key/test-alert', async (ctx) => {
    const viewer = viewerIn(ctx);
    requireRole(viewer, 'admin', 'manager');
    const team = await teamInScope(db, viewer, ctx.params.key!);
    const sent = await sendTestAlert(deps.app, deps.tenantId, team);
    await auditIn(ctx, deps, 'team.test_alert', team.key, { kind: team.alert?.kind ?? null, outboxId: sent.outboxId });
    ctx.body = sent;
  });

  router.get('/people', async (ctx) => {
    const viewer = viewerIn(ctx);
    requireRole(viewer, 'admin', 'manager');
    ctx.body = { items: await listPeople(db, viewer) };
  });
}
