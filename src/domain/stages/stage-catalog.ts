// The configured sales stages (config/stages.jsonc, product spec "Stages"), compiled once at start-up:
// order, labels, win probabilities, action windows and the won / lost / proposal flags every
// stage-aware rule reads. Pure; a bad file fails with the path of the offending field.
import { AppError } from '../../shared/errors.js';

/** A stage id; any string, but only ids of the loaded catalog are ever stored (checked with `has`). */
export type StageId = string;

export const STAGE_FLAGS = ['won', 'lost', 'proposal', 'lead'] as const;
export type StageFlag = (typeof STAGE_FLAGS)[number];

export interface StageInfo {
  readonly id: StageId;
  readonly label: string;
  /** Rank in the pipeline; won and lost rank after every open stage. */
  readonly order: number;
  /** Percent, used by the 预测 forecast (Σ amount × probability). */
  readonly winProbability: number;
  /** Hours after entering the stage within which a touch must follow; null: no window. */
  readonly actionWindowHours: number | null;
  /** Won or lost: the deal is closed. */
  readonly terminal: boolean;
  readonly flags: readonly StageFlag[];
}

export interface StageCatalog {
  /** All stages in pipeline order (the order buttons and funnels show them in). */
  readonly stages: readonly StageInfo[];
  /** Open stages in order. */
  readonly open: readonly StageInfo[];
  readonly won: StageId;
  readonly lost: StageId;
  /** The first stage in which a proposal has gone out (spec: "stage ≥ demo ends the golden 48 h"). */
  readonly proposal: StageId;
  /**
   * The stage of an inbound lead nobody has qualified yet (issue 15), or null when the file has none. It
   * is open (the lead windows and the golden 48 h apply) but no step of the funnel.
   */
  readonly lead: StageId | null;
  has(id: unknown): id is StageId;
  /** Null for null and for ids not (or no longer) configured. */
  info(id: string | null): StageInfo | null;
  /** The label, or the id itself for a stage that is no longer configured (old rows keep their id). */
  label(id: StageId): string;
  /** Forward among open stages or into won; losing, reopening a closed deal and standing still are not. */
  isAdvance(from: StageId, to: StageId): boolean;
  /** The proposal stage, any later open stage, or won: the golden 48 h is over. */
  endsGolden(id: StageId | null): boolean;
  /**
   * A stage the language rules or the LLM named (they speak the default ids, see stage-ids.ts) as a
   * configured stage: won and lost go to the flagged stages, other ids only when configured.
   */
  fromLanguage(id: string | null): StageId | null;
}

// Ids end up in database rows, card button keys and SQL literals of partial-index predicates.
const ID = /^[a-z][a-z0-9_]{0,31}$/;
const KEYS = ['id', 'label', 'order', 'probability', 'actionWindowHours', 'flags'];

