// Names without an organisation suffix (brands: 茶小满, 蜜雪冰城, IBX中国) in the two places reps put a customer:
// right after a visit cue ("拜访了茶小满") or opening a clause as its subject ("澜石科技的技术负责人…").
// The name runs until a department, region, role, time word, verb or particle starts; jieba's tags
// veto names that are verb phrases or opinions ("打电话来咨询", "嫌贵").
import { enderAt, isPlausibleName, leadInAt, type Candidate } from './candidate.js';
import { cueBelongsToName } from './org-candidates.js';
import type { CompiledCustomerRules } from './customer-rules.js';
import { tokenAt, type ClauseView } from './message-text.js';

const MAX_NAME = 10;
/** The ender of a name followed by a space and nothing we recognise. */
const SPACE = ' ';
const VERBS_AFTER_CUE = new Set(['是', '说', '把', '被', '要', '让', '将', '想', '做', '买', '卖', '交', '回', '来', '进', '出', '问', '问了']);
/** "客户嫌同款的颜色太少": what follows an opinion verb is the opinion, not a customer. */
const OPINION_BEFORE = /(?:嫌|觉得|认为|感觉|担心|说)$/u;
/** "安徽先铺二十家店": a count is a plan, not a name. */
const COUNTED = /[一二三四五六七八九十两几\d]+[家个台套次位件箱吨斤瓶盒包车批张条只支把块米]/u;
/** "九十万", "六十天", "3个月": an amount or a duration opens no name. */
const QUANTITY = /(?:^[零一二两三四五六七八九十百千万亿\d.]+(?:万|千|百|元|块|天|周|个|月|年|号|日|点|%|折))|[零一二两三四五六七八九十百千\d.]{2,}(?:万|元|块)/u;
const NOT_A_NAME_START = new Set(['d', 'p', 'c', 'r', 'u', 'uj', 'ul', 'uz', 'ud', 'ug', 'uv', 'y', 'e', 'o', 'l', 't', 'zg', 'vg', 'ad', 'i']);
const INSIDE_NOT_A_NAME = /^(?:v|d|p|c|r|u.*|y|ad|vd)$/;
/** Tags jieba gives to proper names and words it does not know. */
const PROPER = new Set(['nz', 'nt', 'ns', 'nr', 'nrt', 'nrfg', 'j', 'x', 'eng']);

export function slotCandidates(view: ClauseView, rules: CompiledCustomerRules): Candidate[] {
  const found: Candidate[] = [];
  // Opening the clause, or a part of it after a space ("货损3箱 要赔 安踏那边投诉的"), after time words and
  // adverbs ("今天上午恒信那边说…").
  for (const part of [0, ...spacesIn(view.text)]) {
    let at = part;
    for (let cue = leadInAt(view, at, rules); cue && !cue.strong; cue = leadInAt(view, at, rules)) at += cue.word.length;
    // A strong cue here ("周末陪娃…", "陪客户…") is read below, where the name after it is looked for.
    if (leadInAt(view, at, rules)?.strong) continue;
    const opening = nameFrom(view, at, false, rules);
    if (opening) found.push(opening);
  }
  for (let i = 0; i < view.text.length; i++) {
    const cue = leadInAt(view, i, rules);
    if (!cue?.strong || OPINION_BEFORE.test(view.text.slice(Math.max(0, i - 2), i))) continue;
    let start = i + cue.word.length;
    // "和府捞面那边说", "同福碗粥老板说": the cue is the name's first character.
    if (cue.word.length === 1 && rules.nameInitialCues.has(cue.word) && cueBelongsToName(view, start, view.text.length, cue, rules)) {
      const whole = nameFrom(view, i, false, rules, true);
      if (whole) found.push({ ...whole, confidence: Math.max(whole.confidence, 0.65) });
      continue;
    }
    // "去了趟", "约了王总": skip time words and particles between the cue and the name, but not a verb
    // ("客户是做汽车配件的" is about what the customer does).
    for (let more = leadInAt(view, start, rules); more && !more.strong && !VERBS_AFTER_CUE.has(more.word); more = leadInAt(view, start, rules)) {
      start += more.word.length;
    }
    const named = nameFrom(view, start, true, rules);
    if (named) found.push(named);
  }
  return found;
}

