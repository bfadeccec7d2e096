// Finds the dates of a note and resolves them against the recording day (spec "Dates"): relative days,
// N天后, weekdays of this/next week, 月底, X号, X月Y号. Vague spans are found too, so they are consumed
// whole and give no date. Pure: the recording day comes in as a day number (see calendar.ts).
import { addMonths, dayFromYmd, lastDayOfMonth, weekdayOf, ymdOf } from './calendar.js';
import { parseChineseNumber } from './chinese-number.js';
import {
  charSet, compileCueList, escapeRe, invalidRules, isObject, resolveOverlaps, section, stringList,
  type CueList, type Labelled,
} from './cue-list.js';

export type DateKind = 'relative' | 'offset' | 'weekday' | 'monthEnd' | 'monthDay' | 'dayOfMonth' | 'vague';

export interface DateMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Day number (calendar.ts), or null for a vague span. */
  readonly day: number | null;
  readonly kind: DateKind;
  /** This week's weekday or this month's day had passed, so the next one was taken. */
  readonly rolled: boolean;
  /** Said as a deadline ("周五前", "月底之前"); the 前 is part of the mention. */
  readonly deadline: boolean;
}

type WeekPrefix = 'this' | 'next' | 'afterNext' | 'last';

export interface DateRules {
  readonly relative: ReadonlyMap<string, number>;
  readonly matchers: readonly { kind: DateKind; re: RegExp }[];
  readonly vague: CueList;
  readonly weekPrefix: ReadonlyMap<string, WeekPrefix>;
  readonly dayBlockers: ReadonlySet<string>;
  readonly timesOfDay: ReadonlyMap<string, number>;
  readonly timeOfDay: RegExp;
  /** Every time of day in a text ("下午两点"), never part of a name. */
  readonly timesOfDayAll: RegExp;
}

const NUM = '[0-9]{1,2}|[一二两三四五六七八九十]{1,3}';
const WEEKDAY: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

export function compileDateRules(raw: unknown): DateRules {
  const r = section(raw, 'dates');
  if (!isObject(r.relativeDays)) throw invalidRules('"dates.relativeDays" must be an object');
  const relative = new Map<string, number>();
  for (const [word, offset] of Object.entries(r.relativeDays)) {
    if (typeof offset !== 'number' || !Number.isInteger(offset)) throw invalidRules(`"dates.relativeDays.${word}" must be an integer`);
    relative.set(word, offset);
  }
  const prefixes = section(r, 'weekPrefixes', 'dates.weekPrefixes');
  const weekPrefix = new Map<string, WeekPrefix>();
  for (const key of ['this', 'next', 'afterNext', 'last'] as const) {
    for (const p of stringList(prefixes[key], `dates.weekPrefixes.${key}`)) weekPrefix.set(p, key);
  }
  const alt = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  if (!isObject(r.timesOfDay)) throw invalidRules('"dates.timesOfDay" must be an object');
  const timesOfDay = new Map<string, number>();
  for (const [word, hour] of Object.entries(r.timesOfDay)) {
    if (typeof hour !== 'number' || hour < 0 || hour > 23) throw invalidRules(`"dates.timesOfDay.${word}" must be an hour`);
    timesOfDay.set(word, hour);
  }
  const weekWords = alt(stringList(r.weekWords, 'dates.weekWords'));
  const re = (source: string) => new RegExp(source, 'gu');
  return {
    relative,
    weekPrefix,
    vague: compileCueList(r.vague, 'dates.vague'),
    dayBlockers: charSet(r.dayOfMonthBlockers, 'dates.dayOfMonthBlockers'),
    timesOfDay,
    timeOfDay: new RegExp(`^(?<p>${alt(timesOfDay.keys())})?(?:(?<h>${NUM})点(?<half>半)?)?`, 'u'),
    timesOfDayAll: new RegExp(`(?:${alt(timesOfDay.keys())})(?:(?:${NUM})点半?)?|(?:${NUM})点半?(?!${NUM})`, 'gu'),
    matchers: [
      { kind: 'relative', re: re(alt(relative.keys())) },
      { kind: 'offset', re: re(`(?<n>${NUM}|半)(?<u>天|日|周|个星期|个礼拜|星期|礼拜|个月|个半月)(?:以后|之后|后)|过(?<n2>${NUM})(?<u2>天|周|个星期)`) },
      { kind: 'weekday', re: re(`(?<p>${alt(weekPrefix.keys())})?(?:${weekWords})(?<d>[一二三四五六日天])?`) },
      { kind: 'monthEnd', re: re(`(?:(?<p>这个|本|这|下个|下)|(?<m>${NUM})月?)?月底`) },
      { kind: 'monthDay', re: re(`(?<next>下个月|下月)(?<d2>${NUM})(?:号|日)|(?<m>${NUM})月(?<d>${NUM})(?:号|日)?(?![0-9万千百十一二两三四五六七八九])`) },
      { kind: 'dayOfMonth', re: re(`(?<![0-9一二三四五六七八九十月第型编])(?<d>${NUM})(?:号|日)`) },
    ],
  };
}

export function findDates(folded: string, today: number, rules: DateRules): DateMention[] {
  // Vague spans go first so that, at equal start and length, they win the overlap.
  const found: Labelled<DateMention>[] = rules.vague.find(folded).map((m) => ({
    ...m, label: { ...m, day: null, kind: 'vague' as const, rolled: false, deadline: false },
  }));
  for (const { kind, re } of rules.matchers) {
    for (const m of folded.matchAll(re)) {
      const mention = resolve(kind, m, folded, today, rules);
      if (mention) found.push({ start: mention.start, end: mention.end, text: mention.text, label: mention });
    }
  }
  return resolveOverlaps(found).map((m) => m.label);
}

