// Leftmost-longest literal matcher over many cue phrases: one pass over the text, no regex backtracking.
// Longest-wins is what lets a negative context ("贵公司") or a more specific cue ("付款方案") hide a shorter one.

export interface CueTrieNode {
  readonly next: Map<number, CueTrieNode>;
  /** Topic bit mask of the cue ending here; 0 for a negative context. */
  mask: number;
  terminal: boolean;
}

export interface CueScan {
  /** OR of the masks of all cues found. */
  readonly mask: number;
  /** Whether a watched character occurs outside every matched cue (decides if segmentation is needed). */
  readonly watchedOutside: boolean;
}

const newNode = (): CueTrieNode => ({ next: new Map(), mask: 0, terminal: false });

/** Builds the trie; a phrase listed twice keeps the union of its masks. */
export function buildCueTrie(cues: ReadonlyMap<string, number>): CueTrieNode {
  const root = newNode();
  for (const [phrase, mask] of cues) {
    let node = root;
    for (let i = 0; i < phrase.length; i++) {
      const code = phrase.charCodeAt(i);
      let child = node.next.get(code);
      if (!child) node.next.set(code, (child = newNode()));
      node = child;
    }
    node.terminal = true;
    node.mask |= mask;
  }
  return root;
}

// An ASCII cue ("ce", "poc") must not start or end inside a longer ASCII word ("price", "epoch").
const isAsciiLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

export function scanCues(root: CueTrieNode, text: string, watched: ReadonlySet<number>): CueScan {
  let mask = 0;
  let watchedOutside = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const first = text.charCodeAt(i);
    let end = -1;
    let endMask = 0;
    if (!(isAsciiLetter(first) && i > 0 && isAsciiLetter(text.charCodeAt(i - 1)))) {
      let node = root.next.get(first);
      let j = i + 1;
      while (node) {
        if (node.terminal && !(isAsciiLetter(text.charCodeAt(j - 1)) && j < n && isAsciiLetter(text.charCodeAt(j)))) {
          end = j;
          endMask = node.mask;
        }
        if (j >= n) break;
        node = node.next.get(text.charCodeAt(j));
        j++;
      }
    }
    if (end > 0) {
      mask |= endMask;
      i = end;
    } else {
      if (watched.has(first)) watchedOutside = true;
      i++;
    }
  }
  return { mask, watchedOutside };
}
