// `extract-report FILE.jsonl`: reads {"id","text","recordedAt"} lines, prints one {"id", …report} line
// each to stdout (nextActionDue as YYYY-MM-DD). Diagnostics go to stderr so stdout can feed the scorer.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadReportRules } from '../config/load-report-rules.js';
import { extractReport } from '../domain/reports/extract-report.js';

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
  let lineNo = 0;
  let skipped = 0;
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    const row = parseRow(line);
    if (!row) {
      skipped++;
      process.stderr.write(`${file}:${lineNo}: skipped, expected {"id","text","recordedAt"}\n`);
      continue;
    }
    const report = extractReport({ text: row.text, recordedAt: row.recordedAt, knownCustomers: row.knownCustomers }, rules);
    process.stdout.write(`${JSON.stringify({ id: row.id, ...report })}\n`);
  }
  return skipped === 0 ? 0 : 1;
}

function parseRow(line: string): Row | null {
  try {
    const v: unknown = JSON.parse(line);
    if (typeof v !== 'object' || v === null) return null;
    const { id, text, recordedAt, knownCustomers } = v as Record<string, unknown>;
    if ((typeof id !== 'string' && typeof id !== 'number') || typeof text !== 'string' || typeof recordedAt !== 'string') return null;
    const at = new Date(recordedAt);
    if (Number.isNaN(at.getTime())) return null;
    const known = Array.isArray(knownCustomers) ? knownCustomers.filter((k): k is string => typeof k === 'string') : undefined;
    return { id, text, recordedAt: at, knownCustomers: known };
  } catch {
    return null;
  }
}
