// The console's JSON API under /console/api: sign-in routes first (no session yet), then every other
// route behind the session and CSRF guard. Handlers read `viewerIn(ctx)` and scope every query by it.
import Router from '@koa/router';
import type Koa from 'koa';
import { requireSession } from './require-session.js';
import type { ConsoleDeps } from './console-deps.js';
import { mountConsoleAuth, mountSessionRoutes } from './auth-routes.js';
import { mountOverviewRoutes } from './overview-routes.js';
import { mountCustomerRoutes } from './customers-routes.js';
import { mountReportRoutes } from './reports-routes.js';
import { mountTeamRoutes } from './teams-routes.js';
import { mountStoreRoutes } from './stores-routes.js';
import { mountDeliveryRoutes } from './delivery-routes.js';
import { mountSettingsRoutes } from './settings-routes.js';
import { mountExportRoutes } from './export-routes.js';
import { mountDirectoryRoutes } from './directory-routes.js';
import { mountTryRoutes } from './try-routes.js';
import { serveConsolePages } from './static-pages.js';

export const CONSOLE_API = '/console/api';

/** Mounts the console API and pages on the app (after the webhooks, before the admin API). */
export function mountConsole(app: Koa, deps: ConsoleDeps): void {
  const open = new Router({ prefix: CONSOLE_API });
  mountConsoleAuth(open, deps);

  const guarded = new Router({ prefix: CONSOLE_API });
  guarded.use(requireSession({ db: deps.app.db, clock: deps.app.clock, tenantId: deps.tenantId, adminToken: deps.adminToken }));
  mountSessionRoutes(guarded, deps);
  mountOverviewRoutes(guarded, deps);
  mountCustomerRoutes(guarded, deps);
  mountReportRoutes(guarded, deps);
  mountTeamRoutes(guarded, deps);
  mountStoreRoutes(guarded, deps);
  mountDeliveryRoutes(guarded, deps);
  mountSettingsRoutes(guarded, deps);
  mountExportRoutes(guarded, deps);
  mountDirectoryRoutes(guarded, deps);
  mountTryRoutes(guarded, deps);

  app.use(open.routes()).use(open.allowedMethods());
  app.use(guarded.routes()).use(guarded.allowedMethods());
  app.use(serveConsolePages(deps.staticDir));
}
