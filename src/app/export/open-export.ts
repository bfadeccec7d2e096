// One export from query to bytes: the first page is read before anything is sent (so a failure is still
// a JSON error), then pages follow one at a time as the download takes them. A download that goes away
// stops the loop before its next query; an error after the first byte cuts the download short and is
// logged once.
import { PassThrough, type Readable } from 'node:stream';
import type { StageCatalog } from '../../domain/stages/stage-catalog.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import type { ExportQuery } from '../../store/repos/export-repo.js';
import { exportLabels, type ExportLabels } from './export-cells.js';
import { instantsOf, type ExportFilter } from './export-filter.js';
import type { ExportFormat, ExportKind } from './export-kinds.js';
import type { ExportScope } from './export-scope.js';
import { exportSheets, type ExportPage, type ExportSheet } from './export-sheets.js';
import { csvSink } from './csv-sink.js';
import type { SheetSink } from './sheet-sink.js';
import { XLSX_TYPE, xlsxSink } from './xlsx-sink.js';
import { exportFileName } from './export-file-name.js';

export const EXPORT_PAGE_ROWS = 500;

export interface ExportDeps {
  db: Queryable;
  stages: StageCatalog;
  clock: Clock;
  log: Logger;
}

export interface ExportRequest {
  tenantId: string;
  kind: ExportKind;
  format: ExportFormat;
  filter: ExportFilter;
  scope: ExportScope;
}

export interface OpenedExport {
  /** 客户_2026-12-06.xlsx */
  fileName: string;
  /** customers_2026-12-06.xlsx, for clients that cannot read filename*. */
  asciiFileName: string;
  contentType: string;
  body: Readable;
}

export async function openExport(deps: ExportDeps, req: ExportRequest, opts: { pageRows?: number } = {}): Promise<OpenedExport> {
  const pageRows = opts.pageRows ?? EXPORT_PAGE_ROWS;
  const sheet = exportSheets[req.kind];
  const labels = exportLabels(deps.stages);
  const query: ExportQuery = {
    tenantId: req.tenantId, owners: req.scope.owners, storeTeams: req.scope.storeTeams, teamKey: req.filter.teamKey, ...instantsOf(req.filter),
  };
  const first = await sheet.page(deps.db, query, null, pageRows, labels);
  const body = new PassThrough();
  // The pump logs its own failure; a page that fails before Koa pipes the body must not be an unhandled
  // 'error' event (the pipe still sees the stream destroyed and ends the response).
  body.on('error', () => undefined);
  const sink = req.format === 'csv' ? csvSink(body, sheet.columns) : xlsxSink(body, sheet.title, sheet.columns);
  const log = deps.log.child({ export: req.kind, format: req.format });
  void pump({ db: deps.db, sheet, query, labels, pageRows, log }, first, sink, body);
  const names = exportFileName(req.kind, sheet.title, req.format, req.filter, shanghaiDate(deps.clock.now()));
  return {
    fileName: names.utf8,
    asciiFileName: names.ascii,
    contentType: req.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
    body,
  };
}

interface PumpContext {
  db: Queryable;
  sheet: ExportSheet;
  query: ExportQuery;
  labels: ExportLabels;
  pageRows: number;
  log: Logger;
}

async function pump(c: PumpContext, first: ExportPage, sink: SheetSink, body: PassThrough): Promise<void> {
  const started = Date.now();
  let rows = 0;
  // Koa destroys the body when the response closes, finished or not: then nobody reads on. (`destroyed` is
  // set at once; 'close' may come only after the stream's pending writes have been failed.)
  const gone = () => body.destroyed;
  try {
    let page = first;
    for (;;) {
      sink.add(page.rows);
      rows += page.rows.length;
      if (!page.next) break;
      await sink.ready();
      if (gone()) break;
      page = await c.sheet.page(c.db, c.query, page.next, c.pageRows, c.labels);
      if (gone()) break;
    }
    const stopped = gone();
    if (!stopped) await sink.end();
    c.log.info({ rows, ms: Date.now() - started }, stopped ? 'export stopped: the download went away' : 'export sent');
  } catch (err) {
    if (gone()) return;
    c.log.error({ err, rows }, 'export failed mid-download');
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  }
}
