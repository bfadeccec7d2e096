// POST /api/console/links {"userId"} or {"admin": true} (bearer ADMIN_TOKEN): a one-time console sign-in
// link, good for 15 minutes — what `npm run cli -- console-link` prints. The URL opens the sign-in page,
// whose script spends the link; fetching the URL alone (a chat's link preview) does not.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from '../../app/app-deps.js';
import { createSignInLink } from '../../app/console/sign-in/sign-in-links.js';
import type { AppConfig } from '../../config/app-config.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import { readJsonBody } from '../read-body.js';

const MAX_BODY = 4 * 1024;

/**
 * PUBLIC_BASE_URL when it is set. Unset, config defaults it to http://localhost:PORT; the link then uses the
 * address the request came to (the CLI asks http://127.0.0.1:PORT), which also holds when PORT is 0.
 */
function linkBase(config: AppConfig, ctx: Context): string {
  return config.publicBaseUrl === `http://localhost:${config.port}` ? `${ctx.protocol}://${ctx.host}` : config.publicBaseUrl;
}

export function mountConsoleLinksApi(router: Router, deps: AppDeps & { tenantId: string }): void {
  router.post('/api/console/links', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY, { optional: true });
    const userId = typeof body.userId === 'string' && body.userId.trim() ? body.userId.trim() : null;
    const admin = body.admin === true;
    // An admin link must be asked for by name: an empty body never yields the widest access.
    if ((userId === null) === !admin) throw badRequest('invalid_link_request', 'give either "userId" or "admin": true');
    const r = await createSignInLink(deps.db, { tenantId: deps.tenantId, userId, now: deps.clock.now(), ip: ctx.ip || null });
    if (r.kind === 'unknown_user') throw notFound('user_not_found', `no user ${userId}`);
    if (r.kind === 'inactive') throw new AppError('user_inactive', `user ${userId} is deactivated (left the organisation)`, { status: 409 });
    const path = `/console/login?link=${encodeURIComponent(r.token)}`;
    ctx.status = 201;
    ctx.body = {
      url: `${linkBase(deps.config, ctx)}${path}`,
      path,
      expiresAt: r.expiresAt.toISOString(),
      user: r.viewer.userId ? { id: r.viewer.userId, name: r.viewer.name, role: r.viewer.role } : null,
      role: r.viewer.role,
    };
  });
}