// "月底前天诚物流…": the 前 of a deadline belongs to the date, so "前天" is not read there.
const DEADLINE = /^(?:之前|以前|前)/;

type Resolved = { day: number | null; rolled?: boolean } | null;

function resolve(kind: DateKind, m: RegExpExecArray, text: string, today: number, rules: DateRules): DateMention | null {
  const g = m.groups ?? {};
  let r: Resolved = null;
  switch (kind) {
    case 'relative': r = { day: today + rules.relative.get(m[0])! }; break;
    case 'offset': r = offset(g.n ?? g.n2!, g.u ?? g.u2!, today); break;
    case 'weekday': r = weekday(g.p === undefined ? undefined : rules.weekPrefix.get(g.p), g.d, today); break;
    case 'monthEnd': r = monthEnd(g.p, g.m, today); break;
    case 'monthDay': r = g.next ? nextMonthDay(num(g.d2!), today) : monthDay(num(g.m!), num(g.d!), today); break;
    case 'dayOfMonth':
      if (rules.dayBlockers.has(text[m.index + m[0].length] ?? '')) return null;
      r = dayOfMonth(num(g.d!), today);
      break;
    case 'vague': return null;
  }
  if (r === null) return null;
  const end = m.index + m[0].length;
  const suffix = r.day === null ? undefined : DEADLINE.exec(text.slice(end))?.[0];
  const full = end + (suffix?.length ?? 0);
  return { start: m.index, end: full, text: text.slice(m.index, full), day: r.day, kind, rolled: r.rolled ?? false, deadline: suffix !== undefined };
}

/** Minutes after midnight of a time of day said at the start of `text` ("下午三点半" → 930), or null. */
export function timeOfDayAt(text: string, rules: DateRules): number | null {
  const g = rules.timeOfDay.exec(text)?.groups;
  if (!g || (g.p === undefined && g.h === undefined)) return null;
  const period = g.p === undefined ? undefined : rules.timesOfDay.get(g.p)!;
  if (g.h === undefined) return period! * 60;
  let hour = num(g.h);
  // "下午三点" is 15:00; "上午十点" stays 10:00.
  if (period !== undefined && period >= 12 && hour < 12) hour += 12;
  return hour * 60 + (g.half ? 30 : 0);
}

const num = (s: string): number => (s === '半' ? 0.5 : (parseChineseNumber(s) ?? NaN));

function offset(n: string, unit: string, today: number): Resolved {
  const v = num(n);
  if (!(v > 0)) return null;
  if (unit === '个月' || unit === '个半月') {
    const months = unit === '个半月' ? v + 0.5 : v;
    return Number.isInteger(months) ? { day: addMonths(today, months) } : { day: addMonths(today, Math.floor(months)) + 15 };
  }
  const days = unit === '天' || unit === '日' ? v : v * 7;
  return Number.isInteger(days) ? { day: today + days } : null;
}

function weekday(prefix: WeekPrefix | undefined, d: string | undefined, today: number): Resolved {
  const monday = today - (weekdayOf(today) - 1);
  if (d === undefined) {
    // 下周 alone = next Monday (spec); 这周/周 alone are no day.
    if (prefix === 'next') return { day: monday + 7 };
    if (prefix === 'afterNext') return { day: monday + 14 };
    if (prefix === 'last') return { day: monday - 7 };
    return null;
  }
  const index = WEEKDAY[d]! - 1;
  if (prefix === 'next') return { day: monday + 7 + index };
  if (prefix === 'afterNext') return { day: monday + 14 + index };
  if (prefix === 'last') return { day: monday - 7 + index };
  const day = monday + index;
  return day < today ? { day: day + 7, rolled: true } : { day };
}

function monthEnd(prefix: string | undefined, month: string | undefined, today: number): Resolved {
  const { y, m } = ymdOf(today);
  if (month !== undefined) {
    const mm = num(month);
    const end = dayFromYmd(y, mm, lastDayOfMonth(y, mm));
    if (end === null) return null;
    return end < today ? { day: dayFromYmd(y + 1, mm, lastDayOfMonth(y + 1, mm)), rolled: true } : { day: end };
  }
  if (prefix === '下个' || prefix === '下') {
    const next = addMonths(dayFromYmd(y, m, 1)!, 1);
    const n = ymdOf(next);
    return { day: dayFromYmd(n.y, n.m, lastDayOfMonth(n.y, n.m)) };
  }
  return { day: dayFromYmd(y, m, lastDayOfMonth(y, m)) };
}

function monthDay(month: number, date: number, today: number): Resolved {
  const { y } = ymdOf(today);
  const day = dayFromYmd(y, month, date);
  if (day === null) return null;
  return day < today ? { day: dayFromYmd(y + 1, month, date), rolled: true } : { day };
}

/** "下个月20号": that day of next month. */
function nextMonthDay(date: number, today: number): Resolved {
  const { y, m } = ymdOf(addMonths(today - ymdOf(today).d + 1, 1));
  const day = dayFromYmd(y, m, date);
  return day === null ? null : { day };
}

function dayOfMonth(date: number, today: number): Resolved {
  const { y, m, d } = ymdOf(today);
  if (!Number.isInteger(date) || date < 1 || date > 31) return null;
  if (date >= d) return { day: dayFromYmd(y, m, date) };
  // Past this month: next month's, or the month after when next month is too short (31号 in April).
  for (let k = 1; k <= 2; k++) {
    const first = ymdOf(addMonths(dayFromYmd(y, m, 1)!, k));
    const day = dayFromYmd(first.y, first.m, date);
    if (day !== null) return { day, rolled: true };
  }
  return null;
}
