// The customer of a note via the shared recogniser (known customers first). Dates and times are blanked out first
// ("下周二跟北辰电子…" must not yield "二跟北辰电子"); a name that starts inside one of the report's own
// words is read again without them; a verb left in front of the name is dropped.
import { recognizeCustomerName } from '../customers/recognize-customer.js';
import { shanghaiDay } from './calendar.js';
import { moneyOf } from './amounts.js';
import { scanNumerals } from './chinese-number.js';
import { cueSource, section, stringList, type CueList } from './cue-list.js';
import { findDates } from './dates.js';
import { findDurations } from './payment-terms.js';
import type { CompiledReportRules } from './report-rules.js';
import { foldText } from './text.js';

export interface CustomerCleanup {
  /** Longest first. */
  readonly leadingVerbs: readonly string[];
  readonly openingName: RegExp;
}

export function compileCustomerCleanup(raw: unknown): CustomerCleanup {
  const r = section(raw, 'customers');
  const before = cueSource(r.openingNameBefore, 'customers.openingNameBefore');
  return {
    leadingVerbs: [...stringList(r.leadingVerbs, 'customers.leadingVerbs')].sort((a, b) => b.length - a.length),
    openingName: new RegExp(`^[，\\s]*(\\p{Script=Han}{3,5}?)(?:${before})`, 'u'),
  };
}

export function recognizeCustomer(text: string, recordedAt: Date, known: readonly string[], rules: CompiledReportRules): string | null {
  const folded = foldText(text);
  const dates = findDates(folded, shanghaiDay(recordedAt), rules.dates).map((d) => [d.start, d.end] as const);
  for (const m of folded.matchAll(rules.dates.timesOfDayAll)) dates.push([m.index, m.index + m[0].length]);
  const light = blank(text, dates);
  let name = recognizeCustomerName(light, known, rules.customers);
  if (name !== null && known.includes(name)) return name;
  // A name that starts inside one of the report's own words is a fragment ("客户希望能降到…" → "希望",
  // "第一次见宁德新能源" → "次见宁德新能源"): read again with those words blanked out too.
  const words = cueSpans(folded, rules);
  const at = name === null ? -1 : light.indexOf(name);
  if (at >= 0 && words.some(([start, end]) => start <= at && at < end)) {
    name = recognizeCustomerName(blank(text, [...dates, ...words]), known, rules.customers);
  }
  if (name === null) return openingName(light, rules);
  return known.includes(name) ? name : dropLeadingVerb(name, rules);
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

/** "顺丰速运说…": a plausible name opening the note, when nothing else named the customer. */
function openingName(cleaned: string, rules: CompiledReportRules): string | null {
  const name = rules.customerCleanup.openingName.exec(cleaned)?.[1];
  const c = rules.customers;
  if (!name || c.invalidStarts.has(name[0]!) || c.leadIns.some((l) => l.word === name)) return null;
  const generic = rules.objections.customerSubjects.test(name) || [...rules.competitors.generic].some((w) => name.includes(w));
  const person = rules.contacts.any.test(name) || c.invalidEndings.some((w) => name.includes(w));
  return person || generic ? null : name;
}

function cueListsOf(rules: CompiledReportRules): CueList[] {
  return [
    ...rules.stages.cues.map((c) => c.list), ...rules.amounts.kinds.map((k) => k.list), rules.vaguePhrases.list,
    rules.paymentTerms.cues, rules.objections.speechVerbs, rules.objections.concern, rules.plans.markers, rules.amounts.notDealBefore,
  ];
}

function dropLeadingVerb(name: string, rules: CompiledReportRules): string {
  const core = name.replace(rules.customers.trailingSuffixes, '');
  const verb = rules.customerCleanup.leadingVerbs.find((v) => core.startsWith(v) && core.length - v.length >= 2);
  return verb ? name.slice(verb.length) : name;
}
