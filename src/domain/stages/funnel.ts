// The 漏斗 maths (docs/product.md "Funnel", pure): conversion from stage S = customers that ever reached S
// (a skipped stage counts as reached) and later reached a further stage ÷ customers that ever reached S,
// so it can never pass 100 %; lost deals are counted at the stage they were lost from.
import type { StageCatalog, StageId } from './stage-catalog.js';

export interface FunnelCustomer {
  /** The stage the customer is in now (null: none set). */
  readonly current: StageId | null;
  /** Stages it entered, oldest first (the stage history's to_stage). */
  readonly path: readonly StageId[];
}

export interface FunnelStage {
  readonly stage: StageId;
  /** Customers in this stage now. */
  readonly current: number;
  /** Customers that ever reached it, directly or by skipping past it. */
  readonly reached: number;
  /** Of those, customers that reached a later open stage or won. */
  readonly advanced: number;
  /** Customers lost now whose last open stage before the loss was this one. */
  readonly lostHere: number;
}

export interface Funnel {
  /** Open stages in pipeline order. */
  readonly stages: readonly FunnelStage[];
  readonly won: number;
  readonly lost: number;
  /** Lost before any open stage was set. */
  readonly lostUnstaged: number;
  /** No stage set now. */
  readonly unstaged: number;
  /** In the lead stage now (not a step of the funnel: nobody has qualified them yet). */
  readonly leads: number;
}

export function computeFunnel(customers: readonly FunnelCustomer[], stages: StageCatalog): Funnel {
  // The lead stage is open but no step of the funnel: a lead nobody qualified reached nothing yet.
  const open = stages.open.filter((s) => s.id !== stages.lead).map((s) => s.id);
  // Open stage i has level i; won is past every open stage; lost is no progress at all.
  const level = (id: StageId): number | null => (id === stages.won ? open.length : open.includes(id) ? open.indexOf(id) : null);
  const rows = open.map((stage) => ({ stage, current: 0, reached: 0, advanced: 0, lostHere: 0 }));
  let won = 0;
  let lost = 0;
  let lostUnstaged = 0;
  let unstaged = 0;
  let leads = 0;
  for (const c of customers) {
    // A stage set without history (imports, rows older than the history) still counts as reached.
    const path = c.current !== null && c.path[c.path.length - 1] !== c.current ? [...c.path, c.current] : c.path;
    const known = path.filter((id) => stages.has(id));
    const top = Math.max(-1, ...known.map((id) => level(id) ?? -1));
    for (let i = 0; i <= Math.min(top, open.length - 1); i++) {
      rows[i]!.reached++;
      if (top > i) rows[i]!.advanced++;
    }
    if (c.current === null || !stages.has(c.current)) {
      if (c.current === null) unstaged++;
      continue;
    }
    if (c.current === stages.lead) leads++;
    else if (c.current === stages.won) won++;
    else if (c.current === stages.lost) {
      lost++;
      const from = lostFrom(known, stages);
      if (from === null) lostUnstaged++;
      else rows[open.indexOf(from)]!.lostHere++;
    } else rows[open.indexOf(c.current)]!.current++;
  }
  return { stages: rows, won, lost, lostUnstaged, unstaged, leads };
}

/** The open stage the deal was in before its latest loss (a reopened deal's earlier losses do not count). */
function lostFrom(path: readonly StageId[], stages: StageCatalog): StageId | null {
  const lastLoss = path.lastIndexOf(stages.lost);
  for (let i = lastLoss - 1; i >= 0; i--) {
    if (stages.info(path[i]!)?.terminal === false && path[i] !== stages.lead) return path[i]!;
  }
  return null;
}
