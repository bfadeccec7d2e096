import { describe, expect, it } from 'vitest';
import { addDays, atLocal, daysBetween, isIsoDate, localTime, parseHhmm } from '../../src/domain/calendar/local-time.js';
import { compileWorkCalendar } from '../../src/domain/calendar/work-calendar.js';
import { loadRules } from '../../src/config/load-rules.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const cal = loadRules().calendar;

describe('local time in Asia/Shanghai', () => {
  it('reads the Shanghai date, minutes and ISO weekday of an instant', () => {
    expect(localTime(new Date('2026-05-12T15:59:59Z'))).toEqual({ date: '2026-05-12', minutes: 23 * 60 + 59, hhmm: '23:59', weekday: 2 });
    // 16:00Z is midnight in Shanghai: a new date and weekday.
    expect(localTime(new Date('2026-05-12T16:00:00Z'))).toEqual({ date: '2026-05-13', minutes: 0, hhmm: '00:00', weekday: 3 });
    expect(localTime(sh('2026-05-17T08:30:00')).weekday).toBe(7);
  });

  it('does date arithmetic across month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(atLocal('2026-05-31', 24 * 60 + 30).toISOString()).toBe('2026-05-31T16:30:00.000Z');
  });

  it('validates dates and clock times', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(parseHhmm('08:30')).toBe(510);
    expect(parseHhmm('24:00')).toBeNull();
    expect(parseHhmm('8:30')).toBeNull();
  });
});

describe('workdays', () => {
  it('counts Monday–Friday as workdays and the weekend as not', () => {
    expect(cal.isWorkday('2026-05-15')).toBe(true); // Friday
    expect(cal.isWorkday('2026-05-16')).toBe(false); // Saturday
    expect(cal.isWorkday('2026-05-17')).toBe(false); // Sunday
    expect(cal.isWorkday('2026-05-18')).toBe(true); // Monday
  });

  it('applies the 2026 official holidays and 调休 workdays', () => {
    expect(cal.isWorkday('2026-01-01')).toBe(false); // Thursday, 元旦
    expect(cal.isWorkday('2026-01-04')).toBe(true); // Sunday, 调休上班
    expect(cal.isWorkday('2026-02-23')).toBe(false); // Monday, 春节
    expect(cal.isWorkday('2026-02-14')).toBe(true); // Saturday
    expect(cal.isWorkday('2026-02-28')).toBe(true); // Saturday, month end
    expect(cal.isWorkday('2026-05-05')).toBe(false); // Tuesday, 劳动节
    expect(cal.isWorkday('2026-05-09')).toBe(true); // Saturday
    expect(cal.isWorkday('2026-09-20')).toBe(true); // Sunday
    expect(cal.isWorkday('2026-10-07')).toBe(false); // Wednesday, 国庆节
    expect(cal.isWorkday('2026-10-10')).toBe(true); // Saturday
  });

  it('lists only weekend days as 调休 workdays', () => {
    for (const d of cal.extraWorkdays) expect([6, 7]).toContain(localTime(atLocal(d, 720)).weekday);
  });

  it('honours a custom workweek and lists', () => {
    const six = compileWorkCalendar({ workweek: [1, 2, 3, 4, 5, 6], holidays: ['2026-05-13'], extraWorkdays: ['2026-05-17'] });
    expect(six.isWorkday('2026-05-16')).toBe(true);
    expect(six.isWorkday('2026-05-13')).toBe(false);
    expect(six.isWorkday('2026-05-17')).toBe(true);
    expect(six.quietHours).toBeNull();
  });
});

describe('quiet hours 21:00–08:00, deferred to 08:30', () => {
  it.each([
    ['2026-05-13T20:59:59', false],
    ['2026-05-13T21:00:00', true],
    ['2026-05-13T23:59:59', true],
    ['2026-05-14T00:00:00', true],
    ['2026-05-14T07:59:59', true],
    ['2026-05-14T08:00:00', false],
    ['2026-05-14T08:30:00', false],
  ])('%s quiet: %s', (local, quiet) => {
    expect(cal.isQuietHour(sh(local))).toBe(quiet);
  });

  it('delivers outside quiet hours at once and inside them at the next 08:30', () => {
    expect(cal.deliverAt(sh('2026-05-13T20:59:00'))).toEqual(sh('2026-05-13T20:59:00'));
    expect(cal.deliverAt(sh('2026-05-13T21:00:00'))).toEqual(sh('2026-05-14T08:30:00'));
    expect(cal.deliverAt(sh('2026-05-14T07:59:00'))).toEqual(sh('2026-05-14T08:30:00'));
    expect(cal.deliverAt(sh('2026-05-14T08:00:00'))).toEqual(sh('2026-05-14T08:00:00'));
    // Month end: 23:00 on 31 May waits for 08:30 on 1 June.
    expect(cal.deliverAt(sh('2026-05-31T23:00:00'))).toEqual(sh('2026-06-01T08:30:00'));
    // Quiet hours ignore weekends: Saturday morning is still 08:30.
    expect(cal.deliverAt(sh('2026-05-16T06:00:00'))).toEqual(sh('2026-05-16T08:30:00'));
  });

  it('supports a daytime window and no window', () => {
    const noon = compileWorkCalendar({ workweek: [1], quietHours: { start: '12:00', end: '13:30', deliverAt: '14:00' } });
    expect(noon.isQuietHour(sh('2026-05-13T11:59:00'))).toBe(false);
    expect(noon.deliverAt(sh('2026-05-13T12:10:00'))).toEqual(sh('2026-05-13T14:00:00'));
    const none = compileWorkCalendar({ workweek: [1], quietHours: null });
    expect(none.isQuietHour(sh('2026-05-13T23:00:00'))).toBe(false);
    expect(none.deliverAt(sh('2026-05-13T23:00:00'))).toEqual(sh('2026-05-13T23:00:00'));
  });
});

describe('calendar config validation names the field', () => {
  const base = { workweek: [1, 2, 3, 4, 5], holidays: [], extraWorkdays: [] };
  it.each([
    [{ ...base, workweek: [1, 8] }, 'calendar.workweek[1]'],
    [{ ...base, holidays: ['2026-02-30'] }, 'calendar.holidays[0]'],
    [{ ...base, holidays: ['2026-05-01'], extraWorkdays: ['2026-05-01'] }, 'calendar.extraWorkdays'],
    [{ ...base, quietHours: { start: '21:00', end: '08:00', deliverAt: '07:30' } }, 'calendar.quietHours.deliverAt'],
    [{ ...base, quietHours: { start: '21:00', end: '21:00', deliverAt: '08:30' } }, 'calendar.quietHours.end'],
    [{ ...base, quietHours: { start: '9pm', end: '08:00', deliverAt: '08:30' } }, 'calendar.quietHours.start'],
    [{ ...base, weekend: [6, 7] }, 'calendar.weekend'],
  ])('%j → %s', (raw, field) => {
    expect(() => compileWorkCalendar(raw)).toThrow(`"${field}"`);
  });
});
