// config/customers.jsonc compiled once for the pure recogniser: word lists become longest-first
// alternations and lookup sets, so recognising a message does no parsing of its own.
import { AppError } from '../../shared/errors.js';

export interface LeadIn {
  readonly word: string;
  /** A visit cue: a name right after it counts without an organisation suffix. */
  readonly strong: boolean;
}

export interface CompiledCustomerRules {
  readonly minConfidence: number;
  /** One or more suffixes in a row ("医药科技有限公司"), global. */
  readonly suffixChain: RegExp;
  readonly trailingSuffixes: RegExp;
  readonly suffixes: ReadonlySet<string>;
  /** At the end of an organisation: a branch or joined organisation that belongs to it. */
  readonly branchAfter: RegExp;
  readonly connectorAfter: RegExp;
  /** Longest first. */
  readonly leadIns: readonly LeadIn[];
  readonly leadInBlockers: readonly string[];
  readonly enderWords: readonly string[];
  /** Sticky: tested with lastIndex set to where a name would end. */
  readonly enderPatterns: readonly RegExp[];
  readonly subjectCues: readonly string[];
  /** Longest first. */
  readonly departmentEndings: readonly string[];
  /** Longest first. */
  readonly siteWords: readonly string[];
  readonly standaloneNames: ReadonlySet<string>;
  readonly terminalSuffixes: ReadonlySet<string>;
  /** Longest first. */
  readonly placeNames: readonly string[];
  readonly legalSuffixes: ReadonlySet<string>;
  readonly publicBodySuffixes: readonly string[];
  readonly coreBreakers: readonly string[];
  readonly nameInitialCues: ReadonlySet<string>;
  readonly invalidNames: ReadonlySet<string>;
  readonly invalidEndings: readonly string[];
  readonly invalidStarts: ReadonlySet<string>;
  readonly latinStopwords: ReadonlySet<string>;
  readonly person: RegExp;
}

type Raw = Record<string, unknown>;

export function compileCustomerRules(raw: unknown): CompiledCustomerRules {
  const r = (raw ?? {}) as Raw;
  const suffixes = list(r, 'orgSuffixes');
  const suffixAlt = alternation(suffixes);
  const invalid = list(r, 'invalidNames');
  return {
    minConfidence: confidence(r.minConfidence),
    suffixChain: new RegExp(`(?:${suffixAlt})+`, 'gu'),
    trailingSuffixes: new RegExp(`(?:${suffixAlt})+$`, 'u'),
    suffixes: new Set(suffixes),
    branchAfter: new RegExp(`([\\p{Script=Han}0-9]{0,4}?)(?:${alternation(list(r, 'branchSuffixes'))})`, 'uy'),
    // "附属第一医院" names the joined organisation; "附属医院" is one too (an institution right after the connector).
    connectorAfter: new RegExp(
      `(?:${alternation(list(r, 'chainConnectors'))})(?:[\\p{Script=Han}A-Za-z0-9]{1,8}?(?:${suffixAlt})+|(?:${alternation(list(r, 'terminalSuffixes'))}))`, 'uy',
    ),
    leadIns: longestFirst(list(r, 'leadIns')).map((w) => (w.startsWith('*') ? { word: w.slice(1), strong: true } : { word: w, strong: false })),
    leadInBlockers: list(r, 'leadInBlockers'),
    enderWords: longestFirst(list(r, 'nameEnders')),
    enderPatterns: list(r, 'nameEnderPatterns').map((p) => pattern(p)),
    subjectCues: longestFirst(list(r, 'subjectCues')),
    departmentEndings: longestFirst(list(r, 'departmentEndings')),
    siteWords: longestFirst(list(r, 'siteWords')),
    standaloneNames: new Set(list(r, 'standaloneNames')),
    terminalSuffixes: new Set(list(r, 'terminalSuffixes')),
    placeNames: longestFirst(list(r, 'placeNames')),
    legalSuffixes: new Set(list(r, 'legalSuffixes')),
    publicBodySuffixes: longestFirst(list(r, 'publicBodySuffixes')),
    coreBreakers: longestFirst(list(r, 'coreBreakers')),
    nameInitialCues: new Set(list(r, 'nameInitialCues')),
    invalidNames: new Set(invalid),
    invalidEndings: invalid.filter((w) => w.length >= 2),
    invalidStarts: new Set(Array.from(text(r, 'invalidStarts'))),
    latinStopwords: new Set(list(r, 'latinStopwords').map((w) => w.toLowerCase())),
    person: personPattern(text(r, 'personSurnames'), list(r, 'personTitles')),
  };
}

function list(r: Raw, field: string): string[] {
  const v = r[field];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string' && s.length > 0)) {
    throw new AppError('customer_rules_invalid', `customer rules: "${field}" must be a list of words`);
  }
  return v as string[];
}

function text(r: Raw, field: string): string {
  const v = r[field];
  if (typeof v !== 'string' || v.length === 0) throw new AppError('customer_rules_invalid', `customer rules: "${field}" must be a string`);
  return v;
}

function confidence(v: unknown): number {
  if (typeof v !== 'number' || !(v > 0 && v < 1)) throw new AppError('customer_rules_invalid', 'customer rules: "minConfidence" must be between 0 and 1');
  return v;
}

function personPattern(surnames: string, titles: readonly string[]): RegExp {
  const s = `[${escapeRe(surnames)}]`;
  return new RegExp(`^(?:[老小]${s}|${s}(?:${alternation(titles)}))$`, 'u');
}

function pattern(source: string, flags = 'y'): RegExp {
  try {
    return new RegExp(source, `u${flags}`);
  } catch {
    throw new AppError('customer_rules_invalid', `customer rules: bad pattern ${source}`);
  }
}

const longestFirst = (words: readonly string[]) => [...new Set(words)].sort((a, b) => b.length - a.length);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (words: readonly string[]) => longestFirst(words).map(escapeRe).join('|');
