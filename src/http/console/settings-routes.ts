// 设置 (admin): GET /settings/status → {checks: [{name, label, state: ok|failed|off, detail}],
// channels: [{channel, configured, mode, lastMessageAt}], publicBaseUrl}. The 操作日志 tab reads GET /audit.
import type Router from '@koa/router';
import { consoleStatus } from '../../app/console/settings-status.js';
import { requireRole } from '../../app/console/viewer.js';
import { viewerIn, type ConsoleDeps } from './console-deps.js';

export function mountSettingsRoutes(router: Router, deps: ConsoleDeps): void {
  router.get('/settings/status', async (ctx) => {
    requireRole(viewerIn(ctx), 'admin');
    ctx.body = await consoleStatus(deps.app, deps.tenantId);
  });
}
