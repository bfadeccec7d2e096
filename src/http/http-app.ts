// The Koa application: request context + error funnel first, then health, webhooks and the admin API.
import { runSelfChecks } from '../app/health/self-check.js';
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../shared/logger.js';
import type { Database } from '../store/database.js';
import { adminAuth } from './middleware/admin-auth.js';
import { requestContext } from './middleware/request-context.js';
import { sanitizeInput } from './middleware/sanitize-input.js';
import { mountAdminApi } from './routes/admin-api.js';
import { mountTeamsApi } from './routes/teams-api.js';
import { mountTeamSettingsApi } from './routes/team-settings-api.js';
import { mountTeamHandlersApi } from './routes/team-handlers-api.js';
import { mountUsersApi } from './routes/users-api.js';
import { mountCustomersApi } from './routes/customers-api.js';
import { mountJobsApi, type JobRunner } from './routes/jobs-api.js';
import { mountWecomCallback, type WecomCallbackDeps } from './routes/wecom-callback.js';
import { mountDingtalkCallback, type DingtalkCallbackDeps } from './routes/dingtalk-callback.js';
import { createMpRouter } from './routes/mp-api.js';
import { mountStorePage } from './routes/store-page.js';
import { mountStoresApi } from './routes/stores-api.js';
import { mountDirectoryApi } from './routes/directory-api.js';
import { mountConsoleLinksApi } from './routes/console-links-api.js';
import { mountExportApi } from './routes/export-api.js';
import { mountLeadsApi } from './routes/leads-api.js';
import { mountLeadHooks } from './routes/lead-hooks.js';
import { mountTargetsApi } from './routes/targets-api.js';
import type { AppDeps } from '../app/app-deps.js';
import { join } from 'node:path';
import { repoRoot } from '../config/repo-root.js';
import { mountConsole } from './console/console-router.js';
import type { TryItBackend } from '../app/try-it/try-it-port.js';
import type { PlatformLogins } from '../app/console/sign-in/platform-sign-in.js';

export interface HttpDeps {
  jobs: { jobNames: readonly string[]; run: JobRunner; now: () => Date };
  db: Database;
  logger: Logger;
  adminToken: string | null;
  tenantId: string;
  wecom: WecomCallbackDeps | null;
  /** Set in DingTalk HTTP mode; in Stream mode messages arrive over the Stream connection instead. */
  dingtalk: DingtalkCallbackDeps | null;
  /** The store scenario: admin routes, the mini-program API and the QR landing page. */
  stores: AppDeps;
  /** WeCom / DingTalk console sign-in for the configured platforms. */
  platformLogins: PlatformLogins;
  /** The built console; defaults to dist/console under the repository root. */
  consoleDir?: string | null;
  /** 试一试 in the console (the simulator's `--web`). */
  tryIt?: TryItBackend;
}

export function createHttpApp(deps: HttpDeps): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true; // errors are logged once by the funnel
  const router = new Router();

  router.get('/healthz', async (ctx) => {
    // ?deep=1 also checks credentials and providers: for operators only (it calls out to the platforms).
    if (ctx.query.deep === '1') {
      await adminAuth(deps.adminToken)(ctx, async () => undefined);
      const checks = await runSelfChecks(deps.stores);
      const ok = checks.every((c) => c.ok);
      ctx.status = ok ? 200 : 503;
      ctx.body = { ok, checks };
      return;
    }
    try {
      await deps.db.query('select 1');
      ctx.body = { ok: true };
    } catch (err) {
      ctx.state.log.error({ err }, 'health check failed');
      ctx.status = 503;
      ctx.body = { ok: false };
    }
  });

  if (deps.wecom) mountWecomCallback(router, deps.wecom);
  if (deps.dingtalk) mountDingtalkCallback(router, deps.dingtalk);
  mountStorePage(router, { db: deps.db, h5: { app: deps.stores, wecom: deps.platformLogins.wecom ?? null } });
  mountLeadHooks(router, deps.stores); // signed web forms: outside the bearer guard
  const mp = createMpRouter(deps.stores);

  // A router of its own so the bearer guard runs for every admin route and nothing else.
  const api = new Router();
  api.use(adminAuth(deps.adminToken));
  mountAdminApi(api, { db: deps.db, tenantId: deps.tenantId });
  mountCustomersApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountTeamsApi(api, { db: deps.db, tenantId: deps.tenantId });
  mountTeamSettingsApi(api, { db: deps.db, tenantId: deps.tenantId });
  mountTeamHandlersApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountUsersApi(api, { db: deps.db, tenantId: deps.tenantId });
  mountJobsApi(api, deps.jobs);
  mountStoresApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountDirectoryApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountConsoleLinksApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountExportApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountLeadsApi(api, { ...deps.stores, tenantId: deps.tenantId });
  mountTargetsApi(api, { ...deps.stores, tenantId: deps.tenantId });
  app.use(requestContext(deps.logger));
  app.use(sanitizeInput());
  app.use(router.routes()).use(router.allowedMethods());
  mountConsole(app, {
    app: deps.stores, tenantId: deps.tenantId, adminToken: deps.adminToken, jobs: deps.jobs, platformLogins: deps.platformLogins,
    staticDir: deps.consoleDir === undefined ? join(repoRoot(), 'dist', 'console') : deps.consoleDir,
    ...(deps.tryIt ? { tryIt: deps.tryIt } : {}),
  });
  app.use(mp.routes()).use(mp.allowedMethods());
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}
