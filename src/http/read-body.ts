// Reads a request body as UTF-8 text with a hard size limit (413 beyond it, before any parsing).
import getRawBody from 'raw-body';
import type { Context } from 'koa';
import { badRequest } from '../shared/errors.js';
import { sanitizeDeep } from '../shared/sanitize-text.js';

export async function readTextBody(ctx: Context, limitBytes: number): Promise<string> {
  return getRawBody(ctx.req, { limit: limitBytes, encoding: 'utf8', length: ctx.get('content-length') || undefined });
}

/**
 * Reads a JSON object body; anything else is a 400 with a clear code. `optional`: an empty body is {}.
 * Every string in it comes back without U+0000 and with lone surrogates as U+FFFD.
 */
export async function readJsonBody(ctx: Context, limitBytes: number, opts: { optional?: boolean } = {}): Promise<Record<string, unknown>> {
  const text = await readTextBody(ctx, limitBytes);
  if (opts.optional && text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('invalid_json', 'request body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('invalid_json', 'request body must be a JSON object');
  // "\u0000" and "\ud800" are valid JSON escapes that PostgreSQL text refuses (see sanitize-text.ts).
  return sanitizeDeep(value as Record<string, unknown>);
}
