// The funnel of a period (reusing 漏斗's maths, domain/stages/funnel.ts): the customers whose stage changed
// in the period, each judged by its stage history up to the period's end — how far the deals worked on
// in the period have got, and where the lost ones were lost.
import { computeFunnel, type Funnel } from '../stages/funnel.js';
import type { StageCatalog, StageId } from '../stages/stage-catalog.js';

export interface PeriodFunnel extends Funnel {
  /** Customers with a stage change in the period. */
  readonly customers: number;
}

/** `paths`: per customer, the stages it entered up to the period's end, oldest first (non-empty). */
export function periodFunnel(paths: readonly (readonly StageId[])[], stages: StageCatalog): PeriodFunnel {
  const funnel = computeFunnel(paths.map((path) => ({ current: path[path.length - 1] ?? null, path })), stages);
  return { ...funnel, customers: paths.length };
}
