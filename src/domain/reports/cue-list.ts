// Compiled cue lists of config/report-rules.jsonc: literal phrases (longest first) and {"re"} patterns
// in one regular expression, plus the overlap resolution used where several labelled lists compete.
import { AppError } from '../../shared/errors.js';

export interface CueMatch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface CueList {
  test(text: string): boolean;
  find(text: string): CueMatch[];
  /** The compiled source, for building larger patterns. */
  readonly source: string;
}

export const invalidRules = (message: string) => new AppError('report_rules_invalid', `report rules: ${message}`);

export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function cueSource(cues: unknown, field: string): string {
  if (!Array.isArray(cues)) throw invalidRules(`"${field}" must be a list`);
  const literals: string[] = [];
  const patterns: string[] = [];
  for (const cue of cues) {
    if (typeof cue === 'string' && cue.trim().length > 0) literals.push(cue.trim().toLowerCase());
    else if (isObject(cue) && typeof cue.re === 'string') patterns.push(checkedPattern(cue.re, field));
    else throw invalidRules(`"${field}" has an entry that is neither a phrase nor {"re": string}`);
  }
  // Patterns first: they are written for the specific cases a literal would cut short.
  const parts = [...patterns.map((p) => `(?:${p})`), ...[...new Set(literals)].sort((a, b) => b.length - a.length).map(escapeRe)];
  return parts.length > 0 ? parts.join('|') : '(?!)';
}

export function compileCueList(cues: unknown, field: string): CueList {
  const source = cueSource(cues, field);
  const once = new RegExp(source, 'u');
  const all = new RegExp(source, 'gu');
  return {
    source,
    test: (text) => once.test(text),
    find: (text) => {
      const out: CueMatch[] = [];
      for (const m of text.matchAll(all)) {
        if (m[0].length === 0) continue;
        out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
      }
      return out;
    },
  };
}

export function checkedPattern(source: string, field: string): string {
  try {
    new RegExp(source, 'u');
  } catch (e) {
    throw invalidRules(`"${field}" has an invalid pattern /${source}/: ${(e as Error).message}`);
  }
  return source;
}

export interface Labelled<L> extends CueMatch {
  readonly label: L;
}

/** Leftmost-longest non-overlapping matches across several labelled lists ("没中标" hides "中标"). */
export function resolveOverlaps<L>(matches: Labelled<L>[]): Labelled<L>[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Labelled<L>[] = [];
  let reach = -1;
  for (const m of sorted) {
    if (m.start < reach) continue;
    out.push(m);
    reach = m.end;
  }
  return out;
}

export function stringList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    throw invalidRules(`"${field}" must be a list of words`);
  }
  return value as string[];
}

export function charSet(value: unknown, field: string): ReadonlySet<string> {
  if (typeof value !== 'string') throw invalidRules(`"${field}" must be a string of characters`);
  return new Set(Array.from(value));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `field` of `raw`, or a clear error naming the field by its full `path`. */
export function section(raw: unknown, field: string, path: string = field): Record<string, unknown> {
  const v = isObject(raw) ? raw[field] : undefined;
  if (!isObject(v)) throw invalidRules(`"${path}" must be an object`);
  return v;
}
