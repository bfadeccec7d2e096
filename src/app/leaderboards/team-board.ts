// A ranked board for a set of reps over a period, from the store's facts.
import type { WorkCalendar } from '../../domain/calendar/work-calendar.js';
import { rankBoard, type Period, type RankedEntry } from '../../domain/leaderboards/index.js';
import { streakLength } from '../../domain/points/report-points.js';
import type { Queryable } from '../../store/database.js';
import { boardFacts } from '../../store/repos/leaderboard-repo.js';

/** `calendar`: streaks count workdays (config/rules.jsonc calendar). */
export async function teamBoard(
  q: Queryable, tenantId: string, userIds: readonly string[], period: Period, calendar: Pick<WorkCalendar, 'isWorkday'>,
): Promise<RankedEntry[]> {
  const facts = await boardFacts(q, tenantId, userIds, period.start, period.end);
  return rankBoard(
    facts.map((f) => ({
      userId: f.userId, name: f.name, reports: f.reports, stageAdvances: f.stageAdvances, points: f.points,
      streakDays: streakLength(f.reportDays, period.lastDate, calendar),
    })),
  );
}
