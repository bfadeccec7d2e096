// What the team reports cover: the week before the Monday run (as the weekly board), the month before the
// run on the 1st, the workdays in them, and the month (YYYY-MM) a date falls in. Pure.
import type { WorkCalendar } from '../calendar/work-calendar.js';
import { addDays } from '../calendar/local-time.js';
import { periodRange, previousWeek, type Period } from '../leaderboards/periods.js';

export type TeamReportKind = 'weekly' | 'monthly';

/** The full calendar month before the one containing `at`. */
export function previousMonth(at: Date): Period {
  return periodRange('month', new Date(periodRange('month', at).start.getTime() - 1));
}

export function reportPeriod(kind: TeamReportKind, at: Date): Period {
  return kind === 'weekly' ? previousWeek(at) : previousMonth(at);
}

/** The period's workdays (Shanghai dates, in order) by the work calendar. */
export function workdaysIn(period: Pick<Period, 'firstDate' | 'lastDate'>, calendar: Pick<WorkCalendar, 'isWorkday'>): string[] {
  const days: string[] = [];
  for (let d = period.firstDate; d <= period.lastDate; d = addDays(d, 1)) if (calendar.isWorkday(d)) days.push(d);
  return days;
}

/** "2026-11-23" → "2026-11". */
export const monthOf = (date: string): string => date.slice(0, 7);
