// Touch kinds (docs/product.md "Touch kinds"): visit, call, message, meeting or online, read from the
// words of an update with the cue words of config/touch-kinds.jsonc. Pure. A visit ends the golden 48 h,
// so only cues of what happened count: plans and negated cues are skipped.
import { AppError } from '../../shared/errors.js';
import { toSimplified } from '../text/simplified.js';

export const TOUCH_KINDS = ['visit', 'call', 'message', 'meeting', 'online'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

/** Touch kinds as a manager reads them, plus the two kinds touches had before kinds existed. */
export const TOUCH_KIND_LABELS: Readonly<Record<TouchKind | 'chat' | 'report', string>> = {
  visit: '拜访', call: '电话', message: '消息', meeting: '会议', online: '线上', chat: '沟通', report: '战报',
};

export const touchKindLabel = (kind: string): string => (TOUCH_KIND_LABELS as Record<string, string>)[kind] ?? '跟进';

export interface TouchKindRules {
  /** Cue phrases with their kind; null marks an ignored phrase (it only hides the cues inside it). */
  readonly cues: readonly { readonly phrase: string; readonly kind: TouchKind | null }[];
  readonly priority: readonly TouchKind[];
  readonly fallback: TouchKind;
  readonly plan: readonly string[];
  readonly negation: readonly string[];
  readonly calledOff: readonly string[];
}

const CLAUSE_END = /[，,。.；;！!？?\n\r]/u;
/** Negation counts only this close to the cue ("还没上门"), not anywhere in the clause. */
const NEGATION_REACH = 2;

export function classifyTouchKind(text: string, rules: TouchKindRules): TouchKind {
  const found = new Set<TouchKind>();
  for (const clause of toSimplified(text).split(CLAUSE_END)) {
    for (const m of matches(clause, rules)) {
      if (m.kind === null) continue;
      const before = clause.slice(0, m.start);
      if (rules.plan.some((w) => before.includes(w))) continue;
      const near = before.slice(-NEGATION_REACH);
      if (rules.negation.some((w) => near.includes(w))) continue;
      const after = clause.slice(m.end);
      if (rules.calledOff.some((w) => after.includes(w))) continue;
      found.add(m.kind);
    }
  }
  return rules.priority.find((k) => found.has(k)) ?? rules.fallback;
}

/** Leftmost-longest: at each position the longest phrase wins and scanning resumes after it. */
function matches(clause: string, rules: TouchKindRules): { start: number; end: number; kind: TouchKind | null }[] {
  const out: { start: number; end: number; kind: TouchKind | null }[] = [];
  let i = 0;
  while (i < clause.length) {
    let best: { phrase: string; kind: TouchKind | null } | null = null;
    for (const c of rules.cues) {
      if ((best === null || c.phrase.length > best.phrase.length) && clause.startsWith(c.phrase, i)) best = c;
    }
    if (best) {
      out.push({ start: i, end: i + best.phrase.length, kind: best.kind });
      i += best.phrase.length;
    } else {
      i++;
    }
  }
  return out;
}

function touchKindsError(path: string, problem: string): AppError {
  return new AppError('touch_kinds_invalid', `touch kinds: "${path}" ${problem}`, { details: { field: path } });
}

const isKind = (v: unknown): v is TouchKind => TOUCH_KINDS.includes(v as TouchKind);

function words(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((w) => typeof w !== 'string' || w.trim() === '')) {
    throw touchKindsError(path, 'must be a list of non-empty words');
  }
  return value.map((w: string) => toSimplified(w.trim()));
}

export function compileTouchKinds(raw: unknown): TouchKindRules {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw touchKindsError('(root)', 'must be an object');
  const o = raw as Record<string, unknown>;
  const known = ['priority', 'default', 'kinds', 'ignore', 'plan', 'negation', 'calledOff'];
  for (const key of Object.keys(o)) if (!known.includes(key)) throw touchKindsError(key, `is not a known setting (known: ${known.join(', ')})`);
  const priority = o.priority;
  if (!Array.isArray(priority) || priority.length !== TOUCH_KINDS.length || !TOUCH_KINDS.every((k) => priority.includes(k))) {
    throw touchKindsError('priority', `must list each of ${TOUCH_KINDS.join(', ')} once`);
  }
  if (!isKind(o.default)) throw touchKindsError('default', `must be one of ${TOUCH_KINDS.join(', ')}`);
  if (o.default === 'visit') throw touchKindsError('default', 'must not be visit: a guess must never end the golden 48 h');
  const kinds = o.kinds;
  if (typeof kinds !== 'object' || kinds === null || Array.isArray(kinds)) throw touchKindsError('kinds', 'must be an object of cue lists');
  const cues: { phrase: string; kind: TouchKind | null }[] = [];
  for (const [kind, list] of Object.entries(kinds)) {
    if (!isKind(kind)) throw touchKindsError(`kinds.${kind}`, `is not a touch kind (known: ${TOUCH_KINDS.join(', ')})`);
    for (const phrase of words(list, `kinds.${kind}`)) cues.push({ phrase, kind });
  }
  for (const phrase of words(o.ignore ?? [], 'ignore')) cues.push({ phrase, kind: null });
  return Object.freeze({
    cues: Object.freeze(cues),
    priority: Object.freeze([...priority] as TouchKind[]),
    fallback: o.default,
    plan: Object.freeze(words(o.plan ?? [], 'plan')),
    negation: Object.freeze(words(o.negation ?? [], 'negation')),
    calledOff: Object.freeze(words(o.calledOff ?? [], 'calledOff')),
  });
}
