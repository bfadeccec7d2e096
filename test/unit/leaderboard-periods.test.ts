// Board periods in Asia/Shanghai with a fixed clock: day/week/month edges, year end, Sunday→Monday.
import { describe, expect, it } from 'vitest';
import { boardTitle, periodRange, previousWeek } from '../../src/domain/leaderboards/periods.js';

const at = (iso: string): Date => new Date(iso);
const span = (p: { start: Date; end: Date }): [string, string] => [p.start.toISOString(), p.end.toISOString()];

describe('periodRange', () => {
  it('uses the Shanghai day, not the UTC day', () => {
    // 2026-11-22T16:30Z is 00:30 on Monday 23 Nov in Shanghai.
    const p = periodRange('day', at('2026-11-22T16:30:00Z'));
    expect(span(p)).toEqual(['2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z']);
    expect([p.firstDate, p.lastDate, p.label]).toEqual(['2026-11-23', '2026-11-23', '11月23日']);
    expect(boardTitle(p)).toBe('今日战报之星 11月23日');
  });

  it('runs weeks Monday–Sunday and switches at Shanghai midnight Sunday→Monday', () => {
    const sundayLate = periodRange('week', at('2026-11-22T15:59:59.999Z')); // Sun 23:59:59.999
    const mondayEarly = periodRange('week', at('2026-11-22T16:00:00Z')); // Mon 00:00
    expect([sundayLate.firstDate, sundayLate.lastDate]).toEqual(['2026-11-16', '2026-11-22']);
    expect([mondayEarly.firstDate, mondayEarly.lastDate]).toEqual(['2026-11-23', '2026-11-29']);
    expect(sundayLate.end.getTime()).toBe(mondayEarly.start.getTime());
  });

  it('gives the Monday 09:00 board the previous full week', () => {
    const p = previousWeek(at('2026-11-23T01:00:00Z')); // Mon 23 Nov 09:00 Shanghai
    expect(span(p)).toEqual(['2026-11-15T16:00:00.000Z', '2026-11-22T16:00:00.000Z']);
    expect(boardTitle(p, 'previous')).toBe('上周战报榜 11月16日–11月22日');
    // A Sunday still refers to the week before the current one.
    expect(previousWeek(at('2026-11-22T10:00:00Z')).firstDate).toBe('2026-11-09');
  });

  it('crosses month and year ends', () => {
    const week = previousWeek(at('2027-01-04T01:00:00Z')); // Mon 4 Jan 2027
    expect([week.firstDate, week.lastDate, week.label]).toEqual(['2026-12-28', '2027-01-03', '12月28日–1月3日']);
    const dec = periodRange('month', at('2026-12-31T15:59:00Z')); // 31 Dec 23:59 Shanghai
    expect([dec.firstDate, dec.lastDate, dec.label]).toEqual(['2026-12-01', '2026-12-31', '2026年12月']);
    expect(dec.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    const jan = periodRange('month', at('2026-12-31T16:00:00Z')); // 1 Jan 00:00 Shanghai
    expect(jan.firstDate).toBe('2027-01-01');
    expect(periodRange('month', at('2028-02-10T00:00:00Z')).lastDate).toBe('2028-02-29');
    expect(boardTitle(jan)).toBe('本月排行');
  });
});
