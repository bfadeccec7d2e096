// CSV that Excel opens right on a Chinese Windows (RFC 4180): a UTF-8 BOM (without it Excel reads GBK and
// shows mojibake), CRLF line ends, fields quoted when they hold a comma, quote or line break. A text that
// starts with = + - @ tab or CR would run as a formula in Excel, so it gets a leading ' (OWASP CSV injection).
import type { Writable } from 'node:stream';
import type { Cell } from './export-cells.js';
import type { ExportColumn } from './export-sheets.js';
import { untilDrained, type SheetSink } from './sheet-sink.js';

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  // Numbers come from our own columns (amounts, days), never from what someone typed.
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

export function csvSink(out: Writable, columns: readonly ExportColumn[]): SheetSink {
  out.write(CSV_BOM + csvLine(columns.map((c) => c.header)));
  return {
    add(rows) {
      if (rows.length && !out.destroyed) out.write(rows.map(csvLine).join(''));
    },
    ready: () => untilDrained(out),
    async end() {
      if (!out.destroyed) out.end();
    },
  };
}
