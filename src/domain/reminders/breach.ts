// A breach: one rule broken by one subject (customer, commitment or rep) for one audience, with the
// key that lets the scheduler alert it at most once per delivery day.
import type { StageId } from '../stages/stage-ids.js';

export const RULE_IDS = [
  'lead_first_contact',
  'golden_48h',
  'stage_window',
  'untouched_7d',
  'untouched_14d',
  'commitment_due',
  'commitment_overdue',
  'no_report_today',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Audience = 'rep' | 'manager_group';

export interface Breach {
  readonly rule: RuleId;
  readonly audience: Audience;
  /** Customer id, commitment id, or the rep's user id for no_report_today. */
  readonly subjectId: string;
  readonly customerId: string | null;
  readonly customerName: string | null;
  readonly ownerUserId: string;
  /** The owner's team (from the reps list); null when the owner is not a listed rep. */
  readonly teamKey: string | null;
  /** When the window began (inquiry, stage entry, last touch, due morning, report day start). */
  readonly since: Date;
  /** When the subject became breached. */
  readonly dueAt: Date;
  /** now − dueAt in ms, ≥ 0. */
  readonly overdueBy: number;
  /** `${rule}:${audience}:${subjectId}:${YYYY-MM-DD}`, the date being the Shanghai day the alert is delivered. */
  readonly periodKey: string;
  /** The stage whose window ran out (stage_window) or the customer's stage. */
  readonly stage: StageId | null;
  /** The stage's configured label (config/stages.jsonc); absent in breaches built without a catalog. */
  readonly stageLabel?: string | null;
  readonly commitment: { readonly description: string; readonly dueDate: string } | null;
}
