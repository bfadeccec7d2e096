// Commitment texts carry their absolute due date; 改期 answers resolve by the report date rules.
import { describe, expect, it } from 'vitest';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { monthDay, readNewDueDate, rescheduledText, withDueDate } from '../../src/domain/commitments/due-text.js';

const { dates } = loadReportRules();
const sh = (local: string) => new Date(`${local}+08:00`);

describe('due date in the text', () => {
  const cases: [string, string, string][] = [
    ['周五前发方案', '2026-12-11', '周五前发方案(12月11日)'],
    ['今天下班前发方案', '2026-12-07', '今天下班前发方案(12月7日)'],
    ['下周三去签合同', '2026-12-16', '下周三去签合同(12月16日)'],
    ['明天寄样品', '2026-12-08', '明天寄样品(12月8日)'],
    ['15号发报价', '2026-12-15', '15号发报价(12月15日)'],
    ['月底前回款', '2026-12-31', '月底前回款(12月31日)'],
    ['下个月5号签约', '2027-01-05', '下个月5号签约(1月5日)'],
    // Already absolute, or no date words at all: left as they are.
    ['12月11日前发方案', '2026-12-11', '12月11日前发方案'],
    ['发方案', '2026-12-11', '发方案'],
    // Never twice.
    ['周五前发方案(12月11日)', '2026-12-11', '周五前发方案(12月11日)'],
  ];
  it.each(cases)('%s due %s → %s', (text, due, expected) => {
    expect(withDueDate(text, due, dates)).toBe(expected);
  });

  it('writes month and day without leading zeros', () => {
    expect(monthDay('2027-01-05')).toBe('1月5日');
  });
});

describe('a rescheduled text drops the old date words', () => {
  it.each([
    ['周五前发方案(12月11日)', '2026-12-16', '发方案(12月16日)'],
    ['下周三去签合同(12月16日)', '2026-12-23', '去签合同(12月23日)'],
    ['发报价', '2026-12-18', '发报价(12月18日)'],
    ['周五前', '2026-12-18', '周五前(12月18日)'],
  ])('%s → %s', (text, due, expected) => {
    expect(rescheduledText(text, due, dates)).toBe(expected);
  });
});

describe('the answer to 改到哪天', () => {
  const monday = sh('2026-12-07T10:00:00'); // a Monday
  it.each([
    ['改到下周三', '2026-12-16'],
    ['下周五', '2026-12-18'],
    ['周三', '2026-12-09'],
    ['明天', '2026-12-08'],
    ['12月20日', '2026-12-20'],
    ['改到20号吧', '2026-12-20'],
    ['三天后', '2026-12-10'],
    ['今天', '2026-12-07'],
  ])('%s → %s', (text, due) => {
    expect(readNewDueDate(text, monday, dates)).toEqual({ kind: 'date', due });
  });
  it('tells vague, past and missing dates apart', () => {
    expect(readNewDueDate('下个月中旬', monday, dates)).toEqual({ kind: 'vague' });
    expect(readNewDueDate('昨天', monday, dates)).toEqual({ kind: 'past' });
    expect(readNewDueDate('好的', monday, dates)).toEqual({ kind: 'none' });
  });
});
