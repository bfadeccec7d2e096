// Admin API for directory sync (Bearer ADMIN_TOKEN): POST /api/directory/sync reads WeCom's and DingTalk's
// directories and applies them (names, new people, leavers, teams bound to departments) and answers the
// run summary; GET /api/directory/departments is the synced department tree; GET /api/directory/status
// is each channel's last run and the leavers who still own customers.
import type Router from '@koa/router';
import type { AppDeps } from '../../app/app-deps.js';
import { adminViewer } from '../../app/console/sessions.js';
import { departmentTree } from '../../app/directory/departments-view.js';
import { directoryChannels } from '../../app/directory/directory-channels.js';
import { directoryStatus } from '../../app/directory/directory-status.js';
import { runDirectorySync } from '../../app/directory/sync-directory.js';
import { badRequest } from '../../shared/errors.js';

export function mountDirectoryApi(router: Router, deps: AppDeps & { tenantId: string }): void {
  router.post('/api/directory/sync', async (ctx) => {
    if (directoryChannels(deps).length === 0) throw badRequest('no_directory', 'neither WeCom nor DingTalk is configured; nothing to sync');
    ctx.body = await runDirectorySync(deps, 'api');
  });

  router.get('/api/directory/departments', async (ctx) => {
    ctx.body = await departmentTree(deps.db, deps.tenantId);
  });

  router.get('/api/directory/status', async (ctx) => {
    ctx.body = await directoryStatus(deps, adminViewer(deps.tenantId));
  });
}
