// What the use cases need, passed in by main.ts (the only place that picks implementations).
import type { ChannelDirectory, ChannelMedia, ChannelSender } from '../channels/channel.js';
import type { BattleReport, ExtractionInput } from '../domain/reports/battle-report.js';
import type { CompiledRules } from '../domain/reminders/reminder-rules.js';
import type { DateAnswer } from '../domain/commitments/due-text.js';
import type { OpenCommitment } from '../domain/commitments/match-fulfilled.js';
import type { SpeechToText } from '../providers/asr/asr.js';
import type { ReportLlm } from '../providers/llm/report-llm.js';
import type { UpdateLlm } from '../providers/llm/update-llm.js';
import type { Understanding } from '../domain/understanding/understand-message.js';
import type { TouchKind } from '../domain/touches/touch-kind.js';
import type { StageCatalog } from '../domain/stages/stage-catalog.js';
import type { ChannelId } from '../channels/inbound-event.js';
import type { AppConfig } from '../config/app-config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Database } from '../store/database.js';
import type { StoreRules } from '../config/load-store-rules.js';
import type { ScoringRules } from '../domain/scoring/scoring-rules.js';

/** Language understanding used by the update flow (pure functions bound to their dictionaries). */
export interface Nlp {
  detectTopics(text: string): string[];
  recognizeCustomer(text: string, knownNames: readonly string[], at: Date): string | null;
  /** Key that two spellings of the same customer share (全称 vs 简称 handled by the rules). */
  customerKey(name: string): string;
  /** Intent, customer (with confidence), topics and stage of a chat text. */
  understand(text: string, knownNames: readonly string[], at: Date): Understanding;
  /** A customer name typed as the answer to "哪个客户?", or null when the text is no name. */
  typedCustomerName(text: string, knownNames: readonly string[]): string | null;
  /** Visit, call, message, meeting or online, from the words of an update or report (config/touch-kinds.jsonc). */
  touchKind(text: string): TouchKind;
  /** The industry a customer's name says by its organisation kind (config/industries.jsonc), or null. */
  industryOf(name: string): string | null;
}

/** The offline battle-report rules, bound to their config. */
export interface ReportRules {
  extract(input: ExtractionInput): BattleReport;
  /** Applies a rep's correction ("金额改成80万") to the fields it speaks about. */
  correct(draft: BattleReport, text: string, recordedAt: Date): BattleReport;
  /** Vague phrases and no dated next action: ask one follow-up question first. */
  missingNextStep(report: BattleReport): boolean;
  formatAmount(yuan: number): string;
}

/** Commitment wording and reading, bound to config/commitments.jsonc and the report date rules. */
export interface CommitmentLanguage {
  /** The open commitments (of one customer) that the text says were kept. */
  fulfilled<T extends OpenCommitment>(text: string, open: readonly T[]): T[];
  /** "周五前发方案" due 2026-12-11 → "周五前发方案(12月11日)". */
  withDueDate(text: string, due: string): string;
  rescheduledText(description: string, due: string): string;
  readNewDueDate(text: string, at: Date): DateAnswer;
  /** "不做了": an answer to 改期 that gives the promise up. */
  isDropAnswer(text: string): boolean;
}

export type { SpeechToText, ReportLlm, UpdateLlm };

export interface MiniProgramLogin {
  /** The corp the linked app belongs to: a code from another corp is refused. */
  corpId: string;
  code2Session(code: string): Promise<{ corpId: string; userId: string }>;
}

export interface AppDeps {
  db: Database;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  nlp: Nlp;
  reportRules: ReportRules;
  commitmentRules: CommitmentLanguage;
  /** The configured sales stages (config/stages.jsonc): cards, funnel, forecast and rules read them. */
  stages: StageCatalog;
  /** Reminder windows, calendar and quiet hours (config/rules.jsonc). */
  pushRules: CompiledRules;
  /** The store playbook and compliance words (config/playbook.jsonc, config/compliance.jsonc). */
  storeRules: StoreRules;
  /** Lead score weights (config/scoring.jsonc, issue 15). */
  scoring: ScoringRules;
  /** WeCom mini-program login, when a WeCom app is configured. */
  miniProgram: MiniProgramLogin | null;
  speech: SpeechToText | null;
  reportLlm: ReportLlm | null;
  /** Proposes customer, topics and stage of chat updates; the rules guard what it says. */
  updateLlm: UpdateLlm | null;
  senders: Partial<Record<ChannelId, ChannelSender>>;
  directories: Partial<Record<ChannelId, ChannelDirectory>>;
  media: Partial<Record<ChannelId, ChannelMedia>>;
}
