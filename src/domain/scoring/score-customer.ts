// The lead score (docs/product.md "Manager value", pure): 0–100 with the reasons that made it, from touch
// depth, recency, the stage and its age against the tenant's won deals, budget fit, and topic signals —
// weights from config/scoring.jsonc. Same facts and instant, same score: everything here is read as of `at`.
import type { StageCatalog, StageId } from '../stages/stage-catalog.js';
import type { ScoringBaseline } from './scoring-baseline.js';
import { stageAsOf, type CustomerFacts } from './score-facts.js';
import type { ScoringRules } from './scoring-rules.js';

const DAY_MS = 86_400_000;

export type ReasonCode =
  | 'depth' | 'stage' | 'fresh' | 'stale' | 'never_touched' | 'on_pace' | 'slow_stage' | 'stuck_stage'
  | 'budget_fit' | 'budget_above' | 'budget_below' | 'amount_known'
  | 'topic_contract' | 'topic_decision_maker' | 'topic_budget' | 'competitor' | 'vague' | 'lost_cue';

export interface ScoreReason {
  readonly code: ReasonCode;
  /** What this reason added (negative: took away), before clamping. */
  readonly points: number;
  /** What the text needs (days, counts, a stage id, a competitor or phrase). */
  readonly params: Readonly<Record<string, string | number>>;
}

export interface Score {
  /** Null for closed deals (won, lost) and for customers that did not exist yet at `at`. */
  readonly score: number | null;
  /** Strongest first (by absolute points). */
  readonly reasons: readonly ScoreReason[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function scoreCustomer(facts: CustomerFacts, baseline: ScoringBaseline, at: Date, rules: ScoringRules, stages: StageCatalog): Score {
  if (facts.createdAt.getTime() > at.getTime()) return { score: null, reasons: [] };
  const { stage, since } = stageAsOf(facts, at);
  if (stages.info(stage)?.terminal) return { score: null, reasons: [] };
  const reasons: ScoreReason[] = [];
  const add = (code: ReasonCode, points: number, params: Record<string, string | number> = {}) => {
    if (points !== 0) reasons.push({ code, points: round1(points), params });
  };
  const touches = facts.touches.filter((t) => t.at.getTime() <= at.getTime());
  const reports = facts.reports.filter((r) => r.at.getTime() <= at.getTime());

  depth(touches.map((t) => t.kind), reports.length, rules, add);
  const info = stages.info(stage);
  if (info) add('stage', info.winProbability * rules.stagePerPercent, { stage: info.id });
  recency(touches, at, rules, add);
  if (stage !== null) stageAge(stage, since, at, baseline, rules, add);
  budget(latestAmount(reports) ?? facts.amount, baseline, rules, add);
  signals(touches, reports, at, rules, add);

  const total = rules.base + reasons.reduce((s, r) => s + r.points, 0);
  const sorted = [...reasons].sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.code.localeCompare(b.code));
  return { score: Math.max(0, Math.min(100, Math.round(total))), reasons: sorted };
}

type Add = (code: ReasonCode, points: number, params?: Record<string, string | number>) => void;

function depth(kinds: readonly string[], reports: number, rules: ScoringRules, add: Add): void {
  const w = rules.depth;
  const count = (k: string) => kinds.filter((x) => x === k).length;
  const visits = count('visit');
  const calls = count('call');
  const meetings = count('meeting');
  const raw = visits * w.visit + meetings * w.meeting + calls * w.call + count('online') * w.online + count('message') * w.message + reports * w.report;
  add('depth', Math.min(w.max, raw), { visits, calls, meetings, reports });
}

function recency(touches: CustomerFacts['touches'], at: Date, rules: ScoringRules, add: Add): void {
  const last = Math.max(...touches.map((t) => t.at.getTime()), -Infinity);
  if (last === -Infinity) return add('never_touched', rules.recency.neverTouched);
  const days = Math.floor((at.getTime() - last) / DAY_MS);
  if (days <= rules.recency.freshDays) return add('fresh', rules.recency.fresh, { days });
  const step = [...rules.recency.stale].reverse().find((s) => days >= s.days);
  if (step) add('stale', step.points, { days });
}

function stageAge(stage: StageId, since: Date, at: Date, baseline: ScoringBaseline, rules: ScoringRules, add: Add): void {
  const norm = baseline.stageDays.get(stage);
  const r = rules.stageAge;
  if (!norm || norm.deals < r.minWonDeals) return;
  const days = Math.max(0, (at.getTime() - since.getTime()) / DAY_MS);
  // A median under a day (deals that pass the stage within hours) is read as one day.
  const ratio = days / Math.max(1, norm.medianDays);
  const params = { stage, days: Math.floor(days), medianDays: Math.round(norm.medianDays) };
  if (ratio >= r.stuckRatio) add('stuck_stage', r.stuck, params);
  else if (ratio >= r.slowRatio) add('slow_stage', r.slow, params);
  else add('on_pace', r.onPace, params);
}

function latestAmount(reports: CustomerFacts['reports']): number | null {
  const withAmount = reports.filter((r) => r.amount !== null && r.amount > 0);
  if (withAmount.length === 0) return null;
  return withAmount.reduce((a, b) => (b.at.getTime() >= a.at.getTime() ? b : a)).amount;
}

function budget(amount: number | null, baseline: ScoringBaseline, rules: ScoringRules, add: Add): void {
  if (amount === null || amount <= 0) return;
  const b = rules.budget;
  const typical = baseline.amounts.median;
  if (typical === null || baseline.amounts.deals < b.minWonDeals) return add('amount_known', b.amountKnown, { amount });
  const ratio = amount / typical;
  const params = { amount, typical };
  if (ratio >= b.fitLow && ratio <= b.fitHigh) add('budget_fit', b.fit, params);
  else if (ratio > b.farHigh) add('budget_above', b.farAbove, params);
  else if (ratio < b.farLow) add('budget_below', b.farBelow, params);
}

function signals(touches: CustomerFacts['touches'], reports: CustomerFacts['reports'], at: Date, rules: ScoringRules, add: Add): void {
  const s = rules.signals;
  const from = at.getTime() - s.days * DAY_MS;
  // Newest first, so a phrase or rival named in a reason is the latest one.
  const recent = touches.filter((t) => t.at.getTime() >= from).sort((a, b) => b.at.getTime() - a.at.getTime());
  const recentReports = reports.filter((r) => r.at.getTime() >= from).sort((a, b) => b.at.getTime() - a.at.getTime());
  const topic = (id: string) => recent.some((t) => t.topics.includes(id));
  if (topic('contract')) add('topic_contract', s.contract);
  if (topic('decision_maker')) add('topic_decision_maker', s.decisionMaker);
  if (topic('budget')) add('topic_budget', s.budget);
  const rival = recentReports.flatMap((r) => r.competitors)[0];
  if (rival !== undefined || topic('competitor')) add('competitor', s.competitor, rival ? { name: rival } : {});
  const texts = recent.map((t) => t.text ?? '');
  const cueIn = (cues: readonly string[]) => {
    for (const text of texts) for (const c of cues) if (text.includes(c)) return c;
    return null;
  };
  const vague = recentReports.flatMap((r) => r.vaguePhrases)[0] ?? cueIn(s.vagueCues);
  if (vague) add('vague', s.vague, { phrase: vague });
  const lost = cueIn(s.lostCues);
  if (lost) add('lost_cue', s.lost, { phrase: lost });
}
