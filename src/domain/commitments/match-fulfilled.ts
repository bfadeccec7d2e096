// Which open commitments an update or report says were kept: "方案发过去了" closes "周五前发方案". Clause
// by clause, an object word and a completed hand-over verb must meet with no negation, plan or question
// around them (pure; cue words in config/commitments.jsonc).
import { foldText } from '../reports/text.js';
import type { CommitmentRules } from './commitment-rules.js';

export interface OpenCommitment {
  readonly id: string;
  readonly description: string;
  /** YYYY-MM-DD; the earliest due of several alike is the one kept first. */
  readonly dueDate: string;
}

/** Kinds of object (proposal, quote …) named in a text, e.g. a commitment's description. */
export function objectKinds(text: string, rules: CommitmentRules): Set<string> {
  const kinds = new Set<string>();
  for (const m of foldText(text).matchAll(rules.objects)) kinds.add(rules.kindOf.get(m[0])!);
  return kinds;
}

/** Kinds of object the text reports as handed over. */
export function handedOverKinds(text: string, rules: CommitmentRules): Set<string> {
  const done = new Set<string>();
  for (const clause of clausesOf(foldText(text), rules.breaks)) {
    for (const kind of clauseKinds(clause, rules)) done.add(kind);
  }
  return done;
}

/**
 * The commitments the text closes: every kind a commitment names must be handed over, and each kind
 * closes only the earliest-due commitment naming it (two open "发方案" promises need two messages).
 */
export function fulfilledCommitments<T extends OpenCommitment>(text: string, open: readonly T[], rules: CommitmentRules): T[] {
  const done = handedOverKinds(text, rules);
  if (done.size === 0) return [];
  const byDue = [...open].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  const candidates = byDue
    .map((c) => ({ c, kinds: objectKinds(c.description, rules) }))
    .filter(({ kinds }) => kinds.size > 0 && [...kinds].every((k) => done.has(k)));
  const closed = new Set<T>();
  for (const kind of done) {
    const first = candidates.find(({ c, kinds }) => kinds.has(kind) && !closed.has(c));
    if (first) closed.add(first.c);
  }
  return byDue.filter((c) => closed.has(c));
}

interface ClauseText {
  readonly text: string;
  /** The break that ended it ("?" makes it a question). */
  readonly end: string;
}

function clausesOf(folded: string, breaks: ReadonlySet<string>): ClauseText[] {
  const out: ClauseText[] = [];
  let current = '';
  for (const ch of folded) {
    if (!breaks.has(ch)) {
      current += ch;
      continue;
    }
    if (current.trim()) out.push({ text: current.trim(), end: ch });
    current = '';
  }
  if (current.trim()) out.push({ text: current.trim(), end: '' });
  return out;
}

const OBJECT_MASK = '□';
const WORD_MASK = '▪';
const mask = (text: string, re: RegExp, by: string) => text.replace(re, (w) => by.repeat(w.length));

/** The kinds this clause hands over, or none when any verb in it is negated or planned. */
function clauseKinds(clause: ClauseText, rules: CommitmentRules): string[] {
  if (clause.end === '?' || rules.questionEnd.test(clause.text)) return [];
  const kinds = [...clause.text.matchAll(rules.objects)].map((m) => rules.kindOf.get(m[0])!);
  if (kinds.length === 0) return [];
  const masked = mask(mask(clause.text, rules.objects, OBJECT_MASK), rules.notVerbs, WORD_MASK);
  let completed = false;
  for (const v of masked.matchAll(rules.verbs)) {
    const before = masked.slice(0, v.index);
    const after = masked.slice(v.index + v[0].length);
    const negated = rules.negation.test(before.slice(-rules.negationWindow)) || /^[不没]/u.test(after);
    const planned = rules.plans.test(before) || rules.modal.test(before);
    // One spoiled verb makes the whole clause unreliable ("方案发了报价明天发").
    if (negated || planned) return [];
    if (rules.completion.test(after) || rules.already.test(before)) completed = true;
  }
  return completed ? kinds : [];
}
