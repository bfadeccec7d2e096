// Thin seam over jieba-wasm, which keeps one global dictionary per process.
// Exact mode without HMM: unknown characters stay single, so a standalone "贵" remains its own word.
import { add_word, cut } from 'jieba-wasm';

const registered = new Set<string>();

/** Teaches jieba phrases it must keep whole; registering is idempotent across dictionary compiles. */
export function registerWords(words: Iterable<string>): void {
  for (const word of words) {
    if (word.length < 2 || registered.has(word)) continue;
    add_word(word);
    registered.add(word);
  }
}

export function segmentWords(text: string): string[] {
  return cut(text, false);
}
