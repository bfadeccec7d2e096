// The four exports and their two file formats, read from the last path segment ("customers.xlsx").

export const EXPORT_KINDS = ['customers', 'reports', 'touches', 'visits'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const FILE = /^([a-z]+)\.([a-z]+)$/;

/** `customers.csv` → { kind, format }; null for anything else. */
export function parseExportFile(file: string): { kind: ExportKind; format: ExportFormat } | null {
  const m = FILE.exec(file);
  if (!m) return null;
  const kind = EXPORT_KINDS.find((k) => k === m[1]);
  const format = EXPORT_FORMATS.find((f) => f === m[2]);
  return kind && format ? { kind, format } : null;
}
