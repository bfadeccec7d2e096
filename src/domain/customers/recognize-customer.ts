// Which customer a rep's message is about, with how sure we are and where it was said: a customer or
// alias the tenant already has, else an organisation, else a name in a name slot, else a person after a
// visit cue. Below the configured confidence the answer is "nobody" and the bot asks.
import { normalizeCustomerName } from './name-key.js';
import type { Candidate, CandidateSource } from './candidate.js';
import type { CompiledCustomerRules } from './customer-rules.js';
import { clausesOf, foldWidth, type ClauseView } from './message-text.js';
import { organisationCandidates } from './org-candidates.js';
import { namedOutright, slotCandidates } from './slot-candidates.js';

export { compileCustomerRules, type CompiledCustomerRules } from './customer-rules.js';
export { normalizeCustomerName } from './name-key.js';

export interface CustomerMatch {
  /** As stored for a known customer, else as written in the message. */
  readonly name: string;
  /** 0–1; the caller asks below rules.minConfidence. */
  readonly confidence: number;
  /** Offsets of the name in the message. */
  readonly span: { readonly start: number; readonly end: number };
  readonly source: CandidateSource;
}

export interface RecognizeOptions {
  /** A phrase that carries a sales topic or stage cue ("报价", "试用装") is never a new name. */
  readonly isCommonPhrase?: (phrase: string) => boolean;
}

const KNOWN = 1;
const KNOWN_SHORT_FORM = 0.85;

/** The best candidate, whatever its confidence (null only when there is none at all). */
export function findCustomerCandidate(
  text: string,
  knownNames: readonly string[],
  rules: CompiledCustomerRules,
  options: RecognizeOptions = {},
): CustomerMatch | null {
  const known = matchKnown(text, knownNames, (key) => key, KNOWN);
  if (known) return known;
  const folded = foldWidth(text);
  const found: Candidate[] = [];
  const views = clausesOf(folded);
  for (const view of views) found.push(...organisationCandidates(view, rules, options), ...slotCandidates(view, rules));
  found.push(...namedOutrightIn(folded, views, rules));
  const usable = found.filter((c) => c.source !== 'slot' || !options.isCommonPhrase?.(folded.slice(c.start, c.end)));
  // "恒信那边说…" for 恒信机械: a known customer by its short form, unless a longer new name covers it.
  const short = matchKnown(text, knownNames, (key) => cachedShortKey(key, rules), KNOWN_SHORT_FORM);
  if (short) usable.push({ start: short.span.start, end: short.span.end, confidence: short.confidence, source: 'known' });
  const best = pickBest(usable);
  if (!best) return null;
  if (short && best.source === 'known') return short;
  return { name: text.slice(best.start, best.end).trim(), confidence: best.confidence, span: { start: best.start, end: best.end }, source: best.source };
}

// "一家客户,叫蓝鲸数据", "这家公司名叫澜石科技", "客户名字叫鼎盛": the cue may sit in the clause before the name.
const NAMED_AS = /(?:客户|公司|企业|单位|厂家|这家|那家|一家)[^。;；!?！？]{0,6}?(?:名字)?(?:名叫|叫做|叫)/gu;

function namedOutrightIn(folded: string, views: readonly ClauseView[], rules: CompiledCustomerRules): Candidate[] {
  const out: Candidate[] = [];
  for (const m of folded.matchAll(NAMED_AS)) {
    const at = m.index + m[0].length;
    const view = views.find((v) => v.start <= at && at < v.start + v.text.length);
    const named = view ? namedOutright(view, at - view.start, rules) : null;
    if (named) out.push(named);
  }
  return out;
}

/** The customer the message names, or null when the bot should ask. */
export function recognizeCustomerMatch(
  text: string,
  knownNames: readonly string[],
  rules: CompiledCustomerRules,
  options: RecognizeOptions = {},
): CustomerMatch | null {
  const best = findCustomerCandidate(text, knownNames, rules, options);
  return best && best.confidence >= rules.minConfidence ? best : null;
}

export function recognizeCustomerName(text: string, knownNames: readonly string[], rules: CompiledCustomerRules, options: RecognizeOptions = {}): string | null {
  return recognizeCustomerMatch(text, knownNames, rules, options)?.name ?? null;
}

/** Highest confidence; between equals the longer name (an organisation chain), then the earlier one. */
function pickBest(found: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of found) {
    if (
      best === null ||
      c.confidence > best.confidence + 1e-9 ||
      (Math.abs(c.confidence - best.confidence) < 1e-9 && (c.start < best.start || (c.start === best.start && c.end > best.end)))
    ) {
      best = c;
    }
  }
  return best;
}

/** The known name whose key occurs in the text, longest key first; returned as stored. */
function matchKnown(text: string, knownNames: readonly string[], keyOf: (key: string) => string, confidence: number): CustomerMatch | null {
  const { haystack, offsets } = searchable(text);
  let best: CustomerMatch | null = null;
  let bestLength = 0;
  for (const name of knownNames) {
    const key = keyOf(cachedKey(name));
    if (key.length < 2 || key.length <= bestLength) continue;
    const at = haystack.indexOf(key);
    if (at < 0) continue;
    best = { name, confidence, span: { start: offsets[at]!, end: offsets[at + key.length - 1]! + 1 }, source: 'known' };
    bestLength = key.length;
  }
  return best;
}

/**
 * Names' keys, remembered: every message is matched against all of the tenant's names, and the keys only
 * change when a name does. Bounded so a long-running process does not grow without limit.
 */
const keyCache = new Map<string, string>();
const KEY_CACHE_LIMIT = 200_000;

function cachedKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    key = normalizeCustomerName(name);
    keyCache.set(name, key);
  }
  return key;
}

const shortKeyCaches = new WeakMap<CompiledCustomerRules, Map<string, string>>();

/** "恒信机械" → "恒信": the key without its organisation suffixes, as reps often say it. */
function cachedShortKey(key: string, rules: CompiledCustomerRules): string {
  let shortKeyCache = shortKeyCaches.get(rules);
  if (!shortKeyCache) shortKeyCaches.set(rules, (shortKeyCache = new Map()));
  let short = shortKeyCache.get(key);
  if (short === undefined) {
    if (shortKeyCache.size >= KEY_CACHE_LIMIT) shortKeyCache.clear();
    short = key.replace(rules.trailingSuffixes, '');
    shortKeyCache.set(key, short);
  }
  return short;
}

/** NFKC-folded, lower-cased text without spaces, with each character's offset in the original. */
function searchable(text: string): { haystack: string; offsets: number[] } {
  let haystack = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!.normalize('NFKC').toLowerCase();
    if (/\s/.test(c)) continue;
    for (let k = 0; k < c.length; k++) offsets.push(i);
    haystack += c;
  }
  return { haystack, offsets };
}
