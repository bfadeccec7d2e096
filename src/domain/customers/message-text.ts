// The message as the recogniser reads it: a width fold that keeps every offset, the clauses names never
// cross, and jieba's view of each clause (token boundaries and part-of-speech tags).
import { cut, tag } from 'jieba-wasm';
import { toSimplified } from '../text/simplified.js';

export interface ClauseView {
  /** Folded clause text; offsets below are relative to it. */
  readonly text: string;
  /** Offset of the clause in the message. */
  readonly start: number;
  /** More of the message follows this clause. */
  readonly followed: boolean;
  /** Offsets where a jieba token starts (dictionary mode, no HMM: unknown characters stay single). */
  readonly boundaries: ReadonlySet<number>;
  /** Tokens with tags (HMM on, so unknown brands come out whole and tagged x). */
  readonly tokens: readonly { word: string; tag: string; start: number }[];
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const NAME_CHAR = /[\p{Script=Han}A-Za-z0-9&·]/u;
const ALNUM = /[A-Za-z0-9]/;

/**
 * Full-width ASCII → half-width, ideographic space → space, traditional → simplified characters (so
 * "與華泰電梯簽了" reads like "与华泰电梯签了"); never changes the length, keeps case.
 */
export function foldWidth(text: string): string {
  const half = text.replace(FULL_WIDTH, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return toSimplified(half);
}

export const isNameChar = (c: string | undefined): boolean => c !== undefined && NAME_CHAR.test(c);

/** Runs of name characters ("-" and "." only between letters or digits: "3M-China", "A.O.史密斯"). */
export function clausesOf(folded: string): ClauseView[] {
  const out: ClauseView[] = [];
  let start = -1;
  const flush = (end: number) => {
    if (start >= 0 && end > start) out.push(viewOf(folded.slice(start, end), start, /[\p{Script=Han}A-Za-z0-9]/u.test(folded.slice(end))));
    start = -1;
  };
  for (let i = 0; i <= folded.length; i++) {
    const c = folded[i];
    const inside = c !== undefined && (isNameChar(c) || joinsName(folded, i));
    if (inside) {
      if (start < 0) start = i;
    } else flush(i);
  }
  return out;
}

/**
 * "-" and "." stay inside a name between letters or digits ("7-11", "A.O.史密斯"); one space between two
 * words keeps the clause together ("外婆家 的店长", "携程 security review"): reps type spaces for commas
 * less often than they type them for breath, and a name still ends at the space.
 */
function joinsName(folded: string, i: number): boolean {
  const c = folded[i]!;
  if (c === ' ') return isNameChar(folded[i - 1]) && isNameChar(folded[i + 1]);
  return /[-.]/.test(c) && ALNUM.test(folded[i - 1] ?? '') && ALNUM.test(folded[i + 1] ?? '');
}

function viewOf(text: string, start: number, followed: boolean): ClauseView {
  const boundaries = new Set<number>();
  let at = 0;
  for (const word of cut(text, false)) {
    boundaries.add(at);
    at += word.length;
  }
  boundaries.add(at);
  const tokens: { word: string; tag: string; start: number }[] = [];
  at = 0;
  for (const t of tag(text, true)) {
    tokens.push({ word: t.word, tag: t.tag, start: at });
    at += t.word.length;
  }
  return { text, start, followed, boundaries, tokens };
}

/** The tagged token that covers offset `at` of the clause. */
export function tokenAt(view: ClauseView, at: number): { word: string; tag: string; start: number } | null {
  for (const t of view.tokens) if (t.start <= at && at < t.start + t.word.length) return t;
  return null;
}
