// The store playbook: customer question → up to three suggested actions, from config/playbook.jsonc.
// Owns the raw shape, its validation (errors name the field path), the pattern matcher and the ranking.
//
// Pattern language (kept to what a store manager can edit without reading code):
//   pattern := term | { "all"?: group[], "any"?: term[], "not"?: term[] }
//   group   := term | term[]      synonyms: one of them is enough
//   term    := string             matched as a substring of the normalised question
// A pattern matches when every group of "all" has a term in the question, at least one term of "any"
// is there (when given: "any" is just one more group), and no term of "not" is. An entry matches when
// any of its patterns does. Substrings rather than words, because store questions are short,
// unpunctuated and often dictated; one-character terms are allowed but "贵" is also in "贵宾", so
// prefer two characters and use "not" for the contexts that mislead.
import { toSimplified } from '../text/simplified.js';
import { AppError } from '../../shared/errors.js';
import type { Suggestion } from '../../shared/mp-api.js';

// The mini-program contract's type, so a suggestion is returned to the client exactly as computed.
export type { Suggestion };

export interface RawPlaybookPattern {
  all?: (string | string[])[];
  any?: string[];
  not?: string[];
}

export interface RawPlaybookEntry {
  label: string;
  patterns: (string | RawPlaybookPattern)[];
  actions: string[];
}

export interface RawPlaybook {
  entries: RawPlaybookEntry[];
  /** Offered when no entry matches; defaults to DEFAULT_FALLBACK. */
  fallback?: { label: string; actions: string[] };
}

interface CompiledPattern {
  /** Each group is a set of normalised synonyms; all groups must be present. */
  readonly groups: readonly (readonly string[])[];
  readonly not: readonly string[];
}

export interface CompiledPlaybookEntry {
  readonly label: string;
  readonly patterns: readonly CompiledPattern[];
  readonly actions: readonly string[];
}

export interface Playbook {
  readonly entries: readonly CompiledPlaybookEntry[];
  readonly fallback: { readonly label: string; readonly actions: readonly string[] };
}

export interface SuggestResult {
  /** At most MAX_SUGGESTIONS, best first. */
  suggestions: Suggestion[];
  /** Labels of every matching entry, best first; empty when the fallback answered. */
  matched: string[];
}

/** The mini-program shows three cards (mp-api `VisitResponse.suggestions`: "At most three"). */
export const MAX_SUGGESTIONS = 3;
/** Long actions wrap badly on a phone card; the config should say it shortly. */
export const MAX_ACTION_CHARS = 40;
const MAX_ACTIONS = 5;
const MAX_LABEL_CHARS = 20;

export const DEFAULT_FALLBACK = {
  label: '通用',
  actions: ['记录客户需求并约定回访时间', '请店长或专业顾问跟进解答', '邀请客户加企业微信以便后续通知'],
} as const;

/**
 * Folds what staff type or dictate into one comparable form: NFKC turns full-width letters, digits and
 * punctuation into half-width ("ＳＰＦ５０，" → "SPF50,"), Latin is lower-cased, and all spaces
 * (including the ideographic space and every invisible format character: zero-width, soft hyphen,
 * U+2063) are removed, traditional characters read as simplified (過敏 is 过敏), and punctuation between
 * two Chinese characters is dropped, so "宝宝 湿疹" matches "宝宝湿疹" and "过-敏" matches 过敏. Config
 * terms go through the same function.
 */
export function normalizeStoreText(text: string): string {
  const folded = toSimplified(text.normalize('NFKC')).toLowerCase().replace(/[\s\p{Cf}]+/gu, '');
  // "过-敏", "过【敏】", "处·方": punctuation or symbols between two Chinese characters hide nothing.
  return folded.replace(/(?<=\p{Script=Han})[\p{P}\p{S}]+(?=\p{Script=Han})/gu, '');
}

// ---------------------------------------------------------------------------------------------------
// Validation

