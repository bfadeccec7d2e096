// Wall-clock arithmetic in Asia/Shanghai. China has used a fixed UTC+8 with no daylight saving since
// 1991, so local dates and minutes are plain arithmetic rather than Intl look-ups.
import { shanghaiDate } from '../../shared/shanghai-time.js';

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface LocalTime {
  /** YYYY-MM-DD in Asia/Shanghai. */
  readonly date: string;
  /** Minutes after local midnight, 0–1439. */
  readonly minutes: number;
  /** HH:MM. */
  readonly hhmm: string;
  /** ISO weekday: Monday = 1 … Sunday = 7. */
  readonly weekday: number;
}

export function localTime(at: Date): LocalTime {
  const shifted = at.getTime() + OFFSET_MS;
  const minutes = Math.floor((((shifted % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  // 1970-01-01 was a Thursday (ISO 4).
  const day = Math.floor(shifted / DAY_MS);
  return { date: shanghaiDate(at), minutes, hhmm: formatHhmm(minutes), weekday: ((((day + 3) % 7) + 7) % 7) + 1 };
}

/** The instant of `minutes` after midnight on the Shanghai date (minutes may exceed a day). */
export function atLocal(date: string, minutes: number): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000);
}

/** The calendar date `days` after `date` (negative goes back); month and year ends roll over. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A real calendar date written YYYY-MM-DD ("2026-02-30" is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(value);
}

/** "HH:MM" (24-hour) → minutes after midnight, or null. */
export function parseHhmm(value: unknown): number | null {
  const m = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
