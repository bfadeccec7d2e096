// The stage a note leaves the deal in (spec "Stage cues"): of the cues that have already happened, the
// most advanced wins; won and lost are both terminal, so between them the last mentioned wins. Cues in
// planned clauses ("下周约了讲方案", "准备报价") and negated ones ("还没签") do not count.
import { STAGES, isStageId, stageInfo, type StageId } from '../stages/stage-ids.js';
import { clauseAt, foldText } from './text.js';
import { compileCueList, resolveOverlaps, section, stringList, type CueList, type CueMatch, type Labelled } from './cue-list.js';
import type { Note } from './note.js';

export interface StageRules {
  readonly cues: readonly { stage: StageId; list: CueList }[];
  readonly negated: CueList;
  /** Stages whose cues in a clause about a rival are the rival's doings ("竞品报价比我们低"). */
  readonly rivalOnly: ReadonlySet<StageId>;
  readonly rivalClause: CueList;
}

export function compileStageRules(raw: unknown): StageRules {
  const r = section(raw, 'stages');
  const cues = section(r, 'cues', 'stages.cues');
  return {
    cues: STAGES.filter((s) => cues[s.id] !== undefined).map((s) => ({ stage: s.id, list: compileCueList(cues[s.id], `stages.cues.${s.id}`) })),
    negated: compileCueList(r.negated, 'stages.negated'),
    rivalOnly: new Set(stringList(r.rivalOnly, 'stages.rivalOnly').filter(isStageId)),
    rivalClause: compileCueList(r.rivalClause, 'stages.rivalClause'),
  };
}

/** Every stage cue of the note that has happened, in text order. `rivals` are rivals named; those the customer chose are lost cues. */
export function happenedStageCues(note: Note, rules: StageRules, rivals: readonly (CueMatch & { lost: boolean })[] = []): Labelled<StageId>[] {
  const found: Labelled<StageId | null>[] = rules.negated.find(note.folded).map((m) => ({ ...m, label: null }));
  for (const { stage, list } of rules.cues) for (const m of list.find(note.folded)) found.push({ ...m, label: stage });
  for (const m of rivals) if (m.lost) found.push({ ...m, label: 'lost' });
  const aboutRival = (text: string) => rules.rivalClause.test(text) || rivals.some((r) => text.includes(foldText(r.text)));
  return resolveOverlaps(found).filter((m): m is Labelled<StageId> => {
    if (m.label === null) return false;
    const clause = clauseAt(note.clauses, m.start);
    if (clause === null || note.planned[clause.index] || note.hypothetical[clause.index]) return false;
    return !(rules.rivalOnly.has(m.label) && aboutRival(clause.text));
  });
}

export function stageOf(cues: readonly Labelled<StageId>[]): StageId | null {
  let terminal: Labelled<StageId> | null = null;
  let open: StageId | null = null;
  for (const cue of cues) {
    if (stageInfo(cue.label).terminal) {
      if (terminal === null || cue.start >= terminal.start) terminal = cue;
    } else if (open === null || stageInfo(cue.label).order > stageInfo(open).order) {
      open = cue.label;
    }
  }
  return terminal?.label ?? open;
}
