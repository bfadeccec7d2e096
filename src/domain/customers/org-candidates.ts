// Organisations: a short core in front of an organisation suffix ("恒信" + "机械"), kept whole across
// chains (集团 → 分公司, 大学附属医院, 医院东院); a unit named right after an organisation (设备科, 信息中心,
// 工程部) is a department of it, not a second customer.
import { leadInAt, isPlausibleName, type Candidate, type CandidateOptions } from './candidate.js';
import type { CompiledCustomerRules, LeadIn } from './customer-rules.js';
import { isNameChar, type ClauseView } from './message-text.js';

/** Characters looked at in front of a suffix: a city, a district and a brand. */
const MAX_RUN = 14;
/** Longest brand core kept without a place in front of it. */
const MAX_CORE = 6;
const PLACE_PREFIX = /^(?:[\p{Script=Han}]{1,4}?[省市区县州旗镇乡])+/u;
const BASE_CONFIDENCE = 0.9;
const TRIMMED_CONFIDENCE = 0.7;
const STANDALONE_CONFIDENCE = 0.75;
const JOINING = new Set(['和', '与', '及']);

export function organisationCandidates(view: ClauseView, rules: CompiledCustomerRules, options: CandidateOptions = {}): Candidate[] {
  const found: Candidate[] = [];
  let lastEnd = 0;
  for (const m of view.text.matchAll(rules.suffixChain)) {
    const suffixAt = m.index;
    if (suffixAt < lastEnd) continue; // inside an organisation already taken (a chain or branch)
    // A one-character suffix must be a word of its own: 局 in 中港建工六局, not in 布局.
    if (!view.boundaries.has(suffixAt) && m[0].length === 1) continue;
    const chainEnd = wordAlignedEnd(view, suffixAt, m[0], rules);
    if (chainEnd === null) continue;
    const core = coreBefore(view, suffixAt, chainEnd, lastEnd, rules);
    if (core === null) continue;
    if (found.length > 0 && core.start === lastEnd) continue; // right after an organisation: its department
    const end = extendChain(view, chainEnd, rules);
    const name = view.text.slice(core.start, end);
    const coreText = view.text.slice(core.start, suffixAt);
    // "苏州园区", "深圳总部", "北京分公司": a place and a kind of site is where someone is, not who.
    if (rules.placeNames.includes(coreText) && rules.siteWords.includes(view.text.slice(suffixAt, chainEnd))) continue;
    if (!isPlausibleCore(view, core.start, suffixAt, m[0], rules, options) || !isPlausibleName(name, rules)) continue;
    found.push({ start: view.start + core.start, end: view.start + end, confidence: core.confidence, source: 'organisation' });
    lastEnd = end;
  }
  return found;
}

/**
 * The end of the longest run of the chain's suffixes that ends a word: "酒店餐饮部" keeps 酒店 (餐饮部 is a
 * department), "工程师" has no suffix at all.
 */
function wordAlignedEnd(view: ClauseView, at: number, chain: string, rules: CompiledCustomerRules): number | null {
  const ends: number[] = [];
  let rest = chain;
  let end = at;
  let previous = '';
  while (rest.length > 0) {
    const piece = [...rules.suffixes].filter((s) => rest.startsWith(s)).sort((a, b) => b.length - a.length)[0];
    // After an institution only a legal form continues the name: 大学|图书馆, 医院|眼科 are its units.
    if (!piece || (isInstitution(previous, rules) && !rules.legalSuffixes.has(piece))) break;
    end += piece.length;
    rest = rest.slice(piece.length);
    ends.push(end);
    previous = piece;
  }
  // "明辉五金厂", "宏达服装厂": a factory named by its trade.
  if (ends.length > 0 && view.text[end] === '厂' && view.boundaries.has(end + 1) && ends.at(-1) === end) ends.push(end + 1);
  for (let i = ends.length - 1; i >= 0; i--) {
    if (!view.boundaries.has(ends[i]!)) continue;
    // "人和商场物业部", "农夫山泉物流部": a suffix with a department ending after it is the department's
    // word; with no suffix before it there is no organisation here at all.
    const department = rules.departmentEndings.some((d) => view.text.startsWith(d, ends[i]!) && view.boundaries.has(ends[i]! + d.length));
    if (!department) return ends[i]!;
    // An institution keeps its name before its own office ("崂山区人民政府办公室", "公安局科信处").
    if (isInstitution(view.text.slice(ends[i - 1] ?? at, ends[i]!), rules)) return ends[i]!;
    if (i === 0) return null;
  }
  return null;
}

