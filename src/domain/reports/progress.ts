// The one-sentence summary of a note: what happened (planned clauses are left to the next action), in
// the rep's words, without voice fillers, capped in length.
import { compileCueList, section, type CueList } from './cue-list.js';
import type { Note } from './note.js';

export interface ProgressRules {
  readonly maxLength: number;
  readonly fillers: CueList;
}

export function compileProgressRules(raw: unknown): ProgressRules {
  const r = section(raw, 'progress');
  const max = r.maxLength;
  return { maxLength: typeof max === 'number' && max > 10 ? max : 60, fillers: compileCueList(r.fillers, 'progress.fillers') };
}

export function summarise(note: Note, rules: ProgressRules): string {
  const parts = note.clauses.map((c, i) => ({ i, text: stripFillers(note.original.slice(c.start, c.end), note.folded.slice(c.start, c.end), rules) }));
  const happened = parts.filter((p) => !note.planned[p.i] && p.text.length > 0);
  const chosen = happened.length > 0 ? happened : parts.filter((p) => p.text.length > 0).slice(0, 1);
  let out = '';
  for (const p of chosen) {
    const next = out ? `${out}，${p.text}` : p.text;
    if (next.length > rules.maxLength && out) break;
    out = next;
  }
  if (out.length > rules.maxLength) out = `${out.slice(0, rules.maxLength - 1)}…`;
  return out ? `${out}。` : '';
}

function stripFillers(original: string, folded: string, rules: ProgressRules): string {
  let at = 0;
  for (let again = true; again; ) {
    again = false;
    const m = rules.fillers.find(folded.slice(at))[0];
    if (m && m.start === 0) {
      at += m.end;
      again = true;
    }
  }
  return original.slice(at).replace(/^[\s:：]+/, '').trim();
}
