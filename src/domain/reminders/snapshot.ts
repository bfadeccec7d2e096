// What the rules engine reads: a snapshot of customers, open promises and reps, assembled by the store
// layer. Plain data with instants as Date and calendar days as Shanghai YYYY-MM-DD strings.
import type { CommitmentStatus } from '../commitments/fulfilment.js';
import type { StageId } from '../stages/stage-ids.js';

/** Customer sources meaning the lead came in by itself and is owed a first contact within hours. */
export const INBOUND_LEAD_SOURCES: readonly string[] = ['form', 'hotline', 'campaign', 'qr', 'website', 'inbound'];

export interface CustomerSnapshot {
  readonly id: string;
  readonly name: string;
  readonly ownerUserId: string;
  readonly stage: StageId | null;
  /** When the customer entered its current stage; null when it never had one. */
  readonly stageEnteredAt: Date | null;
  /** A lead that came in by itself (form, hotline, campaign QR), derived from `source`: it owes a first contact. */
  readonly isInboundLead: boolean;
  /** The customer's first inquiry; createdAt stands in when unknown. */
  readonly firstInquiryAt: Date | null;
  readonly createdAt: Date;
  /** The latest recorded touch (update, voice note, visit, stage change). */
  readonly lastTouchAt: Date | null;
  /** The rep's first touch; null while the lead has not been contacted. */
  readonly firstContactAt: Date | null;
  /** A visit was recorded at some point. */
  readonly hasVisit: boolean;
  /** A proposal or quote went out (the customer has been at demo or later) even if the stage moved back. */
  readonly proposalSent?: boolean;
}

/** A commitment's life cycle (migration 0009); only open ones are reminded of. */
export type { CommitmentStatus };

export interface CommitmentSnapshot {
  readonly id: string;
  readonly customerId: string | null;
  /** The customer's name and stage when the loader joined them (the customer may not be in `customers`). */
  readonly customerName?: string | null;
  readonly customerStage?: StageId | null;
  readonly ownerUserId: string;
  readonly description: string;
  /** Shanghai date YYYY-MM-DD. */
  readonly dueDate: string;
  readonly status: CommitmentStatus;
}

export interface RepSnapshot {
  readonly id: string;
  readonly teamKey: string | null;
  /**
   * The rep confirmed at least one battle report on the Shanghai date of the evaluation; null when the
   * sweep did not ask (only the report nudge needs it).
   */
  readonly reportedToday: boolean | null;
}

export interface ReminderState {
  readonly customers: readonly CustomerSnapshot[];
  readonly commitments: readonly CommitmentSnapshot[];
  readonly reps: readonly RepSnapshot[];
}
