// Points rules: report, first report, daily cap, stage moves by the configured stages, and the 7-workday
// streak over the work calendar (the 2026 劳动节 week with its 调休 Saturday).
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/load-rules.js';
import { reportAwards, stageMoveAwards, streakLength, workdayStreak } from '../../src/domain/points/report-points.js';
import { compileStages } from '../../src/domain/stages/stage-catalog.js';
import { DEFAULT_STAGE_CONFIG, DEFAULT_STAGES } from '../../src/domain/stages/stage-ids.js';

const calendar = loadRules().calendar;

describe('points rules', () => {
  const base = { userId: 'u1', reportId: 'r1', reportsTodayBefore: 0, isFirstReport: false, streakDays: 1, today: '2026-05-13' };

  it('pays +50 for the first report ever and +5 per report', () => {
    expect(reportAwards({ ...base, isFirstReport: true }).map((a) => [a.reason, a.points])).toEqual([['first_report', 50], ['report', 5]]);
  });

  it('pays report points for at most three reports a day', () => {
    expect(reportAwards({ ...base, reportsTodayBefore: 2 })).toHaveLength(1);
    expect(reportAwards({ ...base, reportsTodayBefore: 3 })).toEqual([]);
  });

  it('pays +20 each time a streak reaches a multiple of seven workdays, keyed by the streak’s last workday', () => {
    expect(reportAwards({ ...base, streakDays: 7 }).find((a) => a.reason === 'streak_7')?.points).toBe(20);
    expect(reportAwards({ ...base, streakDays: 8 }).find((a) => a.reason === 'streak_7')).toBeUndefined();
    expect(reportAwards({ ...base, streakDays: 14 }).find((a) => a.reason === 'streak_7')?.key).toBe('streak7:u1:2026-05-13');
    // A Saturday report after Friday's seventh day carries Friday's key: the ledger refuses it as a repeat.
    expect(reportAwards({ ...base, today: '2026-05-16', streakDays: 7, streakEndsOn: '2026-05-15' }).find((a) => a.reason === 'streak_7')?.key)
      .toBe('streak7:u1:2026-05-15');
  });

  it('pays stage advances and a won deal once per customer', () => {
    const s = DEFAULT_STAGES;
    expect(stageMoveAwards({ from: 'demo', to: 'negotiation', customerId: 'c', ref: 'x' }, s).map((a) => a.points)).toEqual([5]);
    expect(stageMoveAwards({ from: 'contract', to: 'won', customerId: 'c', ref: 'x' }, s).map((a) => a.key)).toEqual(['advance:x', 'won:c']);
    expect(stageMoveAwards({ from: 'negotiation', to: 'demo', customerId: 'c', ref: 'x' }, s)).toEqual([]);
    expect(stageMoveAwards({ from: null, to: 'demo', customerId: 'c', ref: 'x' }, s)).toEqual([]);
    expect(stageMoveAwards({ from: 'negotiation', to: 'lost', customerId: 'c', ref: 'x' }, s)).toEqual([]);
  });

  it('pays the won bonus for the stage flagged won in a custom stage file', () => {
    const custom = compileStages({
      stages: DEFAULT_STAGE_CONFIG.stages.map((st) => (st.id === 'won' ? { ...st, id: 'signed', label: '已签约' } : st)),
    });
    expect(stageMoveAwards({ from: 'contract', to: 'signed', customerId: 'c', ref: 'x' }, custom).map((a) => a.reason)).toEqual(['stage_advance', 'won']);
    expect(stageMoveAwards({ from: 'contract', to: 'won', customerId: 'c', ref: 'x' }, custom)).toEqual([]);
  });
});

describe('workday streaks', () => {
  it('counts consecutive workdays ending today; a missed workday ends the run', () => {
    // 2026-03-11 is a Wednesday.
    expect(streakLength(['2026-03-11', '2026-03-10', '2026-03-09', '2026-03-06'], '2026-03-11', calendar)).toBe(4);
    expect(streakLength(['2026-03-11', '2026-03-10', '2026-03-09', '2026-03-05'], '2026-03-11', calendar)).toBe(3);
    expect(streakLength(['2026-03-10'], '2026-03-11', calendar)).toBe(0);
  });

  it('reaches seven for a Monday–Friday rep: weekends neither count nor break', () => {
    const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10'];
    expect(workdayStreak(days, '2026-03-10', calendar)).toEqual({ days: 7, lastDay: '2026-03-10' });
    // On the Saturday before, the streak is the week's five, alive through Friday.
    expect(workdayStreak(days.slice(0, 5), '2026-03-07', calendar)).toEqual({ days: 5, lastDay: '2026-03-06' });
  });

  it('runs through the 劳动节 holiday week and counts its 调休 Saturday', () => {
    // 2026-05-01 … 05-05 are holidays; Saturday 05-09 is a 调休 workday.
    const before = ['2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30'];
    const after = ['2026-05-06', '2026-05-07', '2026-05-08'];
    expect(workdayStreak([...before, ...after], '2026-05-08', calendar)).toEqual({ days: 7, lastDay: '2026-05-08' });
    // A report on a holiday is welcome but is no workday.
    expect(streakLength([...before, '2026-05-02', ...after], '2026-05-08', calendar)).toBe(7);
    // The 调休 Saturday counts ...
    expect(streakLength([...before, ...after, '2026-05-09', '2026-05-11'], '2026-05-11', calendar)).toBe(9);
    // ... and missing it ends the run, although it is a Saturday.
    expect(streakLength([...before, ...after, '2026-05-11'], '2026-05-11', calendar)).toBe(1);
  });
});
