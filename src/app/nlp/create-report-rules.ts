// Binds the offline battle-report rules to config/report-rules.jsonc (compiled once at start-up).
import { join } from 'node:path';
import { loadReportRules } from '../../config/load-report-rules.js';
import { applyCorrection } from '../../domain/reports/apply-correction.js';
import { extractReport } from '../../domain/reports/extract-report.js';
import { formatAmountWan, missingNextStep } from '../../domain/reports/format.js';
import type { ReportRules } from '../app-deps.js';

export function createReportRules(configDir: string): ReportRules {
  const rules = loadReportRules(join(configDir, 'report-rules.jsonc'));
  return {
    extract: (input) => extractReport(input, rules),
    correct: (draft, text, at) => applyCorrection(draft, text, at, rules),
    missingNextStep,
    formatAmount: formatAmountWan,
  };
}
