// The compiled rules of config/report-rules.jsonc, plus the topic dictionary and customer rules the
// extractor reuses. Compiled once at start-up; extraction then only runs prepared matchers.
import type { CompiledCustomerRules } from '../customers/recognize-customer.js';
import type { CompiledTopicDictionary } from '../topics/topic-dictionary.js';
import { compileAmountRules, type AmountRules } from './amounts.js';
import { compileCompetitorRules, type CompetitorRules } from './competitors.js';
import { compileContactRules, type ContactRules } from './contact.js';
import { compileCorrectionRules, type CorrectionRules } from './correction-rules.js';
import { charSet, compileCueList, section, type CueList } from './cue-list.js';
import { compileDateRules, type DateRules } from './dates.js';
import { compilePlanRules, type PlanRules } from './note.js';
import { compileObjectionRules, type ObjectionRules } from './objections.js';
import { compilePaymentTermsRules, type PaymentTermsRules } from './payment-terms.js';
import { compileProgressRules, type ProgressRules } from './progress.js';
import { compileStageRules, type StageRules } from './stage-cues.js';
import type { ClauseBreaks } from './text.js';
import { compileVaguePhraseRules, type VaguePhraseRules } from './vague-phrases.js';

export interface CompiledReportRules {
  readonly breaks: ClauseBreaks;
  readonly contrast: CueList;
  readonly dates: DateRules;
  readonly plans: PlanRules;
  readonly amounts: AmountRules;
  readonly paymentTerms: PaymentTermsRules;
  readonly stages: StageRules;
  readonly objections: ObjectionRules;
  readonly competitors: CompetitorRules;
  readonly contacts: ContactRules;
  readonly vaguePhrases: VaguePhraseRules;
  readonly progress: ProgressRules;
  readonly corrections: CorrectionRules;
  readonly topics: CompiledTopicDictionary;
  readonly customers: CompiledCustomerRules;
}

export function compileReportRules(
  raw: unknown,
  deps: { topics: CompiledTopicDictionary; customers: CompiledCustomerRules },
): CompiledReportRules {
  const text = section(raw, 'text');
  return Object.freeze({
    breaks: { clause: charSet(text.clauseBreaks, 'text.clauseBreaks'), sentence: charSet(text.sentenceEnds, 'text.sentenceEnds') },
    contrast: compileCueList(text.contrast, 'text.contrast'),
    dates: compileDateRules(raw),
    plans: compilePlanRules(raw),
    amounts: compileAmountRules(raw),
    paymentTerms: compilePaymentTermsRules(raw),
    stages: compileStageRules(raw),
    objections: compileObjectionRules(raw),
    competitors: compileCompetitorRules(raw),
    contacts: compileContactRules(raw),
    vaguePhrases: compileVaguePhraseRules(raw),
    progress: compileProgressRules(raw),
    corrections: compileCorrectionRules(raw),
    topics: deps.topics,
    customers: deps.customers,
  });
}
