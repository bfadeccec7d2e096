// 导出 in the console: GET /export/:kind.(csv|xlsx) with the admin API's filters, holding only what the
// viewer may read (a rep their own rows, a manager their teams'), and written to the audit log.
import type Router from '@koa/router';
import { parseExportFilter } from '../../app/export/export-filter.js';
import { exportScopeFor } from '../../app/export/export-scope.js';
import { openExport } from '../../app/export/open-export.js';
import { exportFileParam, sendExport } from '../routes/export-api.js';
import { auditIn, viewerIn, type ConsoleDeps } from './console-deps.js';

export function mountExportRoutes(router: Router, deps: ConsoleDeps): void {
  const { db, stages, clock } = deps.app;

  router.get('/export/:file', async (ctx) => {
    const viewer = viewerIn(ctx);
    const { kind, format } = exportFileParam(ctx.params.file);
    const filter = parseExportFilter(ctx.query);
    const scope = await exportScopeFor(db, viewer, filter.teamKey);
    // Audited before the first byte: a download that is cut short still took data out.
    await auditIn(ctx, deps, `export.${kind}`, null, { format, from: filter.fromDay, to: filter.toDay, teamKey: filter.teamKey });
    const opened = await openExport({ db, stages, clock, log: ctx.state.log }, { tenantId: deps.tenantId, kind, format, filter, scope });
    sendExport(ctx, opened);
  });
}
