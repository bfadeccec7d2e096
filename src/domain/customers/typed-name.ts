// The answer to "这条进展是哪个客户?": a customer name typed on its own ("恒达机械", "是恒达", "就是华安那家")
// or nothing. Questions, small talk and verb phrases ("怎么用", "不知道") are never taken for a name.
import { isPlausibleName } from './candidate.js';
import type { CompiledCustomerRules } from './customer-rules.js';
import { clausesOf, foldWidth } from './message-text.js';
import { findCustomerCandidate } from './recognize-customer.js';

const FRAME_BEFORE = /^(?:客户|公司)?(?:是|就是|叫|应该是)?/u;
const FRAME_AFTER = /(?:那家|这家|那边|的|吧|呀|啊|哈|呢)*[。.!！~～\s]*$/u;
/** Tags that no name starts with: adverbs, pronouns, prepositions, conjunctions, particles, idioms, time. */
const NOT_A_NAME_START = /^(?:d|p|c|r|u.*|y|e|o|l|t|v|vd|ad|i|zg|q)$/;
const MAX_TYPED = 30;

export function typedCustomerName(text: string, knownNames: readonly string[], rules: CompiledCustomerRules): string | null {
  const trimmed = text.trim().replace(FRAME_AFTER, '').replace(FRAME_BEFORE, '').trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TYPED) return null;
  const found = findCustomerCandidate(trimmed, knownNames, rules);
  if (found && (found.source === 'known' || found.confidence >= rules.minConfidence)) return found.name;
  const views = clausesOf(foldWidth(trimmed));
  if (views.length !== 1 || views[0]!.text.length !== trimmed.length) return null;
  const first = views[0]!.tokens[0];
  if (!isPlausibleName(trimmed, rules) || (first && NOT_A_NAME_START.test(first.tag))) return null;
  return trimmed;
}