/** Said outright ("一家客户,叫蓝鲸数据", "客户名叫澜石科技"): the name after the cue, trusted above the others. */
const NAMED_CONFIDENCE = 0.95;
export function namedOutright(view: ClauseView, at: number, rules: CompiledCustomerRules): Candidate | null {
  const named = nameFrom(view, at, true, rules);
  return named && named.source === 'slot' ? { ...named, confidence: Math.max(named.confidence, NAMED_CONFIDENCE) } : null;
}

function nameFrom(view: ClauseView, start: number, afterCue: boolean, rules: CompiledCustomerRules, startsWithCue = false): Candidate | null {
  const text = view.text;
  if (start >= text.length - 1) return null;
  const person = personAt(view, start, rules);
  if (person) return afterCue ? { start: view.start + start, end: view.start + person, confidence: 0.55, source: 'person' } : null;
  const opening = startsWithCue ? null : enderAt(view, start, rules);
  if (opening !== null && !placeOpensName(view, start, opening, rules)) return null;
  let end = start + Math.max(1, opening?.length ?? 0);
  let ender: string | null = null;
  while (end < text.length && end - start <= MAX_NAME) {
    // A space ends a name; what follows it says how sure we are ("外婆家 的店长", "携程 security").
    if (text[end] === ' ') {
      ender = enderAt(view, end + 1, rules) ?? SPACE;
      break;
    }
    ender = enderAt(view, end, rules) ?? verbAt(view, end);
    if (ender !== null) break;
    end++;
  }
  if (end >= text.length) {
    ender = '';
    end = withoutTrailingVerbs(view, start, end); // "去了长青养殖场调试"
  }
  if (ender !== null && /^[了过着]/.test(ender)) end = withoutLastVerb(view, start, end); // "去机场接了个人"
  // "陪娃上课外班": a name does not end in a locative particle (上, 里, 外); what is left before it is the name.
  const last = view.tokens.find((t) => t.start === end - 1 && t.word.length === 1);
  if (last && last.tag === 'f') end -= 1;
  if (ender === null || end - start < 2) return null; // runs on (a sentence, not a name), or one character
  const name = text.slice(start, end);
  // "杭州见客户": a place and then what happened there.
  const place = rules.placeNames.find((p) => name.startsWith(p) && name.length > p.length);
  // "苏州园区", "深圳总部": a place and a kind of site is where the customer is, not who.
  if (!startsWithCue && place && (!placeOpensName(view, start, place, rules) || rules.siteWords.includes(name.slice(place.length)))) return null;
  if (!isPlausibleName(name, rules) || rules.suffixes.has(name) || COUNTED.test(name) || QUANTITY.test(name)) return null;
  // A lower-case English word is English ("携程 security review"); brands are capitalised or have digits.
  if (!/[\p{Script=Han}A-Z0-9]/u.test(name)) return null;
  const inside = view.tokens.filter((t) => t.start >= start && t.start + t.word.length <= end);
  // Only verbs, or words ending in a verb ("停线检修" is stop-the-line-and-repair): a phrase, not a name.
  const endsInVerb = inside.length > 1 && /^v/.test(inside.at(-1)!.tag);
  if (inside.length > 0 && inside.every((t) => /^v/.test(t.tag) || (endsInVerb && t.tag === 'n' && t.word.length === 2))) return null;
  // "小饭馆", "大超市": one word of size before a suffix is a kind of place, not a name.
  if (rules.suffixes.has(name.slice(1)) && /^[小大新老这那]/u.test(name)) return null;
  const first = tokenAt(view, start);
  if (!startsWithCue && first && first.start === start && first.word.length === 1 && first.tag === 'v') return null; // "填安全"
  if (!startsWithCue && first && first.start === start && NOT_A_NAME_START.has(first.tag)) return null;
  // A verb, adverb or pronoun inside ("同事吃饭顺便", "长期合作"): a phrase, not a name.
  if (!startsWithCue && view.tokens.some((t) => t.start > start && t.start + t.word.length <= end && INSIDE_NOT_A_NAME.test(t.tag) && t.word.length >= 2)) return null;
  let confidence = afterCue ? strongConfidence(ender, name) : openingConfidence(ender, view, rules, name, start);
  // A bare acronym after a verb is as often a system (对接HIS) as a customer.
  if (afterCue && !/\p{Script=Han}/u.test(name)) confidence -= 0.15;
  // A verb-tagged first word ("安踏" is one to jieba) counts against the name unless 那边/的/说 make it the subject.
  const subject = rules.subjectCues.some((cue) => ender === cue);
  if (first && first.tag.startsWith('v') && first.start === start && !subject) confidence -= 0.25;
  // One common dictionary word ("机场", "仓库") is a place, not a brand: ask rather than guess.
  if (first && first.start === start && first.word.length === name.length && name.length <= 2 && !PROPER.has(first.tag)) confidence -= 0.3;
  return { start: view.start + start, end: view.start + end, confidence, source: 'slot' };
}

