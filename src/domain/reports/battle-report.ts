// The battle report (战报) schema of the product spec: one structured summary of one update.
import type { StageId } from '../stages/stage-ids.js';
import type { TopicId } from '../topics/topic-ids.js';

export interface Objection {
  topic: TopicId;
  /** The words of the note that carry the concern, as said. */
  quote: string;
}

export interface BattleReport {
  customer: string | null;
  contact: string | null;
  stage: StageId | null;
  progress: string;
  objections: Objection[];
  competitors: string[];
  /** Yuan. */
  amount: number | null;
  paymentTermsDays: number | null;
  nextAction: string | null;
  /** YYYY-MM-DD in Asia/Shanghai. */
  nextActionDue: string | null;
  vaguePhrases: string[];
}

export type ExtractorName = 'rules' | 'llm+rules';

export interface ExtractionInput {
  text: string;
  /** When the note was recorded; relative dates resolve against it in Asia/Shanghai. */
  recordedAt: Date;
  /** Names of the tenant's existing customers (always recognised). */
  knownCustomers?: readonly string[];
}
