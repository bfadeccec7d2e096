// The next action and its due date (spec "Which date is the next action"): the earliest future date of a
// planned step — ours, or a reply we wait for ("月底前给答复"); today only with an explicit plan; past
// events never; vague spans give no date. The action is the clause that carries that date, in the rep's words.
import { isoDay } from './calendar.js';
import type { Note, NoteDate } from './note.js';

export interface NextAction {
  readonly nextAction: string | null;
  readonly nextActionDue: string | null;
}

export function findNextAction(note: Note): NextAction {
  let best: NoteDate | null = null;
  for (const d of note.dates) {
    if (d.planned && d.day !== null && (best === null || d.day < best.day!)) best = d;
  }
  if (best?.clause) {
    return { nextAction: clauseText(note, best.clause.index), nextActionDue: isoDay(best.day!) };
  }
  // No dated step: the last planned clause is still what the rep will do ("下个月再说").
  for (let i = note.clauses.length - 1; i >= 0; i--) {
    if (note.planned[i]) return { nextAction: clauseText(note, i), nextActionDue: null };
  }
  return { nextAction: null, nextActionDue: null };
}

function clauseText(note: Note, index: number): string {
  const c = note.clauses[index]!;
  return note.original.slice(c.start, c.end).trim();
}
