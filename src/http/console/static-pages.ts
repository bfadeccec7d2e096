// Serves the built console (vite output) under /console/: hashed assets cached for a year, every other
// path the single page (its router decides), never a file outside the build folder.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Context, Next } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>战报控制台</title>
<p>控制台还没有构建。运行 <code>npm run build</code>(<code>npm start</code> 会自动构建)后刷新。</p>`;

export function serveConsolePages(staticDir: string | null) {
  const root = staticDir ? normalize(staticDir) + sep : null;
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === '/console') return ctx.redirect('/console/');
    if (!ctx.path.startsWith('/console/')) return next();
    if (ctx.path.startsWith('/console/api/')) {
      ctx.status = 404;
      ctx.body = { code: 'not_found', message: `no console route ${ctx.path}` };
      return;
    }
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    const index = root ? join(root, 'index.html') : null;
    if (!root || !index || !existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'html';
      ctx.body = NOT_BUILT;
      return;
    }
    const rel = decodeURIComponent(ctx.path.slice('/console/'.length));
    const file = rel ? normalize(join(root, rel)) : index;
    const isAsset = rel !== '' && file.startsWith(root) && existsSync(file) && statSync(file).isFile();
    const served = isAsset ? file : index;
    ctx.type = TYPES[extname(served)] ?? 'application/octet-stream';
    // Vite names assets by content hash; the page itself must always be fetched fresh.
    ctx.set('Cache-Control', isAsset && rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    ctx.body = createReadStream(served);
  };
}