export function playbookError(path: string, problem: string): AppError {
  return new AppError('playbook_invalid', `playbook: "${path}" ${problem}`, { details: { field: path } });
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object whose keys are all known: an unknown key is usually a typo that would silently do nothing. */
function object(value: unknown, path: string, known: readonly string[]): Record<string, unknown> {
  if (!isObject(value)) throw playbookError(path || '(root)', `must be an object, got ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw playbookError(path ? `${path}.${key}` : key, `is not a known setting (known: ${known.join(', ')})`);
  }
  return value;
}

function list(value: unknown, path: string, what: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw playbookError(path, `must be a non-empty list of ${what}, got ${show(value)}`);
  return value;
}

function term(value: unknown, path: string): string {
  const t = typeof value === 'string' ? normalizeStoreText(value) : '';
  if (t.length === 0) throw playbookError(path, `must be a non-empty word or phrase, got ${show(value)}`);
  return t;
}

function text(value: unknown, path: string, max: number): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t.length === 0 || [...t].length > max) {
    throw playbookError(path, `must be a text of 1 to ${max} characters, got ${show(value)}`);
  }
  return t;
}

function actionList(value: unknown, path: string): string[] {
  const raw = list(value, path, 'actions');
  if (raw.length > MAX_ACTIONS) throw playbookError(path, `has ${raw.length} actions; at most ${MAX_ACTIONS} are useful`);
  return raw.map((a, i) => text(a, `${path}[${i}]`, MAX_ACTION_CHARS));
}

function compilePattern(value: unknown, path: string): CompiledPattern {
  if (typeof value === 'string') return { groups: [[term(value, path)]], not: [] };
  const raw = object(value, path, ['all', 'any', 'not']);
  if (raw.all === undefined && raw.any === undefined) {
    throw playbookError(path, 'needs "all" (groups that must all be present) or "any" (words of which one is enough)');
  }
  const groups: string[][] = [];
  if (raw.all !== undefined) {
    list(raw.all, `${path}.all`, 'groups').forEach((g, i) => {
      const at = `${path}.all[${i}]`;
      groups.push(Array.isArray(g) ? list(g, at, 'synonyms').map((t, j) => term(t, `${at}[${j}]`)) : [term(g, at)]);
    });
  }
  if (raw.any !== undefined) groups.push(list(raw.any, `${path}.any`, 'words').map((t, i) => term(t, `${path}.any[${i}]`)));
  const not = raw.not === undefined ? [] : list(raw.not, `${path}.not`, 'words').map((t, i) => term(t, `${path}.not[${i}]`));
  // A "not" word inside a required synonym would make that synonym never match: almost surely a slip.
  for (const n of not) {
    for (const g of groups) {
      const hidden = g.find((t) => t.includes(n));
      if (hidden !== undefined) throw playbookError(`${path}.not`, `word "${n}" is part of required word "${hidden}", so it could never match`);
    }
  }
  return { groups, not };
}

/** Validates config/playbook.jsonc (already parsed) and prepares it for suggestActions. */
export function compilePlaybook(raw: unknown): Playbook {
  const root = object(raw, '', ['entries', 'fallback']);
  const labels = new Set<string>();
  const entries = list(root.entries, 'entries', 'entries').map((value, i): CompiledPlaybookEntry => {
    const path = `entries[${i}]`;
    const e = object(value, path, ['label', 'patterns', 'actions']);
    const label = text(e.label, `${path}.label`, MAX_LABEL_CHARS);
    if (labels.has(label)) throw playbookError(`${path}.label`, `repeats the label "${label}"; labels tell staff where a suggestion came from`);
    labels.add(label);
    const patterns = list(e.patterns, `${path}.patterns`, 'patterns').map((p, j) => compilePattern(p, `${path}.patterns[${j}]`));
    return { label, patterns, actions: actionList(e.actions, `${path}.actions`) };
  });
  let fallback: Playbook['fallback'] = DEFAULT_FALLBACK;
  if (root.fallback !== undefined) {
    const f = object(root.fallback, 'fallback', ['label', 'actions']);
    fallback = { label: text(f.label, 'fallback.label', MAX_LABEL_CHARS), actions: actionList(f.actions, 'fallback.actions') };
    if (labels.has(fallback.label)) throw playbookError('fallback.label', `"${fallback.label}" is also an entry label`);
  }
  return Object.freeze({ entries: Object.freeze(entries), fallback: Object.freeze(fallback) });
}

// ---------------------------------------------------------------------------------------------------
// Matching and ranking

/** Higher is more specific: more groups satisfied, then more characters of the question explained. */
interface Score {
  groups: number;
  chars: number;
}

function scorePattern(p: CompiledPattern, q: string): Score | null {
  if (p.not.some((n) => q.includes(n))) return null;
  let chars = 0;
  for (const group of p.groups) {
    let longest = 0;
    for (const t of group) if (t.length > longest && q.includes(t)) longest = t.length;
    if (longest === 0) return null;
    chars += longest;
  }
  return { groups: p.groups.length, chars };
}

const better = (a: Score, b: Score): boolean => a.groups > b.groups || (a.groups === b.groups && a.chars > b.chars);

function scoreEntry(e: CompiledPlaybookEntry, q: string): Score | null {
  let best: Score | null = null;
  for (const p of e.patterns) {
    const s = scorePattern(p, q);
    if (s && (!best || better(s, best))) best = s;
  }
  return best;
}

/**
 * Entries ranked by specificity, then config order. Suggestions take turns: the best entry's first
 * action, then the next entry's first action, and so on, before anyone's second action — a question
 * about eczema *and* a discount should get an answer to both, not three eczema tips.
 */
export function suggestActions(playbook: Playbook, question: string): SuggestResult {
  const q = normalizeStoreText(question);
  const ranked: { entry: CompiledPlaybookEntry; score: Score; order: number }[] = [];
  if (q.length > 0) {
    playbook.entries.forEach((entry, order) => {
      const score = scoreEntry(entry, q);
      if (score) ranked.push({ entry, score, order });
    });
  }
  ranked.sort((a, b) => b.score.groups - a.score.groups || b.score.chars - a.score.chars || a.order - b.order);

  if (ranked.length === 0) {
    const from = playbook.fallback.label;
    return { suggestions: playbook.fallback.actions.slice(0, MAX_SUGGESTIONS).map((action) => ({ action, from })), matched: [] };
  }
  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  const rounds = Math.max(...ranked.map((r) => r.entry.actions.length));
  for (let round = 0; round < rounds && suggestions.length < MAX_SUGGESTIONS; round++) {
    for (const { entry } of ranked) {
      const action = entry.actions[round];
      if (action === undefined || seen.has(action)) continue;
      seen.add(action);
      suggestions.push({ action, from: entry.label });
      if (suggestions.length === MAX_SUGGESTIONS) break;
    }
  }
  return { suggestions, matched: ranked.map((r) => r.entry.label) };
}
