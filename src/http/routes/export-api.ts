// GET /api/export/:kind.(csv|xlsx) for customers, reports, touches and visits, with optional from / to
// (YYYY-MM-DD, Asia/Shanghai, inclusive) and teamKey: the whole tenant (bearer ADMIN_TOKEN). The console
// serves the same files scoped to the viewer (console/export-routes.ts); both answer through sendExport.
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps } from '../../app/app-deps.js';
import { adminViewer } from '../../app/console/sessions.js';
import { parseExportFilter } from '../../app/export/export-filter.js';
import { parseExportFile, type ExportFormat, type ExportKind } from '../../app/export/export-kinds.js';
import { exportScopeFor } from '../../app/export/export-scope.js';
import { exportText } from '../../app/export/export-text.js';
import { openExport, type OpenedExport } from '../../app/export/open-export.js';
import { notFound } from '../../shared/errors.js';

/** `customers.xlsx` → kind and format; anything else is a 404 naming what exists. */
export function exportFileParam(file: string | undefined): { kind: ExportKind; format: ExportFormat } {
  const parsed = parseExportFile(file ?? '');
  if (!parsed) throw notFound('export_not_found', exportText.unknownKind);
  return parsed;
}

/** RFC 5987 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but attr-char forbids. */
const extValue = (name: string) => encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** RFC 6266: a plain ASCII name for old clients, the Chinese one in filename* for everyone else. */
export function contentDisposition(opened: Pick<OpenedExport, 'fileName' | 'asciiFileName'>): string {
  return `attachment; filename="${opened.asciiFileName}"; filename*=UTF-8''${extValue(opened.fileName)}`;
}

export function sendExport(ctx: Context, opened: OpenedExport): void {
  ctx.set('Content-Type', opened.contentType);
  ctx.set('Content-Disposition', contentDisposition(opened));
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = opened.body;
}

export function mountExportApi(router: Router, deps: AppDeps & { tenantId: string }): void {
  router.get('/api/export/:file', async (ctx) => {
    const { kind, format } = exportFileParam(ctx.params.file);
    const filter = parseExportFilter(ctx.query);
    const scope = await exportScopeFor(deps.db, adminViewer(deps.tenantId), filter.teamKey);
    const opened = await openExport(
      { db: deps.db, stages: deps.stages, clock: deps.clock, log: ctx.state.log },
      { tenantId: deps.tenantId, kind, format, filter, scope },
    );
    sendExport(ctx, opened);
  });
}
