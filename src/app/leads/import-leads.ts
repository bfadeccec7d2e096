// POST /api/leads/import: a CSV or XLSX file becomes leads, all or nothing — every row is checked first
// and any bad row (with its line number) means nothing is imported, so a fixed file can simply be sent
// again. Rows without a 负责人 go round robin in the team given with the upload.
import { readLead, type LeadProblem } from '../../domain/leads/lead-input.js';
import { leadRows } from '../../domain/leads/lead-table.js';
import type { AppDeps } from '../app-deps.js';
import { intakeLeads, type IntakeItem, type IntakeOutcome } from './intake-leads.js';
import { readLeadFile, type LeadFileKind } from './read-lead-file.js';

/** More is a job for a data migration, not a request. */
export const MAX_IMPORT_ROWS = 5000;

export interface RowProblem {
  line: number;
  field: string;
  problem: string;
}

export type ImportResult =
  | { kind: 'imported'; created: number; existing: number; outcomes: IntakeOutcome[] }
  | { kind: 'unreadable' | 'empty' | 'no_name_column' }
  | { kind: 'too_many_rows'; rows: number }
  | { kind: 'bad_rows'; rows: number; problems: RowProblem[] };

export async function importLeads(
  deps: Pick<AppDeps, 'db' | 'nlp' | 'stages' | 'scoring' | 'queue' | 'clock' | 'pushRules'>, tenantId: string,
  file: { kind: LeadFileKind; bytes: Buffer }, defaults: { teamKey: string | null; source: string | null },
): Promise<ImportResult> {
  const table = await readLeadFile(file.kind, file.bytes);
  if (table === null) return { kind: 'unreadable' };
  const parsed = leadRows(table);
  if ('problem' in parsed) return { kind: parsed.problem };
  if (parsed.rows.length === 0) return { kind: 'empty' };
  if (parsed.rows.length > MAX_IMPORT_ROWS) return { kind: 'too_many_rows', rows: parsed.rows.length };
  const problems: RowProblem[] = [];
  const items: IntakeItem[] = [];
  for (const row of parsed.rows) {
    const read = readLead({ ...row.fields, source: row.fields.source ?? defaults.source ?? undefined, teamKey: row.fields.teamKey ?? defaults.teamKey ?? undefined });
    if ('problems' in read) problems.push(...read.problems.map((p: LeadProblem) => ({ line: row.line, field: p.field, problem: p.problem })));
    else items.push({ ref: row.line, lead: read.lead });
  }
  if (problems.length) return { kind: 'bad_rows', rows: parsed.rows.length, problems };
  return deps.db.transaction(async (tx) => {
    const r = await intakeLeads(tx, deps, tenantId, items, { via: 'import', notify: 'grouped' });
    if (!r.ok) return { kind: 'bad_rows', rows: parsed.rows.length, problems: r.problems.map((p) => ({ line: p.ref, field: p.field, problem: p.problem })) } as const;
    const created = r.outcomes.filter((o) => o.status === 'created').length;
    return { kind: 'imported', created, existing: r.outcomes.length - created, outcomes: r.outcomes } as const;
  });
}