/** Where the core in front of the suffix starts: after the last lead-in, at most MAX_CORE characters unless a place leads. */
function coreBefore(view: ClauseView, suffixAt: number, suffixEnd: number, floor: number, rules: CompiledCustomerRules): { start: number; confidence: number } | null {
  let runStart = suffixAt;
  while (runStart > floor && suffixAt - runStart < MAX_RUN && (isNameChar(view.text[runStart - 1]) || isJoiningHyphen(view.text, runStart - 1))) runStart--;
  let start = runStart;
  let before = runStart;
  let lastCue: LeadIn | null = null;
  for (let at = runStart; at < suffixAt; at++) {
    const cue = leadInAt(view, at, rules);
    // "政务服务和大数据管理局": 和 between two words of a public body's name joins them.
    if (cue && JOINING.has(cue.word) && at - runStart >= 2 && rules.publicBodySuffixes.some((s) => view.text.startsWith(s, suffixAt))) continue;
    if (cue && at + cue.word.length <= suffixAt && at + cue.word.length > start) {
      before = start;
      start = at + cue.word.length;
      lastCue = cue;
    }
  }
  // "跟和光物流", "安和养老院": jieba cut the preposition 和 off, but a core shorter than two characters
  // means it belonged to the name after all.
  if (lastCue?.strong && lastCue.word.length === 1) {
    if (suffixAt - start < 2 && suffixAt - before <= 3) start = before;
    else if (cueBelongsToName(view, start, suffixAt, lastCue, rules)) start -= 1;
  }
  let core = view.text.slice(start, suffixAt);
  if (core.length === 0 && rules.standaloneNames.has(view.text.slice(suffixAt, suffixEnd))) return { start, confidence: STANDALONE_CONFIDENCE };
  // "省财政厅", "市一院", "区卫健委": the level of government alone is a name.
  if (core.length === 1 && /[省市县区镇乡]/u.test(core)) return { start, confidence: TRIMMED_CONFIDENCE };
  if (core.length < 2 && !/[A-Za-z0-9]/.test(core)) return null;
  let confidence = BASE_CONFIDENCE;
  const place = PLACE_PREFIX.exec(core)?.[0] ?? '';
  // A Latin brand counts as one word ("7-Eleven华南公司").
  const latin = (core.match(/[A-Za-z0-9-]{2,}/g) ?? []).reduce((n, w) => n + w.length - 1, 0);
  if (core.length - latin - place.length - placeWords(view, start, suffixAt) > MAX_CORE) {
    // No lead-in found in a long run: keep the last word-aligned MAX_CORE characters and trust it less.
    let cutAt = suffixAt - MAX_CORE;
    while (cutAt < suffixAt - 2 && !view.boundaries.has(cutAt)) cutAt++;
    start = cutAt;
    core = view.text.slice(start, suffixAt);
    confidence = TRIMMED_CONFIDENCE;
  }
  return { start, confidence };
}

/**
 * "跟和光物流", "安和养老院", "和府物业": jieba cut the cue off, but a core under two characters or one that
 * starts with a one-character word means the cue is the name's first character.
 */
export function cueBelongsToName(view: ClauseView, coreStart: number, coreEnd: number, cue: LeadIn, rules: CompiledCustomerRules): boolean {
  if (coreEnd - coreStart < 2) return true;
  if (!rules.nameInitialCues.has(cue.word) || !/\p{Script=Han}/u.test(view.text[coreStart] ?? '')) return false;
  const first = view.tokens.find((t) => t.start <= coreStart && coreStart < t.start + t.word.length);
  // Fused with the cue by jieba ("同城快"), or a lone character after it ("和|府|捞面"); a doubled cue
  // ("同同程旅行") is the cue and then the name.
  if (view.text[coreStart] === cue.word) return false;
  return first !== undefined && (first.start < coreStart || first.word.length === 1);
}

/**
 * The core in front of a suffix: a plausible name, or digits before an institution ("301医院", "8中"), and
 * never a phrase ("手觉得包装": a verb inside) or a sales word ("培训材料", "资质材料").
 */
function isPlausibleCore(view: ClauseView, start: number, end: number, suffix: string, rules: CompiledCustomerRules, options: CandidateOptions): boolean {
  const core = view.text.slice(start, end);
  if (core.length === 0) return true;
  if (/^\d+$/.test(core)) return rules.terminalSuffixes.has(suffix) || rules.standaloneNames.has(suffix);
  if (/[一二三四五六七八九十两几\d]+[家个间所座]$/u.test(core)) return false; // "7家门店", "三所学校"
  if (!isPlausibleName(core, rules, true) || options.isCommonPhrase?.(core)) return false;
  // An opinion or action word inside the core ("手觉得包装", "客户要求补充资质材料") makes it a phrase.
  return !rules.coreBreakers.some((w) => core.includes(w) && view.boundaries.has(start + core.indexOf(w)));
}

const isJoiningHyphen = (text: string, i: number): boolean =>
  text[i] === '-' && /[A-Za-z0-9]/.test(text[i - 1] ?? '') && /[A-Za-z0-9]/.test(text[i + 1] ?? '');

const isInstitution = (suffix: string, rules: CompiledCustomerRules): boolean =>
  suffix.length > 0 && [...rules.terminalSuffixes].some((t) => suffix.endsWith(t));

/** Characters of place names jieba tags inside the core ("绿城中国杭州公司"): they don't count toward its length. */
function placeWords(view: ClauseView, start: number, end: number): number {
  let n = 0;
  for (const t of view.tokens) if (t.tag === 'ns' && t.start >= start && t.start + t.word.length <= end) n += t.word.length;
  return n;
}

/** Extends an organisation over branches and joined organisations that follow it directly. */
function extendChain(view: ClauseView, end: number, rules: CompiledCustomerRules): number {
  for (;;) {
    rules.connectorAfter.lastIndex = end;
    const joined = rules.connectorAfter.exec(view.text)?.[0];
    rules.branchAfter.lastIndex = end;
    const branch = rules.branchAfter.exec(view.text);
    const next = joined ?? (branch && isPlaceOrNumber(view, end, branch[1]!) ? branch[0] : undefined);
    if (next === undefined || /[的了是在和与跟]/.test(next)) return end;
    end += next.length;
  }
}

/** The words between an organisation and its branch: a place (上海), a number (三, 第二) or a direction (东). */
function isPlaceOrNumber(view: ClauseView, at: number, gap: string): boolean {
  if (/^(?:第?[0-9一二三四五六七八九十]{0,3}|[东西南北中])$/u.test(gap)) return true;
  const end = at + gap.length;
  return view.tokens.every((t) => t.start + t.word.length <= at || t.start >= end || (t.tag === 'ns' && t.start >= at && t.start + t.word.length <= end));
}
