// 战报提交率 (docs/product.md "Weekly and monthly team reports"): workdays with at least one confirmed
// report ÷ workdays in the period, per rep and for the team (the reps' days over reps × workdays).
// Pure; the work calendar decides what a workday is, so a report written on a Sunday adds nothing.

export interface Share {
  readonly n: number;
  readonly of: number;
}

export interface RepSubmission {
  readonly userId: string;
  readonly name: string;
  /** Workdays with a report, of the period's workdays. */
  readonly days: Share;
}

export interface Submission {
  readonly team: Share;
  /** Best first, then by name. */
  readonly reps: readonly RepSubmission[];
  readonly workdays: number;
}

export function submissionRate(
  reps: readonly { userId: string; name: string; reportDates: readonly string[] }[],
  workdays: readonly string[],
): Submission {
  const work = new Set(workdays);
  const rows = reps.map((r) => ({ userId: r.userId, name: r.name, days: { n: new Set(r.reportDates.filter((d) => work.has(d))).size, of: work.size } }));
  rows.sort((a, b) => b.days.n - a.days.n || a.name.localeCompare(b.name, 'zh-CN') || (a.userId < b.userId ? -1 : 1));
  return { team: { n: rows.reduce((s, r) => s + r.days.n, 0), of: rows.length * work.size }, reps: rows, workdays: work.size };
}

/** A share in whole percent, null when there is nothing to divide by. */
export const sharePercent = (s: Share): number | null => (s.of === 0 ? null : Math.round((s.n / s.of) * 100));
