// Guards every console API route but sign-in: a valid session cookie sets ctx.state.viewer, and every
// state-changing request must echo the session's CSRF token in X-CSRF-Token (the page reads it from /me).
import { timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { sessionViewer } from '../../app/console/sessions.js';
import { forbidden, unauthorized } from '../../shared/errors.js';
import type { Clock } from '../../shared/clock.js';
import type { Database } from '../../store/database.js';
import { sessionToken } from './session-cookie.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function requireSession(deps: { db: Database; clock: Clock; tenantId: string; adminToken: string | null }) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const token = sessionToken(ctx);
    const found = token ? await sessionViewer(deps.db, token, deps.clock.now(), deps.adminToken) : null;
    if (!found || found.viewer.tenantId !== deps.tenantId) throw unauthorized('signed_out', '请先登录');
    if (!SAFE_METHODS.has(ctx.method) && !sameToken(ctx.get('x-csrf-token'), found.csrfToken)) {
      throw forbidden('csrf', '页面已过期,请刷新后重试');
    }
    ctx.state.viewer = found.viewer;
    ctx.state.csrfToken = found.csrfToken;
    ctx.state.sessionVia = found.via;
    await next();
  };
}
