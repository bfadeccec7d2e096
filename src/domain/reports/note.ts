// One reading of a note shared by every report rule: the folded text, its clauses, the recording day
// and the dates found, with whether each date is past, today, future or vague — and which clauses are
// plans rather than reports of what happened (spec "Stage cues", "Which date is the next action").
import { shanghaiDay, shanghaiMinutes } from './calendar.js';
import { compileCueList, section, type CueList } from './cue-list.js';
import { findDates, timeOfDayAt, type DateMention, type DateRules } from './dates.js';
import { clauseAt, foldText, splitClauses, type Clause, type ClauseBreaks } from './text.js';

export interface PlanRules {
  readonly markers: CueList;
  readonly past: CueList;
  readonly hypothetical: CueList;
  readonly notSteps: CueList;
}

export function compilePlanRules(raw: unknown): PlanRules {
  const r = section(raw, 'plans');
  return {
    markers: compileCueList(r.markers, 'plans.markers'),
    past: compileCueList(r.past, 'plans.past'),
    hypothetical: compileCueList(r.hypothetical, 'plans.hypothetical'),
    notSteps: compileCueList(r.notSteps, 'plans.notSteps'),
  };
}

export type DateStatus = 'past' | 'today' | 'future' | 'vague';

export interface NoteDate extends DateMention {
  readonly status: DateStatus;
  readonly clause: Clause | null;
  /** Today with an explicit plan ("今天下班前发方案"), or any future step. */
  readonly planned: boolean;
}

export interface Note {
  readonly original: string;
  readonly folded: string;
  readonly clauses: readonly Clause[];
  readonly today: number;
  readonly dates: readonly NoteDate[];
  /** Per clause index: the clause describes a plan, not something that happened. */
  readonly planned: readonly boolean[];
  /** Per clause index: the clause hedges ("可能会选别家"); what it says has not happened either. */
  readonly hypothetical: readonly boolean[];
}

/** Stands in for the customer's and the contact's names, so their words are not read as cues ("顺通物流" is no delivery talk). */
export const NAME_MASK = '□';

export function readNote(
  text: string,
  recordedAt: Date,
  rules: { breaks: ClauseBreaks; dates: DateRules; plans: PlanRules },
  names: readonly (string | null)[] = [],
): Note {
  const folded = maskNames(foldText(text), names);
  const clauses = splitClauses(folded, rules.breaks);
  const today = shanghaiDay(recordedAt);
  const minutes = shanghaiMinutes(recordedAt);
  const dates = findDates(folded, today, rules.dates).map((d) => {
    // "今天下午三点去演示" said in the morning: a step later today is an explicit plan.
    const at = timeOfDayAt(folded.slice(d.end), rules.dates);
    return noteDate(d, clauses, today, rules.plans, at !== null && at > minutes);
  });
  const planned: boolean[] = [];
  for (const c of clauses) {
    const past = rules.plans.past.test(c.text);
    const own = dates.filter((d) => d.clause === c);
    const mine = rules.plans.markers.test(c.text) || own.some((d) => d.planned || (d.status === 'vague' && !past));
    // "明天约了王总，带上报价单": a plan goes on in the next clause of its sentence until something is done.
    const prev = c.index > 0 ? clauses[c.index - 1]! : null;
    const carried = prev !== null && prev.sentence === c.sentence && planned[prev.index] === true && !past && own.length === 0;
    planned.push(mine || carried);
  }
  const hypothetical = clauses.map((c) => rules.plans.hypothetical.test(c.text));
  return { original: text, folded, clauses, today, dates, planned, hypothetical };
}

function noteDate(d: DateMention, clauses: readonly Clause[], today: number, plans: PlanRules, laterToday: boolean): NoteDate {
  const clause = clauseAt(clauses, d.start);
  const text = clause?.text ?? '';
  const past = plans.past.test(text);
  let status: DateStatus;
  if (d.day === null) status = 'vague';
  // A weekday or day of the month said about something done ("周一去了客户那") is last week's, not next.
  else if (d.day < today || (d.rolled && past)) status = 'past';
  else status = d.day === today ? 'today' : 'future';
  const explicit = (plans.markers.test(text) || d.deadline || laterToday) && !past;
  const planned = status === 'future' ? !plans.notSteps.test(text) : status === 'today' && explicit;
  return { ...d, status, clause, planned };
}

function maskNames(folded: string, names: readonly (string | null)[]): string {
  let out = folded;
  for (const name of names) {
    const key = name === null ? '' : foldText(name);
    if (key.length >= 2) out = out.split(key).join(NAME_MASK.repeat(key.length));
  }
  return out;
}
