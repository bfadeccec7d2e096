// Calendar days in Asia/Shanghai (UTC+8 all year, no daylight saving) as whole day numbers, so date
// rules are plain integer arithmetic.

const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of the Shanghai calendar day of the instant. */
export function shanghaiDay(at: Date): number {
  return Math.floor((at.getTime() + OFFSET_MS) / DAY_MS);
}

/** Minutes after midnight of the instant in Shanghai. */
export function shanghaiMinutes(at: Date): number {
  return Math.floor(((at.getTime() + OFFSET_MS) % DAY_MS) / 60_000);
}

export function dayFromYmd(y: number, m: number, d: number): number | null {
  if (!Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1 || d > lastDayOfMonth(y, m)) return null;
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function ymdOf(day: number): { y: number; m: number; d: number } {
  const t = new Date(day * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Monday = 1 … Sunday = 7. */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** YYYY-MM-DD. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same day of the month `months` later, clamped to that month's last day. */
export function addMonths(day: number, months: number): number {
  const { y, m, d } = ymdOf(day);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return dayFromYmd(ny, nm, Math.min(d, lastDayOfMonth(ny, nm)))!;
}
