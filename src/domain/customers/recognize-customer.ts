// Recognises which customer a rep's note is about: a known customer of the tenant, else an
// organisation-like name (short Han core + industry suffix), else a name after a visit cue ("跟老周").
// Pure: the word lists come from config/customers.jsonc, compiled once by compileCustomerRules.
import { AppError } from '../../shared/errors.js';

export interface RawCustomerRules {
  orgSuffixes: string[];
  visitCues: string[];
  cueBlockers?: string[];
  leadingNoise: string[];
  boundaryChars: string;
  nameStopChars: string;
  nameStopWords: string[];
  invalidNames: string[];
  invalidStarts: string;
}

export interface CompiledCustomerRules {
  /** One or more suffixes in a row ("医药科技有限公司"). */
  readonly suffixChain: RegExp;
  readonly trailingSuffixes: RegExp;
  readonly visitCue: RegExp;
  readonly endsWithVisitCue: RegExp;
  readonly cueBlockers: readonly string[];
  /** Longest first, so "拜访了" is stripped before "拜访". */
  readonly leadingNoise: readonly string[];
  readonly noiseWords: ReadonlySet<string>;
  readonly boundaryChars: ReadonlySet<string>;
  readonly nameStopChars: ReadonlySet<string>;
  readonly nameStopWords: readonly string[];
  readonly invalidNames: readonly string[];
  readonly invalidStarts: ReadonlySet<string>;
}

const MIN_NAME = 2;
const MAX_NAME = 6;
/** Longest core kept in front of a suffix: a city plus a two-character brand ("北京恒信"). */
const MAX_CORE = 4;
/** Han characters looked at in front of a suffix; enough for "city + brand" plus some noise. */
const MAX_RUN = 12;
const HAN = /\p{Script=Han}/u;
const isHan = (c: string | undefined): boolean => c !== undefined && HAN.test(c);

export function compileCustomerRules(raw: unknown): CompiledCustomerRules {
  const r = raw as Partial<RawCustomerRules> | null;
  const list = (field: keyof RawCustomerRules, optional = false): string[] => {
    const v = r?.[field];
    if (optional && v === undefined) return [];
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0)) {
      throw new AppError('customer_rules_invalid', `customer rules: "${field}" must be a list of words`);
    }
    return v;
  };
  const chars = (field: keyof RawCustomerRules): Set<string> => {
    const v = r?.[field];
    if (typeof v !== 'string') throw new AppError('customer_rules_invalid', `customer rules: "${field}" must be a string`);
    return new Set(Array.from(v));
  };
  const alternation = (words: string[]) => longestFirst(words).map(escapeRe).join('|');
  const suffixes = alternation(list('orgSuffixes'));
  const cues = alternation(list('visitCues'));
  const noise = list('leadingNoise');
  return {
    suffixChain: new RegExp(`(?:${suffixes})+`, 'gu'),
    trailingSuffixes: new RegExp(`(?:${suffixes})+$`, 'u'),
    visitCue: new RegExp(cues, 'gu'),
    endsWithVisitCue: new RegExp(`(?:${cues})$`, 'u'),
    cueBlockers: list('cueBlockers', true),
    leadingNoise: longestFirst(noise),
    noiseWords: new Set(noise),
    boundaryChars: chars('boundaryChars'),
    nameStopChars: chars('nameStopChars'),
    nameStopWords: list('nameStopWords'),
    invalidNames: list('invalidNames'),
    invalidStarts: chars('invalidStarts'),
  };
}

/** Matching key for a customer name: half-width, no spaces or "(北京)", no 有限公司-style legal ending. */
export function normalizeCustomerName(name: string): string {
  const key = name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '')
    .toLowerCase();
  const stripped = key.replace(/(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$/u, '');
  return stripped.length >= MIN_NAME ? stripped : key;
}

export function recognizeCustomerName(
  text: string,
  knownNames: readonly string[],
  rules: CompiledCustomerRules,
): string | null {
  return (
    matchKnown(text, knownNames, (key) => key) ??
    bestOrgName(text, rules) ??
    // Known customers are often said by their short form ("恒信那边说…" for 恒信机械).
    matchKnown(text, knownNames, (key) => key.replace(rules.trailingSuffixes, '')) ??
    nameAfterVisitCue(text, rules)
  );
}

