// A lead file as a table (pure): CSV text parsed into records with the line each starts on, and the
// header row mapped onto lead fields — Chinese headers (客户, 联系人, 电话, 来源, 备注, 负责人) and English
// ones (name, contact, phone, source, note, owner), in any order, unknown columns ignored.
import type { LeadField } from './lead-input.js';

export interface TableRow {
  /** 1-based line of the file (CSV) or row number of the sheet (XLSX) where the record starts. */
  readonly line: number;
  readonly cells: readonly string[];
}

export interface LeadRow {
  readonly line: number;
  readonly fields: Partial<Record<LeadField, string>>;
}

const HEADERS: Record<LeadField, readonly string[]> = {
  name: ['客户', '客户名称', '客户名', '公司', '公司名称', '单位', '名称', 'name', 'customer', 'company'],
  contact: ['联系人', '联系人姓名', '姓名', 'contact', 'contactname'],
  phone: ['电话', '手机', '手机号', '联系电话', '联系方式', 'phone', 'mobile', 'tel', 'telephone'],
  source: ['来源', '线索来源', '渠道', 'source', 'channel'],
  note: ['备注', '说明', '需求', 'note', 'notes', 'remark', 'remarks', 'comment'],
  owner: ['负责人', '销售', '跟进人', 'owner', 'owneruserid', 'ownerid'],
  teamKey: ['团队', 'team', 'teamkey'],
};

const normalise = (h: string) => h.normalize('NFKC').replace(/^\uFEFF/, '').replace(/[\s_\-*:：()（）]/g, '').toLowerCase();
const LOOKUP = new Map(Object.entries(HEADERS).flatMap(([field, names]) => names.map((n) => [normalise(n), field as LeadField])));

/** Which column holds which field; `missing` when no column names the customer. */
export function mapHeader(header: readonly string[]): { columns: Map<number, LeadField> } | { missing: 'name' } {
  const columns = new Map<number, LeadField>();
  const taken = new Set<LeadField>();
  header.forEach((h, i) => {
    const field = LOOKUP.get(normalise(h));
    if (field && !taken.has(field)) {
      columns.set(i, field);
      taken.add(field);
    }
  });
  return taken.has('name') ? { columns } : { missing: 'name' };
}

/** Data rows (after the header) as lead fields; rows with nothing in them are skipped. */
export function leadRows(rows: readonly TableRow[]): { header: TableRow; rows: LeadRow[] } | { problem: 'empty' | 'no_name_column' } {
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) return { problem: 'empty' };
  const mapped = mapHeader(header.cells);
  if ('missing' in mapped) return { problem: 'no_name_column' };
  return {
    header,
    rows: nonEmpty.slice(1).map((r) => {
      const fields: Partial<Record<LeadField, string>> = {};
      for (const [i, field] of mapped.columns) {
        const v = r.cells[i]?.trim();
        if (v) fields[field] = v;
      }
      return { line: r.line, fields };
    }),
  };
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF; a UTF-8 BOM is
 * dropped. A tab- or semicolon-separated file (Excel's regional exports) is recognised by its first line.
 */
export function parseCsv(text: string): TableRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const sep = [',', '\t', ';'].map((c) => [c, firstLine.split(c).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const out: TableRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let startLine = 1;
  let quoted = false;
  let atCellStart = true;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === sep) {
      cells.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ line: startLine, cells });
      cells = [];
      cell = '';
      atCellStart = true;
      line++;
      startLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    out.push({ line: startLine, cells });
  }
  return out;
}
