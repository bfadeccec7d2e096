// Progress against a target: per metric the actual, the share reached and what is still missing, plus the
// workdays of the period and those left (today counts as left). Pure: the counts come from the store.
import type { WorkCalendar } from '../calendar/work-calendar.js';
import { addDays } from '../calendar/local-time.js';
import type { TargetPeriod } from './target-period.js';

export const TARGET_METRICS = ['wonAmount', 'newCustomers', 'visits', 'reports'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/** A target per metric; null: no target for that metric. wonAmount in yuan, the others counts. */
export type TargetValues = Record<TargetMetric, number | null>;
export type Actuals = Record<TargetMetric, number>;

export interface MetricProgress {
  metric: TargetMetric;
  target: number;
  actual: number;
  /** Whole percent, rounded down (199 of 200 is 99 %, not a misleading 100 %); may pass 100. Null for a zero target. */
  percent: number | null;
  /** What is still needed, 0 once met. */
  missing: number;
  met: boolean;
}

export interface TargetProgress {
  /** The metrics that have a target, in TARGET_METRICS order. */
  metrics: MetricProgress[];
  workdays: number;
  workdaysLeft: number;
  /** Share of the period's workdays already gone, whole percent (the pace to compare with). */
  timePercent: number;
  /** Every metric with a target is met. */
  met: boolean;
}

/** Workdays from `from` to `to`, both inclusive (0 when `to` is earlier). */
export function workdaysBetween(from: string, to: string, calendar: Pick<WorkCalendar, 'isWorkday'>): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (calendar.isWorkday(d)) n++;
  return n;
}

export function metricProgress(metric: TargetMetric, target: number, actual: number): MetricProgress {
  return {
    metric, target, actual,
    percent: target > 0 ? Math.floor((actual / target) * 100 + 1e-9) : null,
    missing: Math.max(0, target - actual),
    met: actual >= target,
  };
}

/** `today`: the Shanghai date progress is read on; before the period all its workdays are left, after it none. */
export function targetProgress(
  target: TargetValues, actual: Actuals, period: Pick<TargetPeriod, 'firstDate' | 'lastDate'>, today: string, calendar: Pick<WorkCalendar, 'isWorkday'>,
): TargetProgress {
  const metrics = TARGET_METRICS.flatMap((m) => {
    const t = target[m];
    return t === null ? [] : [metricProgress(m, t, actual[m])];
  });
  const workdays = workdaysBetween(period.firstDate, period.lastDate, calendar);
  const workdaysLeft = workdaysBetween(today > period.firstDate ? today : period.firstDate, period.lastDate, calendar);
  const timePercent = workdays === 0 ? 100 : Math.floor(((workdays - workdaysLeft) / workdays) * 100);
  return { metrics, workdays, workdaysLeft, timePercent, met: metrics.every((m) => m.met) };
}

/** Sums actuals (a team's from its members'). */
export function sumActuals(list: readonly Actuals[]): Actuals {
  const total: Actuals = { wonAmount: 0, newCustomers: 0, visits: 0, reports: 0 };
  for (const a of list) for (const m of TARGET_METRICS) total[m] += a[m];
  return total;
}
