// Binds the pure language rules to their config files, loaded and compiled once at start-up:
// report-rules.jsonc brings topics.jsonc and customers.jsonc from the same folder with it; intents.jsonc
// decides what kind of message a text is.
import { join } from 'node:path';
import { loadIntentRules } from '../../config/load-intent-rules.js';
import { loadReportRules } from '../../config/load-report-rules.js';
import { typedCustomerName } from '../../domain/customers/typed-name.js';
import { understandMessage } from '../../domain/understanding/understand-message.js';
import { normalizeCustomerName } from '../../domain/customers/recognize-customer.js';
import { applyCorrection } from '../../domain/reports/apply-correction.js';
import { recognizeCustomer } from '../../domain/reports/customer.js';
import { extractReport } from '../../domain/reports/extract-report.js';
import { formatAmountWan, missingNextStep } from '../../domain/reports/format.js';
import { detectTopics } from '../../domain/topics/detect-topics.js';
import type { Nlp, ReportRules } from '../app-deps.js';

export interface Language {
  nlp: Nlp;
  reportRules: ReportRules;
}

export function createLanguage(configDir: string): Language {
  const rules = loadReportRules(join(configDir, 'report-rules.jsonc'));
  const understanding = { report: rules, intents: loadIntentRules(join(configDir, 'intents.jsonc')) };
  return {
    nlp: {
      detectTopics: (text) => detectTopics(text, rules.topics),
      // The report-aware recogniser: dates and the report's own words never become part of a name.
      recognizeCustomer: (text, known, at) => recognizeCustomer(text, at, known, rules),
      customerKey: normalizeCustomerName,
      understand: (text, known, at) => understandMessage(text, at, known, understanding),
      typedCustomerName: (text, known) => typedCustomerName(text, known, rules.customers),
    },
    reportRules: {
      extract: (input) => extractReport(input, rules),
      correct: (draft, text, at) => applyCorrection(draft, text, at, rules),
      missingNextStep,
      formatAmount: formatAmountWan,
    },
  };
}
