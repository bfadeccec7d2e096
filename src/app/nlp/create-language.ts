// Binds the pure language rules to their config files, loaded and compiled once at start-up:
// report-rules.jsonc brings topics.jsonc and customers.jsonc from the same folder with it; intents.jsonc
// decides what kind of message a text is; touch-kinds.jsonc whether an update was a visit, call, message …;
// commitments.jsonc what closes a promise.
import { join } from 'node:path';
import { loadIntentRules } from '../../config/load-intent-rules.js';
import { loadReportRules } from '../../config/load-report-rules.js';
import { loadTouchKinds } from '../../config/load-touch-kinds.js';
import { loadIndustries } from '../../config/load-industries.js';
import { industryOf } from '../../domain/industries/industry-of.js';
import { classifyTouchKind } from '../../domain/touches/touch-kind.js';
import { typedCustomerName } from '../../domain/customers/typed-name.js';
import { understandMessage } from '../../domain/understanding/understand-message.js';
import { normalizeCustomerName } from '../../domain/customers/recognize-customer.js';
import { applyCorrection } from '../../domain/reports/apply-correction.js';
import { recognizeCustomer } from '../../domain/reports/customer.js';
import { extractReport } from '../../domain/reports/extract-report.js';
import { formatAmountWan, missingNextStep } from '../../domain/reports/format.js';
import type { CompiledReportRules } from '../../domain/reports/report-rules.js';
import { detectTopics } from '../../domain/topics/detect-topics.js';
import { loadCommitmentRules } from '../../config/load-commitment-rules.js';
import { readNewDueDate, rescheduledText, withDueDate } from '../../domain/commitments/due-text.js';
import { fulfilledCommitments } from '../../domain/commitments/match-fulfilled.js';
import type { CommitmentLanguage, Nlp, ReportRules } from '../app-deps.js';

export interface Language {
  nlp: Nlp;
  reportRules: ReportRules;
  commitmentRules: CommitmentLanguage;
}

export function createLanguage(configDir: string): Language {
  const rules = loadReportRules(join(configDir, 'report-rules.jsonc'));
  const understanding = { report: rules, intents: loadIntentRules(join(configDir, 'intents.jsonc')) };
  const touchKinds = loadTouchKinds(join(configDir, 'touch-kinds.jsonc'));
  const industries = loadIndustries(join(configDir, 'industries.jsonc'));
  return {
    nlp: {
      detectTopics: (text) => detectTopics(text, rules.topics),
      // The report-aware recogniser: dates and the report's own words never become part of a name.
      recognizeCustomer: (text, known, at) => recognizeCustomer(text, at, known, rules),
      customerKey: normalizeCustomerName,
      understand: (text, known, at) => understandMessage(text, at, known, understanding),
      typedCustomerName: (text, known) => typedCustomerName(text, known, rules.customers),
      touchKind: (text) => classifyTouchKind(text, touchKinds),
      industryOf: (name) => industryOf(name, industries),
    },
    reportRules: {
      extract: (input) => extractReport(input, rules),
      correct: (draft, text, at) => applyCorrection(draft, text, at, rules),
      missingNextStep,
      formatAmount: formatAmountWan,
    },
    commitmentRules: bindCommitments(join(configDir, 'commitments.jsonc'), rules.dates),
  };
}

function bindCommitments(path: string, dates: CompiledReportRules['dates']): CommitmentLanguage {
  const rules = loadCommitmentRules(path);
  return {
    fulfilled: (text, open) => fulfilledCommitments(text, open, rules),
    withDueDate: (text, due) => withDueDate(text, due, dates),
    rescheduledText: (description, due) => rescheduledText(description, due, dates),
    readNewDueDate: (text, at) => readNewDueDate(text, at, dates),
    isDropAnswer: (text) => rules.dropAnswer.test(text.trim()),
  };
}