/**
 * A region or city word ends a name after it ("老乡鸡华东那边") but also opens many ("华东医药", "东北制药",
 * "北京同仁堂"): it opens one when a name-like word follows at once, not another ender ("华东区域", "华东那边").
 */
function placeOpensName(view: ClauseView, start: number, place: string, rules: CompiledCustomerRules): boolean {
  if (!rules.placeNames.includes(place)) return false;
  const next = start + place.length;
  if (!/\p{Script=Han}/u.test(view.text[next] ?? '') || enderAt(view, next, rules) !== null || verbAt(view, next) !== null) return false;
  // "杭州见客户", "上海开会": a verb after the place makes it where something happened.
  const word = tokenAt(view, next);
  return !(word && word.start === next && word.tag === 'v');
}

/** The end of a person named at `start` ("老周", "王总", "李经理") when a boundary follows, else null. */
function personAt(view: ClauseView, start: number, rules: CompiledCustomerRules): number | null {
  for (let end = Math.min(view.text.length, start + 5); end >= start + 2; end--) {
    if (!rules.person.test(view.text.slice(start, end))) continue;
    if (end === view.text.length || enderAt(view, end, rules) !== null || view.boundaries.has(end)) return end;
  }
  return null;
}

/** After a visit cue: surest when the name is followed by 的, a unit or role, or ends the clause as a short name. */
function strongConfidence(ender: string, name: string): number {
  if (ender === '') return name.length <= 8 ? 0.75 : 0.45;
  if (ender === '的' || ender.length >= 2) return 0.75;
  return 0.65;
}

/** "机场接" before 了: a one-character verb ends the phrase, so the name (if any) stops before it. */
function withoutLastVerb(view: ClauseView, start: number, end: number): number {
  const last = view.tokens.find((t) => t.start + t.word.length === end);
  return last && last.start > start && last.word.length === 1 && last.tag === 'v' ? last.start : end;
}

const spacesIn = (text: string): number[] => [...text.matchAll(/ /g)].map((m) => m.index + 1);

/** "比亚迪退回来", "宁德时代开了": a verb of two characters or more that jieba sees starting here ends a name. */
function verbAt(view: ClauseView, at: number): string | null {
  const t = view.tokens.find((x) => x.start === at);
  return t && (t.tag === 'v' || t.tag === 'l') && t.word.length >= 2 ? t.word : null;
}

function hasProperWordIn(view: ClauseView, start: number, end: number): boolean {
  return view.tokens.some((t) => t.start >= start && t.start + t.word.length <= end && PROPER.has(t.tag));
}

/** A word jieba knows as a proper name or does not know at all: a clause that is only common words is no name. */
function hasProperWord(view: ClauseView): boolean {
  return view.tokens.some((t) => PROPER.has(t.tag));
}

/** Drops verbs jieba sees at the end of a clause-long name ("长青养殖场调试" → 长青养殖场). */
function withoutTrailingVerbs(view: ClauseView, start: number, end: number): number {
  for (let i = view.tokens.length - 1; i >= 0; i--) {
    const t = view.tokens[i]!;
    if (t.start + t.word.length !== end || t.start <= start + 1) break;
    if (!/^(?:v|vn|vd|ul|y|uj)$/.test(t.tag) || t.word.length < 2) break;
    end = t.start;
  }
  return end;
}

/** Opening a clause: a name only when what follows makes it the subject. */
function openingConfidence(ender: string, view: ClauseView, rules: CompiledCustomerRules, name: string, start: number): number {
  if (ender === SPACE) return hasProperWordIn(view, start, start + name.length) ? 0.55 : 0.4;
  // A clause that is only a name, with more of the message after it ("巴奴火锅 上午去看了现场").
  if (ender === '') return view.text.length <= 12 && view.followed && hasProperWord(view) ? 0.6 : 0.3;
  if (ender === '的话') return 0.2; // "长期合作的话…": a condition
  if (rules.subjectCues.some((cue) => ender.startsWith(cue) || cue.startsWith(ender)) || ender.length >= 2) return 0.65;
  return 0.4;
}
