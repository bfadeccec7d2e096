// First middleware: request id, per-request logger, and the one error funnel for HTTP.
// Exposed AppErrors become {code, message}; everything else is a 500 with no details.
import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { isAppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

export interface HttpState {
  requestId: string;
  log: Logger;
}

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestContext(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const incoming = ctx.get('x-request-id');
    const requestId = SAFE_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId });
    ctx.state.requestId = requestId;
    ctx.state.log = log;
    ctx.set('x-request-id', requestId);
    const started = process.hrtime.bigint();
    try {
      await next();
    } catch (err) {
      if (isAppError(err) && err.expose) {
        ctx.status = err.status;
        ctx.body = { code: err.code, message: err.message, ...(err.details ?? {}) };
        log.warn({ code: err.code, status: err.status, path: ctx.path }, 'request rejected');
      } else if (isHttpError(err)) {
        ctx.status = err.status;
        ctx.body = { code: err.code, message: err.message };
        log.warn({ code: err.code, status: err.status, path: ctx.path }, 'request rejected');
      } else {
        ctx.status = 500;
        ctx.body = { code: 'internal_error', message: '服务器内部错误' };
        log.error({ err, path: ctx.path }, 'request failed');
      }
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.debug({ method: ctx.method, path: ctx.path, status: ctx.status, ms }, 'request');
    }
  };
}

/** Errors thrown by raw-body and similar libraries: {status|statusCode, type, expose}. */
function isHttpError(err: unknown): err is { status: number; code: string; message: string } {
  const e = err as { status?: number; statusCode?: number; expose?: boolean; type?: string; code?: string } | null;
  const status = e?.status ?? e?.statusCode;
  if (!e || typeof status !== 'number' || status < 400 || status >= 500 || e.expose === false) return false;
  Object.assign(e, { status, code: e.type ? e.type.replace(/\./g, '_') : (e.code ?? 'bad_request') });
  return true;
}
