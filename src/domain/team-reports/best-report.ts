// The period's best-rated battle report: the most stars; among equals the one rated first (it was picked
// out first), then the earliest written. Pure.

export interface RatedReport {
  readonly id: string;
  readonly rating: number;
  readonly recordedAt: Date;
  readonly ratedAt: Date | null;
}

export function bestReport<T extends RatedReport>(reports: readonly T[]): T | null {
  const time = (d: Date | null) => (d === null ? Infinity : d.getTime());
  let best: T | null = null;
  for (const r of reports) {
    if (
      best === null ||
      r.rating > best.rating ||
      (r.rating === best.rating && (time(r.ratedAt) < time(best.ratedAt) || (time(r.ratedAt) === time(best.ratedAt) && r.recordedAt < best.recordedAt)))
    ) {
      best = r;
    }
  }
  return best;
}
