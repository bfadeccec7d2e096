// Counting what the period's battle reports and losses say: objection topics, competitors, lost reasons,
// and the objections per industry. Pure; every list is ordered by count, then by key, so the same facts
// always give the same report.

export interface Counted {
  readonly key: string;
  readonly count: number;
}

/** Counts the keys (each occurrence once), most frequent first, at most `n`. */
export function topCounts(keys: Iterable<string>, n = Infinity): Counted[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n);
}

export interface ReportFacts {
  /** The report's objections (topic ids); a topic raised twice in one report counts once. */
  readonly objectionTopics: readonly string[];
  readonly competitors: readonly string[];
}

/** Objection topics over reports: how many reports met each. */
export function objectionCounts(reports: readonly ReportFacts[], n = 3): Counted[] {
  return topCounts(reports.flatMap((r) => [...new Set(r.objectionTopics)]), n);
}

/** Competitors named over reports: how many reports named each (spelling trimmed, empty names dropped). */
export function competitorCounts(reports: readonly ReportFacts[], n = 3): Counted[] {
  return topCounts(reports.flatMap((r) => [...new Set(r.competitors.map((c) => c.trim()).filter(Boolean))]), n);
}

/** Losses by reason; a loss nobody gave a reason for counts under `unknown`. */
export function lostReasonCounts(reasons: readonly (string | null)[], unknown: string, n = 3): Counted[] {
  return topCounts(reasons.map((r) => r ?? unknown), n);
}

export interface IndustryObjections {
  readonly industry: string;
  /** Reports of the industry that carried an objection. */
  readonly reports: number;
  readonly top: readonly Counted[];
}

/**
 * The top `perIndustry` objections of each industry (customers without one under `unclassified`), the
 * industries with the most objection-carrying reports first, at most `industries` of them.
 */
export function industryTopObjections(
  rows: readonly { industry: string | null; objectionTopics: readonly string[] }[],
  unclassified: string,
  opts: { perIndustry?: number; industries?: number } = {},
): IndustryObjections[] {
  const byIndustry = new Map<string, (readonly string[])[]>();
  for (const r of rows) {
    if (r.objectionTopics.length === 0) continue;
    const industry = r.industry?.trim() || unclassified;
    byIndustry.set(industry, [...(byIndustry.get(industry) ?? []), r.objectionTopics]);
  }
  return [...byIndustry.entries()]
    .map(([industry, reports]) => ({ industry, reports: reports.length, top: objectionCounts(reports.map((t) => ({ objectionTopics: t, competitors: [] })), opts.perIndustry ?? 3) }))
    .sort((a, b) => b.reports - a.reports || (a.industry < b.industry ? -1 : a.industry > b.industry ? 1 : 0))
    .slice(0, opts.industries ?? 5);
}