export function stagesError(path: string, problem: string): AppError {
  return new AppError('stages_invalid', `stages: "${path}" ${problem}`, { details: { field: path } });
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

export function compileStages(raw: unknown): StageCatalog {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw stagesError('(root)', `must be an object, got ${show(raw)}`);
  for (const key of Object.keys(raw)) if (key !== 'stages') throw stagesError(key, 'is not a known setting (known: stages)');
  const list = (raw as { stages?: unknown }).stages;
  if (!Array.isArray(list) || list.length === 0) throw stagesError('stages', `must be a non-empty list, got ${show(list)}`);
  const parsed = list.map((s, i) => parseStage(s, `stages[${i}]`));
  checkUnique(parsed, 'id');
  checkUnique(parsed, 'label');
  checkUnique(parsed, 'order');
  const stages = [...parsed].sort((a, b) => a.order - b.order);
  const flagged = (flag: StageFlag) => {
    const withFlag = stages.filter((s) => s.flags.includes(flag));
    if (withFlag.length !== 1) {
      throw stagesError('stages', `must have exactly one stage flagged "${flag}", found ${withFlag.length}${withFlag.length ? ` (${withFlag.map((s) => s.id).join(', ')})` : ''}`);
    }
    return withFlag[0]!;
  };
  const won = flagged('won');
  const lost = flagged('lost');
  const proposal = flagged('proposal');
  const open = stages.filter((s) => !s.terminal);
  const lead = leadStage(stages, open);
  if (open.length === 0) throw stagesError('stages', 'must have at least one open stage besides won and lost');
  if (proposal.terminal) throw stagesError(`stages.${proposal.id}.flags`, 'puts "proposal" on a closed stage; it marks an open stage');
  for (const closed of [won, lost]) {
    // isAdvance, funnels and merges rank closed deals after every open stage.
    const later = open.find((s) => s.order > closed.order);
    if (later) throw stagesError(`stages.${closed.id}.order`, `must be after every open stage (${later.id} has order ${later.order})`);
    if (closed.actionWindowHours !== null) throw stagesError(`stages.${closed.id}.actionWindowHours`, 'must be null: closed deals need no chasing');
  }
  return catalogOf(stages, won.id, lost.id, proposal.id, lead);
}

/** At most one stage flagged "lead": open, before every other open stage, and not the proposal stage. */
function leadStage(stages: readonly StageInfo[], open: readonly StageInfo[]): StageId | null {
  const leads = stages.filter((s) => s.flags.includes('lead'));
  if (leads.length > 1) throw stagesError('stages', `may have at most one stage flagged "lead", found ${leads.length} (${leads.map((s) => s.id).join(', ')})`);
  const lead = leads[0];
  if (!lead) return null;
  if (lead.terminal) throw stagesError(`stages.${lead.id}.flags`, 'puts "lead" on a closed stage; it marks the first open stage');
  if (lead.flags.includes('proposal')) throw stagesError(`stages.${lead.id}.flags`, 'cannot be both "lead" and "proposal"');
  const earlier = open.find((s) => s.id !== lead.id && s.order < lead.order);
  if (earlier) throw stagesError(`stages.${lead.id}.order`, `must be before every other open stage (${earlier.id} has order ${earlier.order})`);
  if (open.length < 2) throw stagesError('stages', 'must have an open stage besides the lead stage');
  return lead.id;
}

function parseStage(value: unknown, path: string): StageInfo {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw stagesError(path, `must be an object, got ${show(value)}`);
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!KEYS.includes(key)) throw stagesError(`${path}.${key}`, `is not a known setting (known: ${KEYS.join(', ')})`);
  if (typeof o.id !== 'string' || !ID.test(o.id)) throw stagesError(`${path}.id`, `must be lower-case letters, digits and _ starting with a letter (at most 32), got ${show(o.id)}`);
  if (typeof o.label !== 'string' || o.label.trim() === '' || [...o.label].length > 12) {
    throw stagesError(`${path}.label`, `must be a non-empty text of at most 12 characters (it is a card button), got ${show(o.label)}`);
  }
  if (typeof o.order !== 'number' || !Number.isInteger(o.order)) throw stagesError(`${path}.order`, `must be a whole number, got ${show(o.order)}`);
  if (typeof o.probability !== 'number' || !(o.probability >= 0 && o.probability <= 100)) {
    throw stagesError(`${path}.probability`, `must be a percentage 0–100, got ${show(o.probability)}`);
  }
  const hours = o.actionWindowHours;
  if (hours !== null && (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0)) {
    throw stagesError(`${path}.actionWindowHours`, `must be a positive number of hours or null (no window), got ${show(hours)}`);
  }
  const flags = o.flags ?? [];
  if (!Array.isArray(flags)) throw stagesError(`${path}.flags`, `must be a list, got ${show(flags)}`);
  for (const [i, f] of flags.entries()) {
    if (!STAGE_FLAGS.includes(f as StageFlag)) throw stagesError(`${path}.flags[${i}]`, `is not a known flag (known: ${STAGE_FLAGS.join(', ')}), got ${show(f)}`);
    if (flags.indexOf(f) !== i) throw stagesError(`${path}.flags[${i}]`, `repeats ${show(f)}`);
  }
  if (flags.includes('won') && flags.includes('lost')) throw stagesError(`${path}.flags`, 'cannot be both won and lost');
  const terminal = flags.includes('won') || flags.includes('lost');
  return Object.freeze({
    id: o.id, label: o.label.trim(), order: o.order, winProbability: o.probability, actionWindowHours: hours as number | null,
    terminal, flags: Object.freeze([...flags] as StageFlag[]),
  });
}

function checkUnique(stages: readonly StageInfo[], key: 'id' | 'label' | 'order'): void {
  const seen = new Set<unknown>();
  for (const s of stages) {
    if (seen.has(s[key])) throw stagesError(`stages.${s.id}.${key}`, `repeats ${show(s[key])}; every stage needs its own ${key}`);
    seen.add(s[key]);
  }
}

function catalogOf(stages: readonly StageInfo[], won: StageId, lost: StageId, proposal: StageId, lead: StageId | null): StageCatalog {
  const byId = new Map(stages.map((s) => [s.id, s]));
  const proposalOrder = byId.get(proposal)!.order;
  const info = (id: string | null): StageInfo | null => (id === null ? null : byId.get(id) ?? null);
  const has = (id: unknown): id is StageId => typeof id === 'string' && byId.has(id);
  return Object.freeze({
    stages: Object.freeze([...stages]),
    open: Object.freeze(stages.filter((s) => !s.terminal)),
    won, lost, proposal, lead, has, info,
    label: (id: StageId) => byId.get(id)?.label ?? id,
    isAdvance: (from: StageId, to: StageId) => {
      const a = byId.get(from);
      const b = byId.get(to);
      if (!a || !b || to === lost || a.terminal) return false;
      return b.order > a.order;
    },
    endsGolden: (id: StageId | null) => {
      const s = info(id);
      return s !== null && s.id !== lost && s.order >= proposalOrder;
    },
    fromLanguage: (id: string | null) => {
      if (id === 'won') return won;
      if (id === 'lost') return lost;
      // Nothing said in a note makes a deal a fresh lead again; leads come from the intake only.
      return has(id) && id !== lead ? id : null;
    },
  });
}
