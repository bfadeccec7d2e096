// Progress against targets, pure: periods (month, quarter), workdays from the work calendar, zero targets,
// metrics without a target, and progress past 100 %.
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/load-rules.js';
import { parseTargetPeriod, periodKeysAt } from '../../src/domain/targets/target-period.js';
import { metricProgress, sumActuals, targetProgress, workdaysBetween, type Actuals, type TargetValues } from '../../src/domain/targets/target-progress.js';
import { targetTexts } from '../../src/app/targets/target-texts.js';
import { formatAmountWan } from '../../src/domain/reports/format.js';

const cal = loadRules().calendar;
const dec = parseTargetPeriod('2026-12')!;
const q4 = parseTargetPeriod('2026-Q4')!;
const target: TargetValues = { wonAmount: 2_000_000, newCustomers: 5, visits: null, reports: 20 };
const actual: Actuals = { wonAmount: 800_000, newCustomers: 3, visits: 7, reports: 20 };

describe('target periods', () => {
  it('reads months and quarters in Shanghai time', () => {
    expect(dec).toMatchObject({ kind: 'month', firstDate: '2026-12-01', lastDate: '2026-12-31', label: '2026年12月' });
    expect(dec.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(dec.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(q4).toMatchObject({ kind: 'quarter', firstDate: '2026-10-01', lastDate: '2026-12-31', label: '2026年第4季度' });
    expect(parseTargetPeriod('2027-Q1')).toMatchObject({ firstDate: '2027-01-01', lastDate: '2027-03-31' });
    expect(parseTargetPeriod('2028-02')!.lastDate).toBe('2028-02-29');
  });

  it('refuses anything else', () => {
    for (const bad of ['2026-13', '2026-00', '2026-1', '2026-Q5', '2026-q4', '26-12', '2026-12-01', '1999-12', '', '2026-Q0']) {
      expect(parseTargetPeriod(bad), bad).toBeNull();
    }
  });

  it('names the month and quarter of an instant', () => {
    // 16:30Z on 12-31 is already 1 January in Shanghai.
    expect(periodKeysAt(new Date('2026-12-31T16:30:00Z'))).toEqual({ month: '2027-01', quarter: '2027-Q1' });
    expect(periodKeysAt(new Date('2026-12-02T02:00:00Z'))).toEqual({ month: '2026-12', quarter: '2026-Q4' });
  });
});

describe('workdays', () => {
  it('counts the calendar’s workdays, holidays and 调休 included', () => {
    expect(workdaysBetween(dec.firstDate, dec.lastDate, cal)).toBe(23);
    // October: 国庆 1–7 off, Saturday 10-10 worked.
    expect(workdaysBetween('2026-10-01', '2026-10-31', cal)).toBe(18);
    expect(workdaysBetween(q4.firstDate, q4.lastDate, cal)).toBe(18 + 21 + 23);
    expect(workdaysBetween('2026-12-31', '2026-12-01', cal)).toBe(0);
  });

  it('counts today as left; before the period all are left, after it none', () => {
    expect(targetProgress(target, actual, dec, '2026-12-18', cal).workdaysLeft).toBe(10); // a Friday
    expect(targetProgress(target, actual, dec, '2026-12-19', cal).workdaysLeft).toBe(9); // the Saturday after
    expect(targetProgress(target, actual, dec, '2026-11-20', cal)).toMatchObject({ workdays: 23, workdaysLeft: 23, timePercent: 0 });
    expect(targetProgress(target, actual, dec, '2027-01-04', cal)).toMatchObject({ workdaysLeft: 0, timePercent: 100 });
    expect(targetProgress(target, actual, q4, '2026-12-18', cal)).toMatchObject({ workdays: 62, workdaysLeft: 10, timePercent: 83 });
  });
});

describe('progress', () => {
  it('gives actual, percent and what is missing for the metrics with a target', () => {
    const p = targetProgress(target, actual, dec, '2026-12-18', cal);
    expect(p.metrics).toEqual([
      { metric: 'wonAmount', target: 2_000_000, actual: 800_000, percent: 40, missing: 1_200_000, met: false },
      { metric: 'newCustomers', target: 5, actual: 3, percent: 60, missing: 2, met: false },
      { metric: 'reports', target: 20, actual: 20, percent: 100, missing: 0, met: true },
    ]);
    expect(p.met).toBe(false);
    expect(p.timePercent).toBe(56); // 13 of 23 workdays gone
  });

  it('goes past 100 % and never shows 100 % before the target is met', () => {
    expect(metricProgress('visits', 40, 52)).toEqual({ metric: 'visits', target: 40, actual: 52, percent: 130, missing: 0, met: true });
    expect(metricProgress('wonAmount', 200, 199).percent).toBe(99);
    expect(metricProgress('newCustomers', 3, 1).percent).toBe(33);
  });

  it('treats a zero target as met with no percentage', () => {
    expect(metricProgress('reports', 0, 0)).toEqual({ metric: 'reports', target: 0, actual: 0, percent: null, missing: 0, met: true });
    const p = targetProgress({ wonAmount: 0, newCustomers: 0, visits: null, reports: null }, { wonAmount: 0, newCustomers: 2, visits: 0, reports: 0 }, dec, '2026-12-01', cal);
    expect(p.met).toBe(true);
    expect(p.metrics.map((m) => m.percent)).toEqual([null, null]);
  });

  it('sums members into a team', () => {
    expect(sumActuals([actual, { wonAmount: 200_000, newCustomers: 1, visits: 3, reports: 0 }, { ...actual }]))
      .toEqual({ wonAmount: 1_800_000, newCustomers: 7, visits: 17, reports: 40 });
    expect(sumActuals([])).toEqual({ wonAmount: 0, newCustomers: 0, visits: 0, reports: 0 });
  });
});

describe('the chat line', () => {
  it('reads as the product promises', () => {
    const p = targetProgress({ wonAmount: 2_000_000, newCustomers: 5, visits: null, reports: null }, actual, dec, '2026-12-18', cal);
    expect(targetTexts.progressLine('本月', p, formatAmountWan)).toBe('本月赢单 80万/200万 · 新客户 3/5 · 还差 120万赢单、2 个新客户,剩 10 个工作日');
    const done = targetProgress({ wonAmount: null, newCustomers: 3, visits: 5, reports: null }, actual, dec, '2026-12-18', cal);
    expect(targetTexts.progressLine('本季度', done, formatAmountWan)).toBe('本季度新客户 3/3 · 拜访 7/5 · 已全部达成,剩 10 个工作日');
    expect(targetTexts.boardLine('本月', p, formatAmountWan)).toBe('**本月目标** 赢单 80万/200万(40%) · 新客户 3/5(60%) · 剩 10 个工作日');
  });
});
