// Which hand-off kind a commitment is ("下周一开始POC试用" → poc), from its own text by the kind's cue
// words: the earliest cue wins, and at the same place the kind listed first in config/handoffs.jsonc.
import { foldText } from '../reports/text.js';
import type { HandoffRules, KindRule } from './handoff-rules.js';

export function recognizeKind(commitment: string, rules: HandoffRules): KindRule | null {
  const folded = foldText(commitment);
  let best: { kind: KindRule; at: number } | null = null;
  for (const kind of rules.kinds) {
    for (const cue of kind.cues) {
      const at = folded.indexOf(cue);
      if (at >= 0 && (best === null || at < best.at)) best = { kind, at };
    }
  }
  return best?.kind ?? null;
}

/** Whether the text has one of the kind's cue words (the sentences a field may be read from). */
export function mentionsKind(text: string, kind: KindRule): boolean {
  const folded = foldText(text);
  return kind.cues.some((cue) => folded.includes(cue));
}
