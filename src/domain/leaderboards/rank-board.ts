// Leaderboard ranking (pure): rows of per-rep period totals → ranked entries. The order is total and
// deterministic so two servers (or a re-run of a job) always publish the same board.

export interface BoardRow {
  userId: string;
  name: string;
  /** Battle reports confirmed in the period. */
  reports: number;
  /** Stage advances in the period. */
  stageAdvances: number;
  /** Points earned in the period (ledger sum). */
  points: number;
  /** Current report streak in days, as of the end of the period. */
  streakDays: number;
  storeVisits?: number;
}

export interface RankedEntry extends BoardRow {
  /** Competition rank (1, 1, 3): shared when points, reports and stage advances are all equal. */
  rank: number;
}

export interface RankOptions {
  /** Leave out reps with no points, reports or stage advances in the period. Default false. */
  omitInactive?: boolean;
  /** Keep only the first `limit` entries (after ranking, so ranks stay true). */
  limit?: number;
}

// Code-point comparison for userId: localeCompare could call distinct ids equal.
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const zh = new Intl.Collator('zh-CN');

function sameScore(a: BoardRow, b: BoardRow): boolean {
  return a.points === b.points && a.reports === b.reports && a.stageAdvances === b.stageAdvances;
}

export function compareRows(a: BoardRow, b: BoardRow): number {
  return (
    b.points - a.points ||
    b.reports - a.reports ||
    b.stageAdvances - a.stageAdvances ||
    zh.compare(a.name, b.name) ||
    byCodePoint(a.name, b.name) ||
    byCodePoint(a.userId, b.userId)
  );
}

export function rankBoard(rows: readonly BoardRow[], opts: RankOptions = {}): RankedEntry[] {
  const seen = new Set<string>();
  for (const r of rows) {
    // A duplicate would mean the caller's aggregation is wrong; ranking it would hide that.
    if (seen.has(r.userId)) throw new Error(`leaderboard: duplicate userId ${r.userId}`);
    seen.add(r.userId);
    for (const n of [r.points, r.reports, r.stageAdvances, r.streakDays]) {
      if (!Number.isFinite(n)) throw new Error(`leaderboard: non-numeric score for ${r.userId}`);
    }
  }
  const kept = opts.omitInactive ? rows.filter((r) => r.points !== 0 || r.reports !== 0 || r.stageAdvances !== 0) : rows;
  const sorted = [...kept].sort(compareRows);
  const ranked: RankedEntry[] = [];
  sorted.forEach((row, i) => {
    const prev = ranked[i - 1];
    ranked.push({ ...row, rank: prev && sameScore(prev, row) ? prev.rank : i + 1 });
  });
  return opts.limit === undefined ? ranked : ranked.slice(0, Math.max(0, opts.limit));
}
