// Reads a request body as UTF-8 text with a hard size limit (413 beyond it, before any parsing).
import getRawBody from 'raw-body';
import type { Context } from 'koa';

export async function readTextBody(ctx: Context, limitBytes: number): Promise<string> {
  return getRawBody(ctx.req, { limit: limitBytes, encoding: 'utf8', length: ctx.get('content-length') || undefined });
}
