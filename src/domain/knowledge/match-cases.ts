// Which rated reports (cases) met the same objection, best first: by topic id (config/topics.jsonc) and by
// words — a typed word found in the case, or an objection quote that shares most of its character pairs
// with the case's quotes. Same industry first, then cases matching on both topic and words, then ★★★
// before ★★, then the newest. Pure.
import type { Objection } from '../reports/battle-report.js';
import type { TopicId } from '../topics/topic-ids.js';

export interface Case {
  reportId: string;
  userId: string;
  repName: string | null;
  customerName: string | null;
  industry: string | null;
  rating: number;
  objections: readonly Objection[];
  competitors: readonly string[];
  transcript: string;
  progress: string;
  createdAt: Date;
}

export interface CaseQuery {
  topics: readonly TopicId[];
  /** Words or quotes to find: typed words (案例 华为) or the objection quotes of a report. */
  phrases: readonly string[];
  industry: string | null;
}

export interface MatchedCase {
  case: Case;
  /** The case's objection that matched (its quote is where the answer starts), null when only its text did. */
  objection: Objection | null;
  sameIndustry: boolean;
  byTopic: boolean;
  byWords: boolean;
}

/** Share of character pairs two quotes have in common (Dice) at which they count as the same objection. */
export const SIMILAR_QUOTES = 0.5;

const bigrams = (s: string): Set<string> => {
  const chars = [...s.replace(/[^\p{L}\p{N}]/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
};

export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/** Whether a phrase is in the case: literally in a quote, the text or a competitor, or like one of its quotes. */
function wordMatch(phrase: string, c: Case): Objection | 'text' | null {
  const p = phrase.trim().toLowerCase();
  if ([...p].length < 2) return null;
  const quoted = c.objections.find((o) => o.quote.toLowerCase().includes(p) || similarity(p, o.quote) >= SIMILAR_QUOTES);
  if (quoted) return quoted;
  if (c.competitors.some((r) => r.toLowerCase() === p)) return c.objections.find((o) => o.topic === 'competitor') ?? 'text';
  return c.transcript.toLowerCase().includes(p) ? 'text' : null;
}

export function matchCase(query: CaseQuery, c: Case): MatchedCase | null {
  const byTopic = c.objections.find((o) => query.topics.includes(o.topic)) ?? null;
  let byWords: Objection | 'text' | null = null;
  for (const p of query.phrases) {
    const m = wordMatch(p, c);
    if (m && (byWords === null || byWords === 'text')) byWords = m;
  }
  if (!byTopic && !byWords) return null;
  const wordObjection = byWords && byWords !== 'text' ? byWords : null;
  return {
    case: c,
    objection: byTopic ?? wordObjection,
    sameIndustry: query.industry !== null && c.industry === query.industry,
    byTopic: byTopic !== null,
    byWords: byWords !== null,
  };
}

export function rankCases(query: CaseQuery, cases: readonly Case[], limit = 3): MatchedCase[] {
  const score = (m: MatchedCase) => [m.sameIndustry ? 1 : 0, (m.byTopic ? 1 : 0) + (m.byWords ? 1 : 0), m.case.rating, m.case.createdAt.getTime()];
  const matched = cases.map((c) => matchCase(query, c)).filter((m): m is MatchedCase => m !== null);
  return matched
    .map((m) => ({ m, s: score(m) }))
    .sort((a, b) => {
      for (let i = 0; i < a.s.length; i++) if (a.s[i] !== b.s[i]) return b.s[i]! - a.s[i]!;
      return a.m.case.reportId < b.m.case.reportId ? -1 : 1;
    })
    .slice(0, limit)
    .map((x) => x.m);
}
