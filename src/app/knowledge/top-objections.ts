// For the weekly team report: each industry's top objections since a date (the report passes 90 days
// back), from confirmed battle reports; `authors` narrows it to a team's people.
import { rankObjections, type IndustryObjections } from '../../domain/knowledge/rank-objections.js';
import type { Queryable } from '../../store/database.js';
import { objectionCounts, reportsWithObjections } from '../../store/repos/knowledge-repo.js';
import { topicLabels } from '../messages.js';

export interface IndustryObjectionsView extends IndustryObjections {
  top: { topic: string; label: string; reports: number }[];
}

export async function topObjectionsByIndustry(
  q: Queryable,
  tenantId: string,
  since: Date,
  opts: { authors?: readonly string[] | null; perIndustry?: number } = {},
): Promise<IndustryObjectionsView[]> {
  const authors = opts.authors ?? null;
  const [counts, totals] = [await objectionCounts(q, tenantId, since, authors), await reportsWithObjections(q, tenantId, since, authors)];
  return rankObjections(counts, totals, opts.perIndustry ?? 3).map((i) => ({
    ...i,
    top: i.top.map((t) => ({ ...t, label: topicLabels[t.topic] ?? t.topic })),
  }));
}
