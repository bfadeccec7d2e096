// Points rules of the product spec (pure): what a confirmed report or a stage move earns. Every award
// has a stable key, so the ledger can refuse duplicates and re-processing never pays twice.
import { isAdvance, type StageId } from '../stages/stage-ids.js';

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

/** Points for moving a customer's stage (from a report or a stage card). */
export function stageMoveAwards(m: { from: StageId | null; to: StageId; customerId: string; ref: string }): PointsAward[] {
  const awards: PointsAward[] = [];
  // Setting a first stage is not an advance, except straight into won.
  if (m.from !== null && isAdvance(m.from, m.to)) awards.push({ key: `advance:${m.ref}`, reason: 'stage_advance', points: POINTS.stageAdvance });
  if (m.to === 'won' && m.from !== 'won') awards.push({ key: `won:${m.customerId}`, reason: 'won', points: POINTS.won });
  return awards;
}

export function reportAwards(r: {
  userId: string;
  reportId: string;
  /** Reports the user confirmed earlier on the same Asia/Shanghai day. */
  reportsTodayBefore: number;
  isFirstReport: boolean;
  /** Consecutive days with a report, ending today and including it. */
  streakDays: number;
  today: string;
}): PointsAward[] {
  const awards: PointsAward[] = [];
  if (r.isFirstReport) awards.push({ key: `first-report:${r.userId}`, reason: 'first_report', points: POINTS.firstReport });
  if (r.reportsTodayBefore < POINTS.reportsPerDay) awards.push({ key: `report:${r.reportId}`, reason: 'report', points: POINTS.report });
  if (r.streakDays > 0 && r.streakDays % 7 === 0) {
    awards.push({ key: `streak7:${r.userId}:${r.today}`, reason: 'streak_7', points: POINTS.streak7 });
  }
  return awards;
}

/** Length of the run of consecutive calendar days ending at `today`, from distinct YYYY-MM-DD dates. */
export function streakLength(days: readonly string[], today: string): number {
  const set = new Set(days);
  let n = 0;
  const d = new Date(`${today}T00:00:00Z`);
  while (set.has(d.toISOString().slice(0, 10))) {
    n++;
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return n;
}
