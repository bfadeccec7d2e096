// A commitment's text carries its absolute due date ("周五前发方案(12月11日)"), so it still reads right
// weeks later; and 改期 answers in plain words ("改到下周三") resolve to a date by the report date rules.
import { isoDay, shanghaiDay } from '../reports/calendar.js';
import { findDates, type DateRules } from '../reports/dates.js';
import { foldText } from '../reports/text.js';

/** "12月11日" for 2026-12-11. */
export function monthDay(due: string): string {
  const [, m, d] = due.split('-').map(Number);
  return `${m}月${d}日`;
}

const DATE_SUFFIX = /[(（]\d{1,2}月\d{1,2}日[)）]$/u;

/**
 * The text with "(M月D日)" appended when it says its date in relative words (今天, 周五前, 下周三, 15号 …);
 * text with no date words, an explicit month and day, or the suffix already is returned as it is.
 */
export function withDueDate(text: string, due: string, dates: DateRules): string {
  const trimmed = text.trim();
  if (DATE_SUFFIX.test(trimmed)) return trimmed;
  const relative = findDates(foldText(trimmed), 0, dates).some((m) => m.kind !== 'monthDay' || m.text.startsWith('下'));
  return relative ? `${trimmed}(${monthDay(due)})` : trimmed;
}

/**
 * The text of a rescheduled commitment: its old date words and suffix removed ("周五前发方案(12月11日)"
 * → "发方案"), then the new date appended, so the promise never shows a day it no longer has.
 */
export function rescheduledText(description: string, due: string, dates: DateRules): string {
  const base = description.trim().replace(DATE_SUFFIX, '');
  let rest = '';
  let from = 0;
  for (const m of findDates(foldText(base), 0, dates)) {
    rest += base.slice(from, m.start);
    from = m.end;
  }
  rest = (rest + base.slice(from)).replace(/^[\s,，、:：]+|[\s,，、:：]+$/gu, '');
  return `${rest || base}(${monthDay(due)})`;
}

export type DateAnswer =
  | { kind: 'date'; due: string }
  /** "下个月" / "过两天": no day to hold the rep to. */
  | { kind: 'vague' }
  /** Only days already gone ("昨天"). */
  | { kind: 'past' }
  | { kind: 'none' };

/** The new due date in an answer to "改到哪天?", read relative to when it was said (Asia/Shanghai). */
export function readNewDueDate(text: string, at: Date, dates: DateRules): DateAnswer {
  const today = shanghaiDay(at);
  const found = findDates(foldText(text), today, dates);
  const future = found.find((m) => m.day !== null && m.day >= today);
  if (future) return { kind: 'date', due: isoDay(future.day!) };
  if (found.some((m) => m.day === null)) return { kind: 'vague' };
  return found.length > 0 ? { kind: 'past' } : { kind: 'none' };
}
