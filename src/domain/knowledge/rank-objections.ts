// Each industry's most frequent objections (the weekly report's "top objections by industry"). Pure.

export interface IndustryObjections {
  /** null: customers without an industry (or reports without a customer). */
  industry: string | null;
  /** Reports with at least one objection in the period. */
  reports: number;
  /** Most raised first (ties: topic id order); `reports` counts each report once per topic. */
  top: { topic: string; reports: number }[];
}

export function rankObjections(
  counts: readonly { industry: string | null; topic: string; reports: number }[],
  totals: readonly { industry: string | null; reports: number }[],
  perIndustry = 3,
): IndustryObjections[] {
  const byIndustry = new Map<string | null, { topic: string; reports: number }[]>();
  for (const c of counts) {
    const list = byIndustry.get(c.industry) ?? [];
    list.push({ topic: c.topic, reports: c.reports });
    byIndustry.set(c.industry, list);
  }
  const total = new Map(totals.map((t) => [t.industry, t.reports]));
  return [...byIndustry.entries()]
    .map(([industry, list]) => ({
      industry,
      reports: total.get(industry) ?? Math.max(...list.map((l) => l.reports)),
      top: [...list].sort((a, b) => b.reports - a.reports || a.topic.localeCompare(b.topic)).slice(0, perIndustry),
    }))
    // Named industries by volume; the unknown bucket last.
    .sort((a, b) => Number(a.industry === null) - Number(b.industry === null) || b.reports - a.reports || String(a.industry).localeCompare(String(b.industry)));
}
