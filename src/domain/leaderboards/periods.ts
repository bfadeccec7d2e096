// Board periods in Asia/Shanghai (day, Monday–Sunday week, calendar month) and their Chinese titles.
// `end` is exclusive so stores can query [start, end) without off-by-one-millisecond edges.
import { addDays, localTime } from '../calendar/local-time.js';

export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** First instant of the period. */
  start: Date;
  /** First instant after the period (exclusive). */
  end: Date;
  /** First and last Shanghai calendar dates in the period, YYYY-MM-DD (both inclusive). */
  firstDate: string;
  lastDate: string;
  /** "11月23日", "11月16日–11月22日" or "2025年11月". */
  label: string;
}

const instant = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

/** "2025-11-23" → "11月23日". */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

function nextMonthFirst(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function make(kind: PeriodKind, firstDate: string, endDate: string): Period {
  const lastDate = addDays(endDate, -1);
  const label =
    kind === 'day'
      ? monthDay(firstDate)
      : kind === 'week'
        ? `${monthDay(firstDate)}–${monthDay(lastDate)}`
        : `${firstDate.slice(0, 4)}年${Number(firstDate.slice(5, 7))}月`;
  return { kind, start: instant(firstDate), end: instant(endDate), firstDate, lastDate, label };
}

/** The Shanghai day, week (Monday–Sunday) or month that contains `at`. */
export function periodRange(kind: PeriodKind, at: Date): Period {
  const lt = localTime(at);
  if (kind === 'day') return make(kind, lt.date, addDays(lt.date, 1));
  if (kind === 'week') {
    const monday = addDays(lt.date, 1 - lt.weekday);
    return make(kind, monday, addDays(monday, 7));
  }
  const first = `${lt.date.slice(0, 7)}-01`;
  return make(kind, first, nextMonthFirst(first));
}

/** The full week before the one containing `at`: what the Monday 09:00 board reports on. */
export function previousWeek(at: Date): Period {
  return periodRange('week', new Date(periodRange('week', at).start.getTime() - 1));
}

/** "今日战报之星 11月23日", "上周战报榜 11月16日–11月22日", "本月排行" and their siblings. */
export function boardTitle(period: Period, relation: 'current' | 'previous' = 'current'): string {
  const prev = relation === 'previous';
  if (period.kind === 'day') return `${prev ? '昨日' : '今日'}战报之星 ${period.label}`;
  if (period.kind === 'week') return `${prev ? '上周' : '本周'}战报榜 ${period.label}`;
  return prev ? '上月排行' : '本月排行';
}
