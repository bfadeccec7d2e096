// Where 试一试's clock starts: now during weekday office hours, else 10:00 (Shanghai) the next weekday.
import { describe, expect, it } from 'vitest';
import { officeHoursStart } from '../../scripts/simulator/session.js';

const sh = (local: string) => new Date(`${local}+08:00`);

describe('officeHoursStart', () => {
  it.each([
    ['2026-12-07T09:00:00', '2026-12-07T09:00:00'], // Monday 09:00: now
    ['2026-12-07T18:59:00', '2026-12-07T18:59:00'],
    ['2026-12-07T07:30:00', '2026-12-07T10:00:00'], // before work: this morning
    ['2026-12-07T21:00:00', '2026-12-08T10:00:00'], // evening: tomorrow
    ['2026-12-11T20:00:00', '2026-12-14T10:00:00'], // Friday evening: Monday
    ['2026-12-12T11:00:00', '2026-12-14T10:00:00'], // Saturday: Monday
    ['2026-12-13T02:00:00', '2026-12-14T10:00:00'], // Sunday night
  ])('%s → %s', (now, want) => {
    expect(officeHoursStart(sh(now)).toISOString()).toBe(sh(want).toISOString());
  });
});