/** The known name whose key occurs in the text, longest key first; returned as stored. */
function matchKnown(text: string, knownNames: readonly string[], keyOf: (key: string) => string): string | null {
  const haystack = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  let best: string | null = null;
  let bestLength = 0;
  for (const name of knownNames) {
    const key = keyOf(normalizeCustomerName(name));
    if (key.length >= MIN_NAME && key.length > bestLength && haystack.includes(key)) {
      best = name;
      bestLength = key.length;
    }
  }
  return best;
}

/**
 * Organisation-like names, ranked: right after a visit cue, then at the start of a clause, then
 * anywhere; the first one wins within a rank (the customer is usually named first).
 */
function bestOrgName(text: string, rules: CompiledCustomerRules): string | null {
  let best: { name: string; rank: number } | null = null;
  for (const m of text.matchAll(rules.suffixChain)) {
    const found = orgCore(text, m.index, rules);
    if (found && (best === null || found.rank < best.rank)) best = { name: found.core + m[0], rank: found.rank };
  }
  return best?.name ?? null;
}

function orgCore(text: string, suffixAt: number, rules: CompiledCustomerRules): { core: string; rank: number } | null {
  let runStart = suffixAt;
  while (runStart > 0 && suffixAt - runStart < MAX_RUN && isHan(text[runStart - 1])) runStart--;
  let core = cutAtLastBoundary(text.slice(runStart, suffixAt), rules.boundaryChars);
  core = stripLeadingNoise(core, rules.leadingNoise);
  if (core.length > MAX_CORE) core = core.slice(-MAX_CORE);
  if (!isPlausibleName(core, rules)) return null;
  const before = text.slice(0, suffixAt - core.length);
  const rank = rules.endsWithVisitCue.test(before) ? 0 : before.length === 0 || !isHan(before.at(-1)) ? 1 : 2;
  return { core, rank };
}

/** "发给永盛" → "永盛": drops everything up to the last boundary character that leaves a 2-char core. */
function cutAtLastBoundary(run: string, boundary: ReadonlySet<string>): string {
  for (let k = run.length - 1 - MIN_NAME; k >= 0; k--) {
    if (boundary.has(run[k]!)) return run.slice(k + 1);
  }
  return run;
}

function stripLeadingNoise(core: string, noise: readonly string[]): string {
  for (let again = true; again; ) {
    again = false;
    for (const word of noise) {
      // A one-character word is often part of the name itself (和光物流), so it needs two left over.
      const keep = word.length === 1 ? MIN_NAME : 0;
      if (core.startsWith(word) && core.length - word.length >= keep && core.length > word.length) {
        core = core.slice(word.length);
        again = true;
        break;
      }
    }
  }
  return core;
}

/** "跟老周吃了个饭" → 老周: the first plausible name right after a visit cue. */
function nameAfterVisitCue(text: string, rules: CompiledCustomerRules): string | null {
  for (const m of text.matchAll(rules.visitCue)) {
    if (rules.cueBlockers.some((b) => text.startsWith(b, m.index))) continue;
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && end - start < MAX_NAME && isHan(text[end]) && !stopsName(text, end, rules)) end++;
    const name = stripLeadingNoise(text.slice(start, end), rules.leadingNoise);
    if (isPlausibleName(name, rules)) return name;
  }
  return null;
}

function stopsName(text: string, at: number, rules: CompiledCustomerRules): boolean {
  return rules.nameStopChars.has(text[at]!) || rules.nameStopWords.some((w) => text.startsWith(w, at));
}

function isPlausibleName(name: string, rules: CompiledCustomerRules): boolean {
  return (
    name.length >= MIN_NAME &&
    name.length <= MAX_NAME &&
    !rules.noiseWords.has(name) &&
    // A generic word, or a phrase ending in one ("提供相关", "交资质"), is not a name.
    !rules.invalidNames.some((w) => name.endsWith(w)) &&
    !rules.invalidStarts.has(name[0]!) &&
    Array.from(name).every(isHan)
  );
}

const longestFirst = (words: readonly string[]) => [...new Set(words)].sort((a, b) => b.length - a.length);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
