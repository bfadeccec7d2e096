// Console routes for directory sync (团队与成员): the status (admins; managers see their teams' leavers),
// a sync run on demand (admins, audited) and the department tree (admins).
import type Router from '@koa/router';
import { requireRole } from '../../app/console/viewer.js';
import { departmentTree } from '../../app/directory/departments-view.js';
import { directoryChannels } from '../../app/directory/directory-channels.js';
import { directoryStatus } from '../../app/directory/directory-status.js';
import { runDirectorySync } from '../../app/directory/sync-directory.js';
import { badRequest } from '../../shared/errors.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

export function mountDirectoryRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/directory/status', async (ctx) => {
    const viewer = viewerIn(ctx);
    requireRole(viewer, 'admin', 'manager');
    ctx.body = await directoryStatus(deps.app, viewer);
  });

  router.post('/directory/sync', async (ctx) => {
    requireRole(viewerIn(ctx), 'admin');
    if (directoryChannels(deps.app).length === 0) throw badRequest('no_directory', '未配置企业微信或钉钉,无法同步通讯录');
    const summary = await runDirectorySync(deps.app, 'console');
    await auditIn(ctx, deps, 'directory.sync', null, {
      channels: summary.channels.map(({ channel, ok, people, added, deactivated, reactivated }) => ({ channel, ok, people, added, deactivated, reactivated })),
    });
    ctx.body = summary;
  });

  router.get('/directory/departments', async (ctx) => {
    requireRole(viewerIn(ctx), 'admin');
    ctx.body = await departmentTree(deps.app.db, deps.tenantId);
  });
}
