// Guards every console API route but sign-in: a valid session cookie sets ctx.state.viewer, and every
// state-changing request must echo the session's CSRF token in X-CSRF-Token (the page reads it from /me).
import { sameSecret } from '../../shared/same-secret.js';
import type { Context, Next } from 'koa';
import { sessionViewer } from '../../app/console/sessions.js';
import { forbidden, unauthorized } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { Database } from '../../store/database.js';
import { sessionToken } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requireSession(deps: { db: Database; clock: Clock; tenantId: string; adminToken: string | null }) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const token = sessionToken(ctx);
    const found = token ? await sessionViewer(deps.db, token, deps.clock.now(), deps.adminToken) : null;
    if (!found || found.viewer.tenantId !== deps.tenantId) throw unauthorized('signed_out', '请先登录');
    if (!SAFE_METHODS.has(ctx.method) && !sameSecret(found.csrfToken, ctx.get('x-csrf-token'))) {
      throw forbidden('csrf', '页面已过期,请刷新后重试');
    }
    ctx.state.viewer = found.viewer;
    ctx.state.csrfToken = found.csrfToken;
    ctx.state.sessionVia = found.via;
    await next();
  };
}
