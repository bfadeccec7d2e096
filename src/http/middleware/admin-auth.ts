// Bearer-token guard for /api. With no ADMIN_TOKEN configured every call is refused: a missing setting
// never opens the API.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { unauthorized } from '../../shared/errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function adminAuth(adminToken: string | null) {
  const expected = adminToken ? digest(adminToken) : null;
  return async (ctx: Context, next: Next): Promise<void> => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!expected) throw unauthorized('admin_disabled', 'ADMIN_TOKEN is not configured');
    // Hashing first makes the compare constant-time regardless of the presented length.
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      ctx.set('WWW-Authenticate', 'Bearer');
      throw unauthorized('unauthorized', 'missing or wrong bearer token');
    }
    await next();
  };
}
