// `extract-report FILE.jsonl`: reads {"id","text","recordedAt"} lines (optional "knownCustomers"), prints
// one {"id", …report} line each to stdout (nextActionDue as YYYY-MM-DD).
import { loadReportRules } from '../config/load-report-rules.js';
import { extractReport } from '../domain/reports/extract-report.js';
import { eachJsonLine, isId } from './jsonl.js';

interface Row {
  id: string | number;
  text: string;
  recordedAt: Date;
  knownCustomers?: string[];
}

export async function run(args: string[]): Promise<number> {
  const [file] = args;
  if (file === undefined || args.length !== 1) {
    process.stderr.write('usage: cli extract-report FILE.jsonl\n');
    return 2;
  }
  const rules = loadReportRules();
  return eachJsonLine(file, parseRow, '{"id","text","recordedAt"}', (row) => {
    const report = extractReport({ text: row.text, recordedAt: row.recordedAt, knownCustomers: row.knownCustomers }, rules);
    process.stdout.write(`${JSON.stringify({ id: row.id, ...report })}\n`);
  });
}

function parseRow({ id, text, recordedAt, knownCustomers }: Record<string, unknown>): Row | null {
  if (!isId(id) || typeof text !== 'string' || typeof recordedAt !== 'string') return null;
  const at = new Date(recordedAt);
  if (Number.isNaN(at.getTime())) return null;
  const known = Array.isArray(knownCustomers) ? knownCustomers.filter((k): k is string => typeof k === 'string') : undefined;
  return { id, text, recordedAt: at, knownCustomers: known };
}
