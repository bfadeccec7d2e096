// The customer of a note via the shared recogniser (known customers first). Dates and times are blanked out first
// ("下周二跟北辰电子…" must not yield "二跟北辰电子"); a name that starts inside one of the report's own
// words is read again without them.
import { findCustomerCandidate, type CustomerMatch } from '../customers/recognize-customer.js';
import { detectTopics } from '../topics/detect-topics.js';
import { shanghaiDay } from './calendar.js';
import { moneyOf } from './amounts.js';
import { scanNumerals } from './chinese-number.js';
import type { CueList } from './cue-list.js';
import { findDates } from './dates.js';
import { findDurations } from './payment-terms.js';
import type { CompiledReportRules } from './report-rules.js';
import { foldText } from './text.js';

export function recognizeCustomer(text: string, recordedAt: Date, known: readonly string[], rules: CompiledReportRules): string | null {
  const match = recognizeCustomerMatch(text, recordedAt, known, rules);
  return match && match.confidence >= rules.customers.minConfidence ? match.name : null;
}

/** The best customer candidate of a note with its confidence (null when there is none at all). */
export function recognizeCustomerMatch(text: string, recordedAt: Date, known: readonly string[], rules: CompiledReportRules): CustomerMatch | null {
  const folded = foldText(text);
  const dates = findDates(folded, shanghaiDay(recordedAt), rules.dates).map((d) => [d.start, d.end] as const);
  for (const m of folded.matchAll(rules.dates.timesOfDayAll)) {
    // "一点点奶茶": 一点点 is "a little", not one o'clock.
    if (folded[m.index + m[0].length] !== '点') dates.push([m.index, m.index + m[0].length]);
  }
  const light = blank(text, dates);
  // A suffix-less phrase that carries a sales topic ("维保合约", "交期") is never a new name.
  const options = { isCommonPhrase: (phrase: string) => detectTopics(phrase, rules.topics).length > 0 };
  const find = (t: string) => findCustomerCandidate(t, known, rules.customers, options);
  let match = find(light);
  if (match?.source === 'known') return match;
  // A name that starts inside one of the report's own words is a fragment ("客户希望能降到…" → "希望",
  // "第一次见宁德新能源" → "次见宁德新能源"): read again with those words blanked out too.
  const words = cueSpans(folded, rules);
  const fragile = match !== null && (match.source === 'slot' || match.source === 'person');
  if (fragile && words.some(([start, end]) => start <= match!.span.start && match!.span.start < end)) {
    match = find(blank(text, [...dates, ...words]));
  }
  return match;
}

/** Spans of the report's own words of two characters or more, amounts and durations: never a name's start. */
function cueSpans(folded: string, rules: CompiledReportRules): (readonly [number, number])[] {
  const spans: (readonly [number, number])[] = [];
  for (const list of cueListsOf(rules)) for (const m of list.find(folded)) if (m.end - m.start >= 2) spans.push([m.start, m.end]);
  for (const n of scanNumerals(folded)) if (moneyOf(n, folded, rules.amounts)) spans.push([n.start, n.end]);
  for (const d of findDurations(folded)) spans.push([d.start, d.end]);
  return spans;
}

/** The text with the spans replaced by commas, in UTF-16 units (the unit of every offset here). */
function blank(text: string, spans: readonly (readonly [number, number])[]): string {
  const chars = text.split('');
  for (const [start, end] of spans) for (let i = start; i < end && i < chars.length; i++) chars[i] = '，';
  return chars.join('');
}

function cueListsOf(rules: CompiledReportRules): CueList[] {
  return [
    ...rules.stages.cues.map((c) => c.list), ...rules.amounts.kinds.map((k) => k.list), rules.vaguePhrases.list,
    rules.paymentTerms.cues, rules.objections.speechVerbs, rules.objections.concern, rules.plans.markers, rules.amounts.notDealBefore,
  ];
}
