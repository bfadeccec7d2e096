// One reading of a rep's text: what kind of message it is, which customer (with how sure), the topics,
// the stage its words put the deal in and the stage the card should suggest. Pure; the update flow,
// the LLM guard and the `recognize` CLI all start from it.
import { parseCustomerCorrection } from '../customers/customer-correction.js';
import type { CustomerMatch } from '../customers/recognize-customer.js';
import { typedCustomerName } from '../customers/typed-name.js';
import { classifyIntent, type CompiledIntentRules, type Intent } from '../intents/classify-intent.js';
import { recognizeCustomerMatch } from '../reports/customer.js';
import type { CompiledReportRules } from '../reports/report-rules.js';
import { stageCueOf } from '../reports/update-stage.js';
import type { StageId } from '../stages/stage-ids.js';
import { suggestStageFromTopics } from '../stages/suggest-stage.js';
import { detectTopics } from '../topics/detect-topics.js';
import type { TopicId } from '../topics/topic-ids.js';

export interface Understanding {
  readonly intent: Intent;
  /** The customer named with enough confidence, else null (the bot asks). */
  readonly customer: CustomerMatch | null;
  readonly topics: readonly TopicId[];
  /** The stage the text says the deal is in (a fact, never a plan). */
  readonly stageCue: StageId | null;
  /** What the stage card highlights: the stage cue, else what the topics point to. */
  readonly suggestedStage: StageId | null;
  /** "不是A是B", "客户是X": the customer the rep says it really is (intent correction). */
  readonly correctedCustomer: string | null;
}

export interface UnderstandingRules {
  readonly report: CompiledReportRules;
  readonly intents: CompiledIntentRules;
}

export function understandMessage(text: string, at: Date, knownNames: readonly string[], rules: UnderstandingRules): Understanding {
  const match = recognizeCustomerMatch(text, at, knownNames, rules.report);
  const customer = match && match.confidence >= rules.report.customers.minConfidence ? match : null;
  const topics = detectTopics(text, rules.report.topics);
  const stageCue = stageCueOf(text, at, customer?.name ?? null, rules.report);
  const correctedCustomer = namedCorrection(text, knownNames, rules);
  const intent = correctedCustomer
    ? ({ kind: 'correction' } as const)
    : classifyIntent(text, { customer: customer !== null, topics: topics.length, stage: stageCue !== null }, rules.intents);
  return { intent, customer, topics, stageCue, suggestedStage: stageCue ?? suggestStageFromTopics(topics), correctedCustomer };
}

/** "客户是华通电子", "搞错了,是华通电子": a correction of who the customer is, when what follows is a name. */
function namedCorrection(text: string, knownNames: readonly string[], rules: UnderstandingRules): string | null {
  const correction = parseCustomerCorrection(text);
  return correction === null ? null : typedCustomerName(correction.newName, knownNames, rules.report.customers);
}
