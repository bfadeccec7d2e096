// What the scorer reads about one customer and about the tenant's won deals (plain data, loaded by the
// store as of the scoring instant: nothing recorded after it is in here).
import type { StageId } from '../stages/stage-catalog.js';

export interface ScoreTouch {
  /** visit, call, message, meeting, online, stage_change … (touch-kinds). */
  readonly kind: string;
  readonly topics: readonly string[];
  readonly text: string | null;
  readonly at: Date;
}

export interface ScoreReport {
  readonly at: Date;
  readonly amount: number | null;
  readonly competitors: readonly string[];
  readonly vaguePhrases: readonly string[];
}

export interface StageStep {
  readonly from: StageId | null;
  readonly to: StageId;
  readonly at: Date;
}

export interface CustomerFacts {
  readonly id: string;
  /** The stage now (the row); stageAsOf turns it into the stage at the scoring instant. */
  readonly currentStage: StageId | null;
  /** Every stage change of the customer, oldest first (also later ones: they tell the stage before them). */
  readonly stageChanges: readonly StageStep[];
  readonly createdAt: Date;
  readonly firstInquiryAt: Date | null;
  /** Touches and reports at or before the scoring instant. */
  readonly touches: readonly ScoreTouch[];
  readonly reports: readonly ScoreReport[];
  /** An amount set on the customer itself (import, merge), used when no report names one. */
  readonly amount: number | null;
}

/** A deal of the tenant won at or before the scoring instant. */
export interface WonDeal {
  readonly wonAt: Date;
  readonly amount: number | null;
  /** Its stage changes up to the win, oldest first. */
  readonly path: readonly StageStep[];
}

/** The stage and since when, as it was at `at`. */
export function stageAsOf(f: Pick<CustomerFacts, 'currentStage' | 'stageChanges' | 'createdAt'>, at: Date): { stage: StageId | null; since: Date } {
  if (f.stageChanges.length === 0) return { stage: f.currentStage, since: f.createdAt };
  const done = f.stageChanges.filter((c) => c.at.getTime() <= at.getTime());
  const last = done[done.length - 1];
  if (last) return { stage: last.to, since: last.at };
  return { stage: f.stageChanges[0]!.from, since: f.createdAt };
}
