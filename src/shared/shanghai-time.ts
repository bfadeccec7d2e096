// Calendar helpers for Asia/Shanghai (UTC+8 all year, no daylight saving).

const OFFSET_MS = 8 * 3600_000;

/** YYYY-MM-DD of the instant in Asia/Shanghai. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant Asia/Shanghai's day of `at` began. */
export function shanghaiDayStart(at: Date): Date {
  return new Date(`${shanghaiDate(at)}T00:00:00+08:00`);
}
