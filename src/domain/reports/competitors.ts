// Rivals actually named in a note (spec: "competitor names actually named (not 别家)"): a name right
// after "选了/改用/竞品是…", or right before "比我们…/也在报价/抢走了". Generic words (别家, 友商)
// are no name. Names the customer chose also count as lost cues for the stage.
import { charSet, checkedPattern, compileCueList, invalidRules, isObject, section, stringList, type CueList, type CueMatch } from './cue-list.js';

interface RivalPattern {
  readonly re: RegExp;
  readonly side: 'after' | 'before';
  readonly lost: boolean;
  /** A comparison that may be with a person ("和王总比"). */
  readonly weak: boolean;
}

export interface CompetitorRules {
  readonly patterns: readonly RivalPattern[];
  readonly stopWords: readonly string[];
  readonly generic: ReadonlySet<string>;
  readonly notStart: ReadonlySet<string>;
  readonly known: CueList;
}

export interface Rival extends CueMatch {
  /** The customer went with this rival. */
  readonly lost: boolean;
}

export function compileCompetitorRules(raw: unknown): CompetitorRules {
  const r = section(raw, 'competitors');
  if (!Array.isArray(r.patterns)) throw invalidRules('"competitors.patterns" must be a list');
  const patterns = r.patterns.map((p, i): RivalPattern => {
    const field = `competitors.patterns[${i}]`;
    if (!isObject(p) || typeof p.re !== 'string' || (p.side !== 'after' && p.side !== 'before')) {
      throw invalidRules(`"${field}" needs "re" and "side" ("after" or "before")`);
    }
    if (!p.re.includes('(?<name>')) throw invalidRules(`"${field}" needs a (?<name>…) group`);
    return { re: new RegExp(checkedPattern(p.re, field), 'gu'), side: p.side, lost: p.lost === true, weak: p.weak === true };
  });
  const stopWords = [...new Set(stringList(r.stopWords, 'competitors.stopWords'))].sort((a, b) => b.length - a.length);
  const known = Array.isArray(r.known) && r.known.length > 0 ? r.known : [];
  return {
    patterns,
    stopWords,
    generic: new Set(stringList(r.generic, 'competitors.generic')),
    notStart: charSet(r.notStart, 'competitors.notStart'),
    known: compileCueList(known, 'competitors.known'),
  };
}

const MIN = 2;
const MAX = 6;

/**
 * Rivals in text order, one per name; `exclude` holds names that are the customer's, `isPerson` tells
 * a person's name ("王总"), which is no rival where the cue is a mere comparison.
 */
export function findRivals(
  folded: string,
  original: string,
  rules: CompetitorRules,
  exclude: readonly string[],
  isPerson: (name: string) => boolean = () => false,
): Rival[] {
  const out: Rival[] = [];
  const add = (start: number, end: number, lost: boolean, weak = false) => {
    const text = original.slice(start, end);
    const key = folded.slice(start, end);
    if (!isName(key, rules) || exclude.some((e) => e.includes(key) || key.includes(e)) || (weak && isPerson(key))) return;
    const same = out.find((r) => r.text === text);
    if (same) return;
    out.push({ start, end, text, lost });
  };
  for (const p of rules.patterns) {
    for (const m of folded.matchAll(p.re)) {
      const run = m.groups?.name;
      if (!run) continue;
      const at = m.index + m[0].indexOf(run);
      const [s, e] = p.side === 'after' ? trimRight(run, rules) : trimLeft(run, rules);
      add(at + s, at + e, p.lost, p.weak);
    }
  }
  for (const m of rules.known.find(folded)) add(m.start, m.end, false);
  return out.sort((a, b) => a.start - b.start);
}

/** A name after its cue ends at the first stop word past its first two characters. */
function trimRight(run: string, rules: CompetitorRules): [number, number] {
  for (let i = MIN; i < run.length; i++) {
    if (rules.stopWords.some((w) => run.startsWith(w, i))) return [0, i];
  }
  return [0, Math.min(run.length, MAX)];
}

/** A name before its cue starts after the last stop word that leaves two characters. */
function trimLeft(run: string, rules: CompetitorRules): [number, number] {
  for (let i = run.length - MIN; i > 0; i--) {
    const w = rules.stopWords.find((s) => i - s.length >= 0 && run.startsWith(s, i - s.length));
    if (w) return [i, run.length];
  }
  return [Math.max(0, run.length - MAX), run.length];
}

function isName(name: string, rules: CompetitorRules): boolean {
  if (name.length < MIN || name.length > MAX || rules.notStart.has(name[0]!)) return false;
  // A count or an amount is no name ("报了八十万").
  if (/^[0-9零一二两三四五六七八九十几半每这那哪某各该其此]/.test(name) || /[0-9万亿]/.test(name)) return false;
  // "另一家供应商", "给了八五折": a generic word or a verb at either end means no name was said.
  for (const g of rules.generic) if (name.startsWith(g) || name.endsWith(g)) return false;
  return !rules.stopWords.some((w) => name.startsWith(w));
}
