// A ranked board for a set of reps over a period, from the store's facts.
import { rankBoard, type Period, type RankedEntry } from '../../domain/leaderboards/index.js';
import { streakLength } from '../../domain/points/report-points.js';
import type { Queryable } from '../../store/database.js';
import { boardFacts } from '../../store/repos/leaderboard-repo.js';

export async function teamBoard(q: Queryable, tenantId: string, userIds: readonly string[], period: Period): Promise<RankedEntry[]> {
  const facts = await boardFacts(q, tenantId, userIds, period.start, period.end);
  return rankBoard(
    facts.map((f) => ({
      userId: f.userId, name: f.name, reports: f.reports, stageAdvances: f.stageAdvances, points: f.points,
      streakDays: streakLength(f.reportDays, period.lastDate),
    })),
  );
}
