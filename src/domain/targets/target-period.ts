// Target periods: a calendar month ("2026-12") or quarter ("2026-Q4") in Asia/Shanghai, with its dates
// and instants ([start, end), like the leaderboard periods) and its Chinese name.
import { addDays, localTime } from '../calendar/local-time.js';

export type TargetPeriodKind = 'month' | 'quarter';

export interface TargetPeriod {
  /** "2026-12" or "2026-Q4": the key targets are stored under. */
  key: string;
  kind: TargetPeriodKind;
  /** First and last Shanghai dates, both inclusive. */
  firstDate: string;
  lastDate: string;
  start: Date;
  /** First instant after the period (exclusive). */
  end: Date;
  /** "2026年12月" or "2026年第4季度". */
  label: string;
}

const PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;
const pad = (n: number) => String(n).padStart(2, '0');
const instant = (date: string) => new Date(`${date}T00:00:00+08:00`);

/** Parses "2026-12" or "2026-Q4" (years 2000–2099); anything else is null. */
export function parseTargetPeriod(key: string): TargetPeriod | null {
  const m = PATTERN.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2099) return null;
  const firstMonth = m[2] ? Number(m[2]) : (Number(m[3]) - 1) * 3 + 1;
  const months = m[2] ? 1 : 3;
  const firstDate = `${year}-${pad(firstMonth)}-01`;
  const after = firstMonth + months > 12 ? `${year + 1}-01-01` : `${year}-${pad(firstMonth + months)}-01`;
  const label = m[2] ? `${year}年${firstMonth}月` : `${year}年第${m[3]}季度`;
  return { key, kind: m[2] ? 'month' : 'quarter', firstDate, lastDate: addDays(after, -1), start: instant(firstDate), end: instant(after), label };
}

/** The month ("2026-12") and quarter ("2026-Q4") that contain the instant, in Shanghai. */
export function periodKeysAt(at: Date): { month: string; quarter: string } {
  const date = localTime(at).date;
  const month = Number(date.slice(5, 7));
  return { month: date.slice(0, 7), quarter: `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}` };
}
