// Text hygiene for what a URL carries (query values and path parameters) before any route reads it:
// `?q=%00` or `/api/stores/a%00b` reached PostgreSQL as a NUL and came back as a 500. JSON bodies are
// cleaned where they are parsed (readJsonBody), because each route reads its body with its own limit.
import type { Context, Next } from 'koa';
import { sanitizeDeep } from '../../shared/sanitize-text.js';

/** `%00` decodes to U+0000 in a route parameter; an encoded lone surrogate cannot be decoded at all. */
const ENCODED_NUL = /%00/i;

export function sanitizeInput() {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ENCODED_NUL.test(ctx.path)) ctx.path = ctx.path.replace(/%00/gi, '');
    if (ctx.querystring) {
      const query = ctx.query;
      const clean = sanitizeDeep(query);
      // Koa re-encodes the object into the query string, so every later reader sees the clean values.
      if (clean !== query) ctx.query = clean;
    }
    await next();
  };
}
