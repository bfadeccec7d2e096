// The topic dictionary: the raw shape of config/topics.jsonc, its validation, and the compiled matchers.
// Compiling does all the work once (trie, whole-word table, regexes, jieba words) so detection stays cheap.
import { toSimplified } from '../text/simplified.js';
import { AppError } from '../../shared/errors.js';
import { buildCueTrie, type CueTrieNode } from './cue-trie.js';
import { registerWords } from './segmenter.js';
import { TOPIC_IDS, isTopicId, type TopicId } from './topic-ids.js';

/** A cue is a literal phrase, or `{ "re": "..." }` for a small pattern a word list cannot express. */
export type RawTopicCue = string | { re: string };

export interface RawTopicDictionary {
  topics: Partial<Record<TopicId, { cues: RawTopicCue[] }>>;
  /** Phrases that contain a cue but mean something else; they match with no topic. */
  negativeContexts?: string[];
}

export interface CompiledTopicDictionary {
  readonly trie: CueTrieNode;
  /** One-character cues, matched only when jieba yields them as a word of their own. */
  readonly wholeWords: ReadonlyMap<string, number>;
  readonly wholeWordChars: ReadonlySet<number>;
  readonly patterns: readonly { readonly re: RegExp; readonly mask: number }[];
}

export const topicBit = (id: TopicId): number => 1 << TOPIC_IDS.indexOf(id);

/** Topics of a bit mask, in TOPIC_IDS order. */
export function topicsOfMask(mask: number): TopicId[] {
  const out: TopicId[] = [];
  for (let i = 0; i < TOPIC_IDS.length; i++) if (mask & (1 << i)) out.push(TOPIC_IDS[i]!);
  return out;
}

/** Lower-cases ASCII and folds full-width letters, digits and ％, the same way for cues and texts. */
export function normaliseForMatching(text: string): string {
  const simple = toSimplified(text); // "價格" is 价格
  if (!NEEDS_FOLDING.test(simple)) return simple;
  return simple.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
}
const NEEDS_FOLDING = /[A-Z\uFF05\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/;
const FULL_WIDTH = /[\uFF05\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;

const invalid = (message: string) => new AppError('topic_dictionary_invalid', `topic dictionary: ${message}`);

export function compileTopicDictionary(raw: unknown): CompiledTopicDictionary {
  if (!isObject(raw) || !isObject(raw.topics)) throw invalid('expected an object with "topics"');
  const literals = new Map<string, number>();
  const wholeWords = new Map<string, number>();
  const patterns: { re: RegExp; mask: number }[] = [];
  const addLiteral = (phrase: string, mask: number) => literals.set(phrase, (literals.get(phrase) ?? 0) | mask);

  for (const [id, entry] of Object.entries(raw.topics)) {
    if (!isTopicId(id)) throw invalid(`unknown topic id "${id}" (known: ${TOPIC_IDS.join(', ')})`);
    if (!isObject(entry) || !Array.isArray(entry.cues)) throw invalid(`topic "${id}" needs a "cues" array`);
    const bit = topicBit(id);
    for (const cue of entry.cues) {
      if (typeof cue === 'string') {
        const phrase = normaliseForMatching(cue.trim());
        if (phrase.length === 0) throw invalid(`topic "${id}" has an empty cue`);
        if (phrase.length === 1) wholeWords.set(phrase, (wholeWords.get(phrase) ?? 0) | bit);
        else addLiteral(phrase, bit);
      } else if (isObject(cue) && typeof cue.re === 'string') {
        patterns.push({ re: compilePattern(id, cue.re), mask: bit });
      } else {
        throw invalid(`topic "${id}" has a cue that is neither a string nor {"re": string}`);
      }
    }
  }
  for (const phrase of stringList(raw.negativeContexts, 'negativeContexts')) addLiteral(normaliseForMatching(phrase), 0);

  registerWords(literals.keys());
  return {
    trie: buildCueTrie(literals),
    wholeWords,
    wholeWordChars: new Set([...wholeWords.keys()].map((w) => w.charCodeAt(0))),
    patterns,
  };
}

function compilePattern(id: string, source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (e) {
    throw invalid(`topic "${id}" has an invalid pattern /${source}/: ${(e as Error).message}`);
  }
}

function stringList(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim().length > 1)) {
    throw invalid(`"${field}" must be a list of phrases of two or more characters`);
  }
  return value.map((v: string) => v.trim());
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
