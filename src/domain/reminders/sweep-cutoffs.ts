// Which customers and commitments can possibly be breached at an instant: for each rule, the latest
// start of its window that has run out by now. The store selects rows older than these with indexes,
// so a sweep reads the due few instead of every open customer; the engine then decides exactly.
import { localTime } from '../calendar/local-time.js';
import type { StageId } from '../stages/stage-catalog.js';
import type { CompiledRules } from './reminder-rules.js';

export interface TimeRange {
  readonly after: Date;
  readonly before: Date;
}

export interface SweepCutoffs {
  /** Last touch (or creation) at or before this: an untouched rule may fire. */
  readonly untouchedBefore: Date;
  /** First inquiry (or creation) in (after, before]: a never-contacted inbound lead is late, still alerting. */
  readonly uncontacted: TimeRange;
  /** First inquiry (or creation) in (after, before]: the golden window has run out, still alerting. */
  readonly golden: TimeRange;
  /** Open stages before the proposal stage, where no proposal has gone out yet (the golden rule still applies). */
  readonly preProposalStages: readonly StageId[];
  /** Per open stage with a window: entered at or before this and not touched since. */
  readonly stageIdleBefore: readonly { readonly stage: StageId; readonly before: Date }[];
  /** Open commitments due on or before this Shanghai date. */
  readonly commitmentsDueBy: string;
}

export function sweepCutoffs(now: Date, rules: CompiledRules): SweepCutoffs {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    untouchedBefore: ago(Math.min(rules.untouchedRepMs, rules.untouchedManagerMs)),
    uncontacted: { after: ago(rules.leadFirstContactMs + rules.leadAlertForMs), before: ago(rules.leadFirstContactMs) },
    golden: { after: ago(rules.goldenMs + rules.leadAlertForMs), before: ago(rules.goldenMs) },
    preProposalStages: rules.stages.open.filter((s) => !rules.stages.endsGolden(s.id)).map((s) => s.id),
    stageIdleBefore: Object.entries(rules.stageWindowMs).map(([stage, ms]) => ({ stage: stage as StageId, before: ago(ms!) })),
    // The due-morning reminder can fire from 00:00 of the due date on; the engine checks the hour.
    commitmentsDueBy: localTime(now).date,
  };
}
