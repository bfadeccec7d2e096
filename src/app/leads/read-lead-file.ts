// An uploaded lead file (CSV or XLSX) as table rows with their line numbers. CSV may come as UTF-8 (with or
// without a BOM) or, as Excel on Chinese Windows saves it, GB18030; XLSX is read with exceljs (first sheet).
import ExcelJS from 'exceljs';
import { parseCsv, type TableRow } from '../../domain/leads/lead-table.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type LeadFileKind = 'csv' | 'xlsx';

export function fileKindOf(contentType: string): LeadFileKind | null {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'text/csv' || type === 'application/csv' || type === 'text/plain') return 'csv';
  return null;
}

export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readLeadFile(kind: LeadFileKind, bytes: Buffer): Promise<TableRow[] | null> {
  if (kind === 'csv') return parseCsv(decodeCsv(bytes));
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return null; // not a readable workbook
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

/** What a person sees in the cell: numbers without float noise (phone numbers typed as numbers), rich text joined. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  // A phone typed as a number is an integer; String() never writes it in exponent form below 1e21.
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text; // hyperlink
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result); // formula
  }
  return cell.text ?? '';
}
