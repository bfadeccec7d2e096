// A possible customer name in one clause of a message, and the checks every kind of candidate shares.
import type { CompiledCustomerRules, LeadIn } from './customer-rules.js';
import type { ClauseView } from './message-text.js';

export type CandidateSource = 'known' | 'organisation' | 'slot' | 'person';

export interface CandidateOptions {
  /** A phrase that carries a sales topic or stage cue ("报价", "培训材料") is never a new name. */
  readonly isCommonPhrase?: (phrase: string) => boolean;
}

export interface Candidate {
  /** Offsets into the message. */
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
  readonly source: CandidateSource;
}

const HAN = /\p{Script=Han}/u;
const LATIN = /[A-Za-z]/;

/** The longest lead-in starting at `at`, unless a blocker starts there or jieba fuses a one-character cue with what follows. */
export function leadInAt(view: ClauseView, at: number, rules: CompiledCustomerRules): LeadIn | null {
  const rest = view.text.slice(at);
  if (rules.leadInBlockers.some((b) => rest.startsWith(b))) return null;
  for (const cue of rules.leadIns) {
    if (!rest.startsWith(cue.word)) continue;
    // "和睿口腔诊所", "同仁康复医院": the character is part of a word, not a cue.
    if (cue.word.length === 1 && !(view.boundaries.has(at) && view.boundaries.has(at + 1))) continue;
    return cue;
  }
  return null;
}

/** Whether a name may end at `at` of the clause: a department, role, time word, verb or particle starts there. */
export function enderAt(view: ClauseView, at: number, rules: CompiledCustomerRules): string | null {
  if (at >= view.text.length) return '';
  const rest = view.text.slice(at);
  for (const word of rules.enderWords) {
    if (!rest.startsWith(word)) continue;
    if (word.length === 1 && !view.boundaries.has(at)) continue;
    return word;
  }
  // A department or site starts a word: "苏宁易购南京总部" ends at 南京, not inside 易购.
  if (!view.boundaries.has(at)) return null;
  const department = departmentAt(view, at, rules) ?? siteAt(view, at, rules);
  if (department) return department;
  for (const re of rules.enderPatterns) {
    re.lastIndex = at;
    const m = re.exec(view.text);
    if (m && !/[的了]/.test(m[0])) return m[0];
  }
  return null;
}

/**
 * A place and a site or department after it ("上海店", "中山路店", "南京总部", "深圳采购中心"), or a known
 * place that ends the clause or comes before 那边/的 ("老乡鸡合肥那边", "富士康龙华"): a site of the customer.
 */
function siteAt(view: ClauseView, at: number, rules: CompiledCustomerRules): string | null {
  const listed = rules.placeNames.find((p) => view.text.startsWith(p, at));
  const place = (listed ? { word: listed } : null) ?? view.tokens.find((t) => t.start === at && t.tag === 'ns') ?? streetAt(view, at);
  if (!place) return null;
  const after = at + place.word.length;
  const site = rules.siteWords.find((w) => view.text.startsWith(w, after));
  if (site) return place.word + site;
  const department = view.boundaries.has(after) ? departmentAt(view, after, rules) : null;
  if (department) return place.word + department;
  if (!listed || !view.boundaries.has(after)) return null;
  return after === view.text.length || /^(?:那边|这边|的|方面|区域|大区|片区|分部)/u.test(view.text.slice(after)) ? place.word : null;
}

/**
 * "人民路", "解放大道", "万达广场": a street or square that ends a word and whose first word has two
 * characters or more (so "名创优品中山路店" yields 中山路, not 品中山路).
 */
function streetAt(view: ClauseView, at: number): { word: string } | null {
  const m = /^[\p{Script=Han}]{1,3}?(?:路|街|大道|广场)/u.exec(view.text.slice(at, at + 6));
  if (!m || !view.boundaries.has(at + m[0].length)) return null;
  let firstEnd = at + 1;
  while (!view.boundaries.has(firstEnd)) firstEnd++;
  return firstEnd - at >= 2 ? { word: m[0] } : null;
}

/** One word and a department ending: "设备科" (设备 + 科), "采购部" (one jieba word), "IT部". */
function departmentAt(view: ClauseView, at: number, rules: CompiledCustomerRules): string | null {
  let next = at + 1;
  while (next < view.text.length && !view.boundaries.has(next)) next++;
  const word = view.text.slice(at, next);
  if (word.length >= 3 && rules.departmentEndings.some((d) => word.endsWith(d) && word.length - d.length >= 2)) return word;
  if (word.length < 2 || word.length > 4) return null;
  const ending = rules.departmentEndings.find((d) => view.text.startsWith(d, next));
  return ending ? word + ending : null;
}

/** Plausible as a customer name on its own: not a generic word, pronoun or number, not a phrase ending in one. */
export function isPlausibleName(name: string, rules: CompiledCustomerRules, asCore = false): boolean {
  if (name.length < 2 || name.length > 30) return false;
  // A place alone ("上海", "成都市", "东莞") is where, not who — though it may start a name (华西医院).
  if (!asCore && (rules.placeNames.includes(name) || (/[省市县区]$/u.test(name) && rules.placeNames.includes(name.slice(0, -1))))) return false;
  if (rules.invalidNames.has(name) || rules.invalidStarts.has(name[0]!)) return false;
  if (rules.invalidEndings.some((w) => name.endsWith(w) && name.length - w.length < 2)) return false;
  if (/^[0-9.\-]+$/.test(name) && !/^\d+-\d+$/.test(name)) return false;
  if (!HAN.test(name)) {
    // "ABB", "SAP", "7-11": letters, or digits joined by a hyphen.
    return (name.replace(/[^A-Za-z]/g, '').length >= 2 || /^\d+-\d+$/.test(name)) && !rules.latinStopwords.has(name.toLowerCase());
  }
  const latin = name.match(/[A-Za-z]+/g) ?? [];
  return !latin.some((w) => rules.latinStopwords.has(w.toLowerCase()) && w.length === name.length);
}

export const hasLatin = (s: string): boolean => LATIN.test(s);
