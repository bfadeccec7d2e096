// The work calendar reminders run on: which Shanghai dates are workdays (Mon–Fri plus the official
// holiday and 调休 lists) and the quiet hours during which pushes wait until morning.
import { clockTime, configError, dateList, object, wholeNumber } from './config-fields.js';
import { atLocal, addDays, localTime } from './local-time.js';

export interface QuietHours {
  /** Minutes after midnight; the window may wrap past midnight (21:00–08:00). */
  readonly start: number;
  readonly end: number;
  /** When deferred pushes go out (08:30), a little after the window ends so they do not pile up on 08:00. */
  readonly deliverAt: number;
}

export interface WorkCalendar {
  /** ISO weekdays (Monday = 1) that are workdays unless listed as holidays. */
  readonly workweek: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly extraWorkdays: ReadonlySet<string>;
  readonly quietHours: QuietHours | null;
  /** Whether the Shanghai date YYYY-MM-DD is a workday. */
  isWorkday(date: string): boolean;
  isQuietHour(at: Date): boolean;
  /** When a push created at `at` may be delivered: `at`, or the next deliverAt time if `at` is quiet. */
  deliverAt(at: Date): Date;
}

const KEYS = ['workweek', 'holidays', 'extraWorkdays', 'quietHours'] as const;

export function compileWorkCalendar(raw: unknown, path = 'calendar'): WorkCalendar {
  const o = object(raw, path, KEYS);
  if (!Array.isArray(o.workweek)) throw configError(`${path}.workweek`, 'must be a list of ISO weekdays (Monday = 1 … Sunday = 7)');
  const workweek = new Set(o.workweek.map((d, i) => wholeNumber(d, `${path}.workweek[${i}]`, 1, 7)));
  const holidays = new Set(dateList(o.holidays ?? [], `${path}.holidays`));
  const extraWorkdays = new Set(dateList(o.extraWorkdays ?? [], `${path}.extraWorkdays`));
  for (const d of extraWorkdays) {
    if (holidays.has(d)) throw configError(`${path}.extraWorkdays`, `lists ${d}, which is also in holidays`);
  }
  const quietHours = o.quietHours === null || o.quietHours === undefined ? null : compileQuietHours(o.quietHours, `${path}.quietHours`);

  const isWorkday = (date: string): boolean => {
    if (holidays.has(date)) return false;
    if (extraWorkdays.has(date)) return true;
    return workweek.has(localTime(atLocal(date, 12 * 60)).weekday);
  };
  const isQuietHour = (at: Date): boolean => quietHours !== null && inWindow(localTime(at).minutes, quietHours);
  const deliverAt = (at: Date): Date => {
    if (quietHours === null || !isQuietHour(at)) return at;
    const { date, minutes } = localTime(at);
    return atLocal(minutes < quietHours.deliverAt ? date : addDays(date, 1), quietHours.deliverAt);
  };
  return Object.freeze({ workweek, holidays, extraWorkdays, quietHours, isWorkday, isQuietHour, deliverAt });
}

function compileQuietHours(raw: unknown, path: string): QuietHours {
  const o = object(raw, path, ['start', 'end', 'deliverAt']);
  const q = { start: clockTime(o.start, `${path}.start`), end: clockTime(o.end, `${path}.end`), deliverAt: clockTime(o.deliverAt, `${path}.deliverAt`) };
  if (q.start === q.end) throw configError(`${path}.end`, 'must differ from start (set quietHours to null to switch it off)');
  // A deferred push released inside the quiet window would be deferred again, or sent at night.
  if (inWindow(q.deliverAt, q)) throw configError(`${path}.deliverAt`, 'must be outside the quiet hours');
  return Object.freeze(q);
}

/** [start, end): 21:00 is quiet, 08:00 is not. */
function inWindow(minutes: number, q: QuietHours): boolean {
  return q.start < q.end ? minutes >= q.start && minutes < q.end : minutes >= q.start || minutes < q.end;
}
