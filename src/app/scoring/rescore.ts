// Computes lead scores from the store and keeps them on the customer: for given customers as of an
// instant (pure scorer, facts read as of that instant), for the customers a processed message made stale,
// and for the score-leads job (every open customer whose score is older than 48 h).
import { scoreCustomer, type Score } from '../../domain/scoring/score-customer.js';
import { scoringBaseline, type ScoringBaseline } from '../../domain/scoring/scoring-baseline.js';
import type { Queryable } from '../../store/database.js';
import { customersToScore, loadScoreFacts, loadWonDeals, saveScores, wonDealsFingerprint } from '../../store/repos/scoring-repo.js';
import type { AppDeps } from '../app-deps.js';

const DAY_MS = 86_400_000;
/** docs/product.md: the score is recomputed every 48 h besides on every update. */
export const RESCORE_AFTER_MS = 48 * 3_600_000;
/** Customers per batch: one set of fact queries each. */
const BATCH = 200;
/** Stale customers rescored at the end of one processed message (normally the one or two it touched). */
const PER_MESSAGE = 20;

type ScoreDeps = Pick<AppDeps, 'stages' | 'scoring'>;

/** The scores of these customers as of `at`, from the facts stored up to then; nothing is written. */
export async function scoresAsOf(q: Queryable, deps: ScoreDeps, tenantId: string, ids: readonly string[], at: Date): Promise<Map<string, Score>> {
  if (ids.length === 0) return new Map();
  const textSince = new Date(at.getTime() - deps.scoring.signals.days * DAY_MS);
  const [facts, baseline] = await Promise.all([loadScoreFacts(q, tenantId, ids, at, textSince), baselineAsOf(q, deps, tenantId, at)]);
  return new Map(facts.map((f) => [f.id, scoreCustomer(f, baseline, at, deps.scoring, deps.stages)]));
}

/**
 * The won-deal yardsticks as of `at`. Every processed message rescores, so they are kept per database
 * and tenant while the won deals' fingerprint (an index-only count) is unchanged: a won deal's path and
 * amount up to its win do not change afterwards, so equal fingerprints mean equal yardsticks.
 */
const baselines = new WeakMap<object, Map<string, { fingerprint: string; baseline: ScoringBaseline }>>();

async function baselineAsOf(q: Queryable, deps: ScoreDeps & { db?: object }, tenantId: string, at: Date): Promise<ScoringBaseline> {
  const fingerprint = await wonDealsFingerprint(q, tenantId, deps.stages.won, at);
  const cache = deps.db ? (baselines.get(deps.db) ?? new Map()) : null;
  const hit = cache?.get(tenantId);
  if (hit?.fingerprint === fingerprint) return hit.baseline;
  const baseline = scoringBaseline(await loadWonDeals(q, tenantId, deps.stages.won, at));
  if (cache && deps.db) {
    cache.set(tenantId, { fingerprint, baseline });
    baselines.set(deps.db, cache);
  }
  return baseline;
}

export async function rescoreCustomers(q: Queryable, deps: ScoreDeps, tenantId: string, ids: readonly string[], at: Date): Promise<number> {
  const scores = await scoresAsOf(q, deps, tenantId, ids, at);
  await saveScores(q, tenantId, [...scores].map(([id, s]) => ({ id, score: s.score, reasons: s.reasons })), at);
  return scores.size;
}

/**
 * The one place updates and reports are rescored: the end of every processed message, in its
 * transaction. Touches and stage changes mark their customer stale (migration 0018 triggers), whichever
 * path wrote them (update, report, stage tap, correction, merge), so nothing else needs to remember to.
 */
export async function rescoreStale(tx: Queryable, deps: ScoreDeps & Pick<AppDeps, 'clock'>, tenantId: string): Promise<void> {
  const ids = await customersToScore(tx, tenantId, { staleOnly: true, limit: PER_MESSAGE, lock: true });
  if (ids.length) await rescoreCustomers(tx, deps, tenantId, ids, deps.clock.now());
}

export interface ScoreRun {
  job: 'score-leads';
  at: string;
  scored: number;
}

/** The score-leads job: every open customer whose score is missing, stale or older than 48 h as of `at`. */
export async function runScoreLeads(deps: AppDeps, at: Date, opts: { tenantId?: string } = {}): Promise<ScoreRun> {
  const tenantId = opts.tenantId ?? deps.config.defaultTenantId;
  const olderThan = new Date(at.getTime() - RESCORE_AFTER_MS);
  let scored = 0;
  const seen = new Set<string>();
  for (;;) {
    const ids = (await customersToScore(deps.db, tenantId, { staleOnly: false, olderThan, limit: BATCH })).filter((id) => !seen.has(id));
    if (ids.length === 0) break;
    ids.forEach((id) => seen.add(id));
    scored += await deps.db.transaction((tx) => rescoreCustomers(tx, deps, tenantId, ids, at));
  }
  deps.logger.info({ job: 'score-leads', at: at.toISOString(), scored }, 'lead scores recomputed');
  return { job: 'score-leads', at: at.toISOString(), scored };
}
