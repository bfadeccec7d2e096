// Forecast against target for one month: what is won, what the weighted pipeline expects to close in the
// month (预测's Σ amount × stage probability), and both as a share of the won-amount target. Pure.

export interface TargetProgress {
  readonly month: string;
  readonly won: number;
  readonly forecast: number;
  /** Yuan; null when no target is set for the month. */
  readonly target: number | null;
  /** won ÷ target in whole percent; null without a (positive) target. */
  readonly wonPercent: number | null;
  /** (won + forecast) ÷ target in whole percent. */
  readonly projectedPercent: number | null;
}

export function targetProgress(month: string, won: number, forecast: number, target: number | null): TargetProgress {
  const of = (v: number) => (target === null || target <= 0 ? null : Math.round((v / target) * 100));
  return { month, won, forecast, target, wonPercent: of(won), projectedPercent: of(won + forecast) };
}
