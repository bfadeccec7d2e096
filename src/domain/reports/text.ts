// Text helpers shared by the report rules: a length-preserving fold (so offsets still point into the
// original note for quotes) and the split into clauses and sentences that every rule reasons over.

export interface Clause {
  /** Folded text of the clause, trimmed. */
  readonly text: string;
  /** Offsets into the note (the folded and the original text share them). */
  readonly start: number;
  readonly end: number;
  /** Index of the sentence the clause belongs to; context carries over clauses only within one. */
  readonly sentence: number;
  readonly index: number;
}

export interface ClauseBreaks {
  readonly clause: ReadonlySet<string>;
  readonly sentence: ReadonlySet<string>;
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Full-width ASCII → half-width, ideographic space → space, ASCII lower-cased; never changes the length. */
export function foldText(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

const isWide = (c: string | undefined): boolean => c !== undefined && c.charCodeAt(0) > 0x7f;

/**
 * A break character, except "." and "," inside a number ("8.5万", "1,200"). A space next to Chinese
 * text is a pause too: voice transcripts often come with spaces instead of commas.
 */
function isBreakAt(text: string, i: number, breaks: ReadonlySet<string>): boolean {
  const c = text[i]!;
  if (c === ' ' || c === '\t') return isWide(text[i - 1]) || isWide(text[i + 1]);
  if (!breaks.has(c)) return false;
  if ((c === '.' || c === ',') && isDigit(text[i - 1]) && isDigit(text[i + 1])) return false;
  return true;
}

export function splitClauses(folded: string, breaks: ClauseBreaks): Clause[] {
  const out: Clause[] = [];
  let sentence = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = folded.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text.length > 0) out.push({ text, start: start + lead, end: start + lead + text.length, sentence, index: out.length });
  };
  for (let i = 0; i < folded.length; i++) {
    if (!isBreakAt(folded, i, breaks.clause)) continue;
    push(i);
    start = i + 1;
    if (breaks.sentence.has(folded[i]!)) sentence++;
  }
  push(folded.length);
  return out;
}

/** The clause that contains offset `at`, or null when it falls on a break. */
export function clauseAt(clauses: readonly Clause[], at: number): Clause | null {
  for (const c of clauses) if (at >= c.start && at < c.end) return c;
  return null;
}
