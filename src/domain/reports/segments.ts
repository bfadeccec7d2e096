// Clauses cut further at contrast words ("价格没问题但交期太长"): each part is judged on its own, so a
// point that is fine does not hide the concern next to it.
import type { CueList } from './cue-list.js';
import type { Clause } from './text.js';

export interface Segment {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly sentence: number;
  /** Index of the clause the segment belongs to. */
  readonly clause: number;
}

export function splitSegments(clauses: readonly Clause[], contrast: CueList): Segment[] {
  const out: Segment[] = [];
  for (const c of clauses) {
    let from = 0;
    for (const m of contrast.find(c.text)) {
      if (m.start > from) out.push(part(c, from, m.start));
      from = m.start;
    }
    out.push(part(c, from, c.text.length));
  }
  return out.filter((s) => s.text.length > 0);
}

function part(c: Clause, from: number, to: number): Segment {
  return { text: c.text.slice(from, to), start: c.start + from, end: c.start + to, sentence: c.sentence, clause: c.index };
}
