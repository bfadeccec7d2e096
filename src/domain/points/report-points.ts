// Points rules of the product spec (pure): what a confirmed report or a stage move earns. Every award
// has a stable key, so the ledger can refuse duplicates and re-processing never pays twice.
import { addDays } from '../calendar/local-time.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { StageCatalog, StageId } from '../stages/stage-catalog.js';

export interface PointsAward {
  key: string;
  reason: 'first_report' | 'report' | 'streak_7' | 'stage_advance' | 'won' | 'rating';
  points: number;
}

export const POINTS = {
  firstReport: 50,
  report: 5,
  reportsPerDay: 3,
  streak7: 20,
  stageAdvance: 5,
  won: 20,
  /** Manager stars: ★ +1, ★★ +5 (knowledge base), ★★★ +10 (标杆案例). */
  stars: { 1: 1, 2: 5, 3: 10 },
} as const;

export function ratingAward(reportId: string, stars: 1 | 2 | 3): PointsAward {
  return { key: `rating:${reportId}`, reason: 'rating', points: POINTS.stars[stars] };
}

/** Points for moving a customer's stage (from a report or a stage card), by the configured stages. */
export function stageMoveAwards(m: { from: StageId | null; to: StageId; customerId: string; ref: string }, stages: StageCatalog): PointsAward[] {
  const awards: PointsAward[] = [];
  // Setting a first stage is not an advance, except straight into won.
  if (m.from !== null && stages.isAdvance(m.from, m.to)) awards.push({ key: `advance:${m.ref}`, reason: 'stage_advance', points: POINTS.stageAdvance });
  if (m.to === stages.won && m.from !== stages.won) awards.push({ key: `won:${m.customerId}`, reason: 'won', points: POINTS.won });
  return awards;
}

export function reportAwards(r: {
  userId: string;
  reportId: string;
  /** Reports the user confirmed earlier on the same Asia/Shanghai day. */
  reportsTodayBefore: number;
  isFirstReport: boolean;
  /** Consecutive workdays with a report (workdayStreak). */
  streakDays: number;
  /** The last workday the streak counted; the award is keyed by it, so a weekend report cannot pay twice. */
  streakEndsOn?: string | null;
  today: string;
}): PointsAward[] {
  const awards: PointsAward[] = [];
  if (r.isFirstReport) awards.push({ key: `first-report:${r.userId}`, reason: 'first_report', points: POINTS.firstReport });
  if (r.reportsTodayBefore < POINTS.reportsPerDay) awards.push({ key: `report:${r.reportId}`, reason: 'report', points: POINTS.report });
  if (r.streakDays > 0 && r.streakDays % 7 === 0) {
    awards.push({ key: `streak7:${r.userId}:${r.streakEndsOn ?? r.today}`, reason: 'streak_7', points: POINTS.streak7 });
  }
  return awards;
}

export interface Streak {
  /** Workdays in a row with a report. */
  days: number;
  /** The latest workday counted; null when the streak is 0. */
  lastDay: string | null;
}

/** A streak this long is a calendar error (no workdays at all), not a rep. */
const MAX_STREAK_SCAN_DAYS = 3_700;

/**
 * The run of workdays with a report, walking back from `today` (YYYY-MM-DD, Asia/Shanghai) over the work
 * calendar: a workday without a report ends it, a weekend, holiday or 调休 day off neither counts nor
 * breaks it (a report on one is welcome but is no workday), and a 调休 Saturday is a workday like any.
 * A Monday–Friday rep therefore reaches 7 on the second Tuesday, and a holiday week does not reset anyone.
 */
export function workdayStreak(reportDays: readonly string[], today: string, calendar: Pick<WorkCalendar, 'isWorkday'>): Streak {
  const reported = new Set(reportDays);
  let days = 0;
  let lastDay: string | null = null;
  let d = today;
  for (let i = 0; i < MAX_STREAK_SCAN_DAYS; i++, d = addDays(d, -1)) {
    if (!calendar.isWorkday(d)) continue;
    if (!reported.has(d)) break;
    days++;
    lastDay ??= d;
  }
  return { days, lastDay };
}

/** The workday streak's length (boards show it as 连续N天). */
export function streakLength(reportDays: readonly string[], today: string, calendar: Pick<WorkCalendar, 'isWorkday'>): number {
  return workdayStreak(reportDays, today, calendar).days;
}
