// Compliance words for store visits (docs/product.md "Store scenario"): a question that touches health,
// medicine or pregnancy may only be saved with a note saying what the staff member actually advised,
// so headquarters can review it. Owns config/compliance.jsonc's shape, validation and the word scan.
import { AppError } from '../../shared/errors.js';
import { normalizeStoreText } from './playbook.js';

export interface RawComplianceWord {
  word: string;
  /** Other ways people say it ("荷尔蒙" for "激素"); a hit reports the canonical word. */
  variants?: string[];
}

export interface RawCompliance {
  words: (string | RawComplianceWord)[];
  /** Meaningful characters a note needs to count; defaults to DEFAULT_MIN_NOTE_CHARS. */
  minNoteChars?: number;
}

export interface Compliance {
  /** Every surface form (normalised), longest first, with the canonical word it reports. */
  readonly forms: readonly { readonly form: string; readonly word: string }[];
  /** Canonical words and variants in config order, for the client's early warning. */
  readonly publicForms: readonly string[];
  readonly minNoteChars: number;
}

export type ComplianceResult = { ok: true; words: string[] } | { ok: false; words: string[] };

/** "好的" or "已告知" is not a record of advice; four letters/digits/characters is the least that is. */
export const DEFAULT_MIN_NOTE_CHARS = 4;

export function complianceError(path: string, problem: string): AppError {
  return new AppError('compliance_invalid', `compliance: "${path}" ${problem}`, { details: { field: path } });
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function knownKeys(value: Record<string, unknown>, path: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw complianceError(path ? `${path}.${key}` : key, `is not a known setting (known: ${known.join(', ')})`);
  }
}

function form(value: unknown, path: string): string {
  const f = typeof value === 'string' ? normalizeStoreText(value) : '';
  if (f.length === 0) throw complianceError(path, `must be a non-empty word, got ${show(value)}`);
  return f;
}

/** Validates config/compliance.jsonc (already parsed). */
export function compileCompliance(raw: unknown): Compliance {
  if (!isObject(raw)) throw complianceError('(root)', `must be an object, got ${show(raw)}`);
  knownKeys(raw, '', ['words', 'minNoteChars']);
  if (!Array.isArray(raw.words) || raw.words.length === 0) {
    throw complianceError('words', `must be a non-empty list of words, got ${show(raw.words)}`);
  }
  const owner = new Map<string, string>();
  const add = (f: string, word: string, path: string) => {
    const prev = owner.get(f);
    // The same form under two words would make the reported word depend on file order.
    if (prev !== undefined && prev !== word) throw complianceError(path, `"${f}" is already listed under "${prev}"`);
    owner.set(f, word);
  };
  raw.words.forEach((entry, i) => {
    const path = `words[${i}]`;
    if (typeof entry === 'string') {
      const w = form(entry, path);
      add(w, w, path);
      return;
    }
    if (!isObject(entry)) throw complianceError(path, `must be a word or {"word", "variants"}, got ${show(entry)}`);
    knownKeys(entry, path, ['word', 'variants']);
    const w = form(entry.word, `${path}.word`);
    add(w, w, `${path}.word`);
    if (entry.variants === undefined) return;
    if (!Array.isArray(entry.variants)) throw complianceError(`${path}.variants`, `must be a list of words, got ${show(entry.variants)}`);
    entry.variants.forEach((v, j) => add(form(v, `${path}.variants[${j}]`), w, `${path}.variants[${j}]`));
  });

  let minNoteChars = DEFAULT_MIN_NOTE_CHARS;
  if (raw.minNoteChars !== undefined) {
    const n = raw.minNoteChars;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 200) {
      throw complianceError('minNoteChars', `must be a whole number from 1 to 200, got ${show(n)}`);
    }
    minNoteChars = n;
  }
  const forms = [...owner].map(([f, word]) => ({ form: f, word })).sort((a, b) => b.form.length - a.form.length);
  return Object.freeze({ forms: Object.freeze(forms), publicForms: Object.freeze([...owner.keys()]), minNoteChars });
}

/**
 * Canonical words in the order they first occur, without duplicates. Leftmost-longest, so "婴儿用药"
 * reports that word and not also a shorter word inside it. Negation does not clear a word ("不过敏"
 * is still about allergy): a compliance check should rather ask once too often.
 */
export function findSensitiveWords(cfg: Compliance, text: string): string[] {
  const t = normalizeStoreText(text);
  const found: string[] = [];
  let i = 0;
  while (i < t.length) {
    const hit = cfg.forms.find(({ form }) => t.startsWith(form, i));
    if (hit) {
      if (!found.includes(hit.word)) found.push(hit.word);
      i += hit.form.length;
    } else {
      i++;
    }
  }
  return found;
}

/** Letters and digits of any script; punctuation, symbols and emoji do not make a note. */
function meaningfulChars(note: string): string[] {
  return [...normalizeStoreText(note)].filter((c) => /[\p{L}\p{N}]/u.test(c));
}

/** Whether a note records something: enough meaningful characters, and not one character repeated ("嗯嗯嗯嗯"). */
export function isMeaningfulNote(cfg: Compliance, note: string | null | undefined): boolean {
  const chars = meaningfulChars(note ?? '');
  return chars.length >= cfg.minNoteChars && new Set(chars).size >= Math.min(2, cfg.minNoteChars);
}

/**
 * ok:false means the visit must not be saved yet: sensitive words were found and the note does not
 * count. ok:true with words means it saves, flagged for review.
 */
export function complianceCheck(cfg: Compliance, input: { question: string; complianceNote?: string | null }): ComplianceResult {
  const words = findSensitiveWords(cfg, input.question);
  if (words.length === 0 || isMeaningfulNote(cfg, input.complianceNote)) return { ok: true, words };
  return { ok: false, words };
}

/**
 * What GET /mp/config sends as `sensitiveWords`: every form, canonical and variant, normalised, because
 * the client matches them as plain case-insensitive substrings and would otherwise miss a variant.
 */
export function publicWords(cfg: Compliance): string[] {
  return [...cfg.publicForms];
}
