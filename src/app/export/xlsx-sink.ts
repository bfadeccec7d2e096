// XLSX through exceljs's streaming WorkbookWriter: each row is committed (written and forgotten) as it is
// added, so memory holds one page whatever the size of the sheet. Bold, frozen header row with filter
// buttons, fixed column widths, money with thousands separators; times are text (see export-cells.ts).
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from './export-cells.js';
import type { ExportColumn } from './export-sheets.js';
import { untilDrained, type SheetSink } from './sheet-sink.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters XML 1.0 cannot carry (chat text keeps control characters): Excel would call the file corrupt. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Excel's limit for one cell. */
const MAX_CELL_CHARS = 32_767;

const xlsxValue = (cell: Cell): Cell => (typeof cell === 'string' ? cell.replace(NOT_XML, '').slice(0, MAX_CELL_CHARS) : cell);

const columnLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1));

/**
 * Backpressure stops short of exceljs: its sheet stream hands rows to the zip (archiver) without waiting,
 * so while the download is slow they pile up in the streams between the sheet and `out` (a pass-through,
 * the deflater, the zip's own buffers). `ready` therefore waits until those hold little, following the pipes
 * from the sheet stream (exceljs 4.4: worksheet.stream.pipes; Node and readable-stream keep `pipes` and
 * the buffered `length`s in their stream states). The slow-download test in
 * test/integration/export-stream.test.ts fails if a new version hides them.
 */
const MAX_BACKLOG_BYTES = 256 * 1024;

interface StreamState {
  length?: number;
  pipes?: unknown;
}
interface PipedStream {
  _readableState?: StreamState;
  _writableState?: StreamState;
}

/** Bytes buffered in the streams piped from `sheet`'s stream, stopping at `out`. */
function backlogOf(sheet: ExcelJS.Worksheet, out: Writable): number {
  const start = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? [];
  const seen = new Set<unknown>([out]);
  let bytes = 0;
  const queue = [...start];
  while (queue.length && seen.size < 32) {
    const s = queue.shift() as PipedStream | undefined;
    if (!s || seen.has(s)) continue;
    seen.add(s);
    bytes += (s._readableState?.length ?? 0) + (s._writableState?.length ?? 0);
    const next = s._readableState?.pipes;
    queue.push(...(Array.isArray(next) ? next : next ? [next] : []));
  }
  return bytes;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function xlsxSink(out: Writable, title: string, columns: readonly ExportColumn[]): SheetSink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // A zip that fails cannot finish the file: cut the download (the export loop then stops) instead of an
  // unhandled error.
  (workbook as unknown as { zip: NodeJS.EventEmitter }).zip.on('error', (err: Error) => out.destroy(err));
  const sheet = workbook.addWorksheet(title, {
    views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.autoFilter = `A1:${columnLetter(columns.length)}1`;
  sheet.columns = columns.map((c) => ({ width: c.width, ...(c.money ? { style: { numFmt: '#,##0' } } : {}) }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const gone = new Promise<void>((resolve) => out.once('close', resolve));

  return {
    add(rows) {
      for (const row of rows) sheet.addRow(row.map(xlsxValue)).commit();
    },
    async ready() {
      for (;;) {
        await untilDrained(out);
        if (out.destroyed || backlogOf(sheet, out) <= MAX_BACKLOG_BYTES) return;
        // Deflating runs off the event loop: give it a moment to move the backlog on.
        await pause(1);
      }
    },
    async end() {
      sheet.commit();
      // commit() resolves when the destination finishes, which a closed download never does.
      await Promise.race([workbook.commit(), gone]);
    },
  };
}
