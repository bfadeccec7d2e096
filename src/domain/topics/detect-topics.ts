// Detects which of the fixed topics a rep's message touches. Pure apart from jieba's global dictionary,
// which compileTopicDictionary has already taught every cue phrase.
import { scanCues } from './cue-trie.js';
import { segmentWords } from './segmenter.js';
import { normaliseForMatching, topicsOfMask, type CompiledTopicDictionary } from './topic-dictionary.js';
import type { TopicId } from './topic-ids.js';

/** Topics in TOPIC_IDS order. Negation keeps a topic: "价格不是问题" is still about price. */
export function detectTopics(text: string, dict: CompiledTopicDictionary): TopicId[] {
  const norm = normaliseForMatching(text);
  const scan = scanCues(dict.trie, norm, dict.wholeWordChars);
  let mask = scan.mask;
  // Segmenting costs more than everything else, so only when a one-character cue sits outside the
  // phrases already matched ("有点贵", but not the 价 inside 价格).
  if (scan.watchedOutside) {
    for (const word of segmentWords(norm)) mask |= dict.wholeWords.get(word) ?? 0;
  }
  for (const { re, mask: bit } of dict.patterns) {
    if ((mask & bit) === 0 && re.test(norm)) mask |= bit;
  }
  return topicsOfMask(mask);
}
