// config/scoring.jsonc compiled into the weights the scorer reads (pure); a bad value fails naming its field.
import { AppError } from '../../shared/errors.js';

export interface StaleStep {
  readonly days: number;
  readonly points: number;
}

export interface ScoringRules {
  readonly base: number;
  readonly depth: { readonly visit: number; readonly meeting: number; readonly call: number; readonly online: number; readonly message: number; readonly report: number; readonly max: number };
  readonly stagePerPercent: number;
  readonly recency: { readonly freshDays: number; readonly fresh: number; readonly stale: readonly StaleStep[]; readonly neverTouched: number };
  readonly stageAge: { readonly minWonDeals: number; readonly onPace: number; readonly slowRatio: number; readonly slow: number; readonly stuckRatio: number; readonly stuck: number };
  readonly budget: {
    readonly minWonDeals: number; readonly fitLow: number; readonly fitHigh: number; readonly fit: number;
    readonly farLow: number; readonly farHigh: number; readonly farAbove: number; readonly farBelow: number; readonly amountKnown: number;
  };
  readonly signals: {
    readonly days: number; readonly contract: number; readonly decisionMaker: number; readonly budget: number;
    readonly competitor: number; readonly vague: number; readonly lost: number;
    readonly vagueCues: readonly string[]; readonly lostCues: readonly string[];
  };
}

export function scoringError(path: string, problem: string): AppError {
  return new AppError('scoring_invalid', `scoring: "${path}" ${problem}`, { details: { field: path } });
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

function obj(v: unknown, path: string, keys: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw scoringError(path || '(root)', `must be an object, got ${show(v)}`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw scoringError(path ? `${path}.${k}` : k, `is not a known setting (known: ${keys.join(', ')})`);
  for (const k of keys) if (!(k in v)) throw scoringError(path ? `${path}.${k}` : k, 'is missing');
  return v as Record<string, unknown>;
}

function num(v: unknown, path: string, min = -100, max = 100): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw scoringError(path, `must be a number from ${min} to ${max}, got ${show(v)}`);
  return v;
}

function numbers<K extends string>(o: Record<string, unknown>, path: string, keys: readonly K[], min = -100, max = 100): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, num(o[k], `${path}.${k}`, min, max)])) as Record<K, number>;
}

function cues(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.trim() === '')) throw scoringError(path, `must be a list of words, got ${show(v)}`);
  return v.map((c: string) => c.trim());
}

export function compileScoringRules(raw: unknown): ScoringRules {
  const o = obj(raw, '', ['base', 'depth', 'stagePerPercent', 'recency', 'stageAge', 'budget', 'signals']);
  const depth = numbers(obj(o.depth, 'depth', ['visit', 'meeting', 'call', 'online', 'message', 'report', 'max']), 'depth', ['visit', 'meeting', 'call', 'online', 'message', 'report', 'max'] as const, 0);
  const r = obj(o.recency, 'recency', ['freshDays', 'fresh', 'stale', 'neverTouched']);
  if (!Array.isArray(r.stale)) throw scoringError('recency.stale', `must be a list of {days, points}, got ${show(r.stale)}`);
  const stale = r.stale.map((s, i) => {
    const step = obj(s, `recency.stale[${i}]`, ['days', 'points']);
    return { days: num(step.days, `recency.stale[${i}].days`, 1, 3650), points: num(step.points, `recency.stale[${i}].points`) };
  });
  stale.forEach((s, i) => {
    if (i > 0 && s.days <= stale[i - 1]!.days) throw scoringError(`recency.stale[${i}].days`, 'must be more than the step before');
  });
  const freshDays = num(r.freshDays, 'recency.freshDays', 0, 3650);
  if (stale[0] && stale[0].days <= freshDays) throw scoringError('recency.stale[0].days', `must be more than freshDays (${freshDays})`);
  const a = obj(o.stageAge, 'stageAge', ['minWonDeals', 'onPace', 'slowRatio', 'slow', 'stuckRatio', 'stuck']);
  const stageAge = {
    ...numbers(a, 'stageAge', ['onPace', 'slow', 'stuck'] as const),
    minWonDeals: num(a.minWonDeals, 'stageAge.minWonDeals', 1, 1000),
    ...numbers(a, 'stageAge', ['slowRatio', 'stuckRatio'] as const, 1, 100),
  };
  if (stageAge.stuckRatio <= stageAge.slowRatio) throw scoringError('stageAge.stuckRatio', `must be more than slowRatio (${stageAge.slowRatio})`);
  const b = obj(o.budget, 'budget', ['minWonDeals', 'fitLow', 'fitHigh', 'fit', 'farLow', 'farHigh', 'farAbove', 'farBelow', 'amountKnown']);
  const budget = {
    ...numbers(b, 'budget', ['fit', 'farAbove', 'farBelow', 'amountKnown'] as const),
    minWonDeals: num(b.minWonDeals, 'budget.minWonDeals', 1, 1000),
    ...numbers(b, 'budget', ['fitLow', 'fitHigh', 'farLow', 'farHigh'] as const, 0, 1000),
  };
  if (!(budget.farLow <= budget.fitLow && budget.fitLow < budget.fitHigh && budget.fitHigh <= budget.farHigh)) {
    throw scoringError('budget', 'must have farLow ≤ fitLow < fitHigh ≤ farHigh');
  }
  const s = obj(o.signals, 'signals', ['days', 'contract', 'decisionMaker', 'budget', 'competitor', 'vague', 'lost', 'vagueCues', 'lostCues']);
  return Object.freeze({
    base: num(o.base, 'base', 0, 100),
    depth,
    stagePerPercent: num(o.stagePerPercent, 'stagePerPercent', 0, 1),
    recency: { freshDays, fresh: num(r.fresh, 'recency.fresh'), stale, neverTouched: num(r.neverTouched, 'recency.neverTouched') },
    stageAge,
    budget,
    signals: {
      days: num(s.days, 'signals.days', 1, 3650),
      ...numbers(s, 'signals', ['contract', 'decisionMaker', 'budget', 'competitor', 'vague', 'lost'] as const),
      vagueCues: cues(s.vagueCues, 'signals.vagueCues'),
      lostCues: cues(s.lostCues, 'signals.lostCues'),
    },
  });
}
