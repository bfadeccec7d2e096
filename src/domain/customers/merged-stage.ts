// Which stage a customer has after another one is merged into it (pure).
import { isStageId, stageInfo } from '../stages/stage-ids.js';

export interface StageSide {
  stage: string | null;
  /** When the side's latest stage change happened; null when it has no history. */
  lastChangeAt: Date | null;
}

/**
 * The newer stage per history wins: the merged history's latest change is what the deal did last, and
 * stage_entered_at (max changed_at) must describe the stage the customer is in, or the stage-window rule
 * misfires. Without history on both sides the more advanced stage wins (won/lost rank after open stages).
 */
export function mergedStage(into: StageSide, from: StageSide): string | null {
  if (into.lastChangeAt && from.lastChangeAt) return from.lastChangeAt > into.lastChangeAt ? from.stage : into.stage;
  if (into.lastChangeAt && into.stage) return into.stage;
  if (from.lastChangeAt && from.stage) return from.stage;
  return rank(from.stage) > rank(into.stage) ? from.stage : into.stage;
}

const rank = (stage: string | null): number => (isStageId(stage) ? stageInfo(stage).order : 0);
