// The offline battle-report extractor: one note in, one BattleReport out (spec "Battle report schema").
// Pure and deterministic; each field comes from its own small rule module, reading the note once.
import { findAmounts, pickAmount } from './amounts.js';
import type { BattleReport, ExtractionInput } from './battle-report.js';
import { findRivals } from './competitors.js';
import { findContact } from './contact.js';
import { recognizeCustomer } from './customer.js';
import { findNextAction } from './next-action.js';
import { readNote } from './note.js';
import { findObjections } from './objections.js';
import { findPaymentTermsDays } from './payment-terms.js';
import { summarise } from './progress.js';
import type { CompiledReportRules } from './report-rules.js';
import { happenedStageCues, stageOf } from './stage-cues.js';
import { foldText } from './text.js';
import { findVaguePhrases } from './vague-phrases.js';

export function extractReport(input: ExtractionInput, rules: CompiledReportRules): BattleReport {
  const customer = recognizeCustomer(input.text, input.recordedAt, input.knownCustomers ?? [], rules);
  const folded = foldText(input.text);
  const isPerson = (name: string) => rules.contacts.any.test(name);
  const rivals = findRivals(folded, input.text, rules.competitors, customer === null ? [] : [foldText(customer)], isPerson);
  const contact = findContact(folded, input.text, rules.contacts, rivals.map((r) => foldText(r.text)));
  const note = readNote(input.text, input.recordedAt, rules, [customer, contact]);
  const stage = stageOf(happenedStageCues(note, rules.stages, rivals));
  const amounts = findAmounts(note.folded, note.clauses, rules.amounts, rivals.map((r) => foldText(r.text)));
  const objections = findObjections(note, rules.objections, {
    topics: rules.topics, rivals, contrast: rules.contrast,
  });
  return {
    customer,
    contact,
    stage,
    progress: summarise(note, rules.progress),
    objections,
    competitors: rivals.map((r) => r.text),
    amount: pickAmount(amounts, stage),
    paymentTermsDays: findPaymentTermsDays(note.clauses, rules.paymentTerms),
    ...findNextAction(note),
    vaguePhrases: findVaguePhrases(note.folded, rules.vaguePhrases),
  };
}
