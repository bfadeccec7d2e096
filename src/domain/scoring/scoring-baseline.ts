// The tenant's yardsticks for a score (pure): from its won deals, the median days a won deal spent in
// each stage and the median won amount. Medians, not means: one ten-million deal or one deal parked for
// a year must not move the yardstick.
import type { StageId } from '../stages/stage-catalog.js';
import type { WonDeal } from './score-facts.js';

const DAY_MS = 86_400_000;

export interface ScoringBaseline {
  /** Per stage: how many won deals spent time in it, and their median days there. */
  readonly stageDays: ReadonlyMap<StageId, { readonly deals: number; readonly medianDays: number }>;
  /** Won deals with an amount, and the median of those amounts. */
  readonly amounts: { readonly deals: number; readonly median: number | null };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function scoringBaseline(deals: readonly WonDeal[]): ScoringBaseline {
  const dwell = new Map<StageId, number[]>();
  for (const d of deals) {
    // Time in each stage = until the next change (the last one before the win ends at the win).
    d.path.forEach((step, i) => {
      const end = d.path[i + 1]?.at ?? d.wonAt;
      if (step.at.getTime() >= d.wonAt.getTime()) return; // the win itself, or anything after it
      const days = Math.max(0, (end.getTime() - step.at.getTime()) / DAY_MS);
      dwell.set(step.to, [...(dwell.get(step.to) ?? []), days]);
    });
  }
  const stageDays = new Map([...dwell].map(([stage, days]) => [stage, { deals: days.length, medianDays: median(days)! }]));
  const amounts = deals.map((d) => d.amount).filter((a): a is number => a !== null && a > 0);
  return { stageDays, amounts: { deals: amounts.length, median: median(amounts) } };
}
