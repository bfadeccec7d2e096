import { describe, expect, it } from 'vitest';
import { reportAwards, stageMoveAwards, streakLength } from '../../src/domain/points/report-points.js';

describe('points rules', () => {
  const base = { userId: 'u1', reportId: 'r1', reportsTodayBefore: 0, isFirstReport: false, streakDays: 1, today: '2026-05-13' };

  it('pays +50 for the first report ever and +5 per report', () => {
    expect(reportAwards({ ...base, isFirstReport: true }).map((a) => [a.reason, a.points])).toEqual([['first_report', 50], ['report', 5]]);
  });

  it('pays report points for at most three reports a day', () => {
    expect(reportAwards({ ...base, reportsTodayBefore: 2 })).toHaveLength(1);
    expect(reportAwards({ ...base, reportsTodayBefore: 3 })).toEqual([]);
  });

  it('pays +20 each time a streak reaches a multiple of seven days', () => {
    expect(reportAwards({ ...base, streakDays: 7 }).find((a) => a.reason === 'streak_7')?.points).toBe(20);
    expect(reportAwards({ ...base, streakDays: 8 }).find((a) => a.reason === 'streak_7')).toBeUndefined();
    expect(reportAwards({ ...base, streakDays: 14 }).find((a) => a.reason === 'streak_7')?.key).toBe('streak7:u1:2026-05-13');
  });

  it('counts consecutive days ending today', () => {
    expect(streakLength(['2026-05-13', '2026-05-12', '2026-05-11', '2026-05-09'], '2026-05-13')).toBe(3);
    expect(streakLength(['2026-05-12'], '2026-05-13')).toBe(0);
    expect(streakLength(['2026-03-01', '2026-02-28'], '2026-03-01')).toBe(2);
  });

  it('pays stage advances and a won deal once per customer', () => {
    expect(stageMoveAwards({ from: 'demo', to: 'negotiation', customerId: 'c', ref: 'x' }).map((a) => a.points)).toEqual([5]);
    expect(stageMoveAwards({ from: 'contract', to: 'won', customerId: 'c', ref: 'x' }).map((a) => a.key)).toEqual(['advance:x', 'won:c']);
    expect(stageMoveAwards({ from: 'negotiation', to: 'demo', customerId: 'c', ref: 'x' })).toEqual([]);
    expect(stageMoveAwards({ from: null, to: 'demo', customerId: 'c', ref: 'x' })).toEqual([]);
    expect(stageMoveAwards({ from: 'negotiation', to: 'lost', customerId: 'c', ref: 'x' })).toEqual([]);
  });
});
