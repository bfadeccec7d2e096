// The mini-program's leaderboard: the caller's team's stores, or its people, by visits in a period. The
// caller's team is the team of the store they last recorded a visit at, else their own team.
import { periodRange, type PeriodKind } from '../../domain/leaderboards/index.js';
import type { LeaderboardResponse } from '../../shared/mp-api.js';
import { findUser } from '../../store/repos/users-repo.js';
import { lastStoreOf, visitsPerStore, visitsPerUser } from '../../store/repos/stores-repo.js';
import type { AppDeps } from '../app-deps.js';

const PERIOD_WORDS: Record<PeriodKind, string> = { day: '今日', week: '本周', month: '本月' };

export async function storeLeaderboard(
  deps: AppDeps, caller: { tenantId: string; userId: string }, scope: 'store' | 'team', kind: PeriodKind,
): Promise<LeaderboardResponse> {
  const period = periodRange(kind, deps.clock.now());
  const home = await lastStoreOf(deps.db, caller.tenantId, caller.userId);
  const teamKey = home?.teamKey ?? (await findUser(deps.db, caller.tenantId, caller.userId))?.teamKey ?? null;
  const counts = scope === 'store'
    ? await visitsPerStore(deps.db, caller.tenantId, teamKey, period.start, period.end)
    : await visitsPerUser(deps.db, caller.tenantId, teamKey, period.start, period.end);
  // Ties share a rank (1, 1, 3): equal visits are an equal place.
  const rows = counts.map((r) => ({ ...r, rank: counts.findIndex((x) => x.visits === r.visits) + 1 }));
  return { scope, period: kind, title: `${PERIOD_WORDS[kind]}${scope === 'store' ? '门店' : '店员'}拜访榜`, rows };
}
