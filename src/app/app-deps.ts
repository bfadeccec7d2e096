// What the use cases need, passed in by main.ts (the only place that picks implementations).
import type { ChannelDirectory, ChannelMedia, ChannelSender } from '../channels/channel.js';
import type { BattleReport, ExtractionInput } from '../domain/reports/battle-report.js';
import type { CompiledRules } from '../domain/reminders/reminder-rules.js';
import type { SpeechToText } from '../providers/asr/asr.js';
import type { ReportLlm } from '../providers/llm/report-llm.js';
import type { UpdateLlm } from '../providers/llm/update-llm.js';
import type { Understanding } from '../domain/understanding/understand-message.js';
import type { ChannelId } from '../channels/inbound-event.js';
import type { AppConfig } from '../config/app-config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Database } from '../store/database.js';
import type { StoreRules } from '../config/load-store-rules.js';

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
  /** Reminder windows, calendar and quiet hours (config/rules.jsonc). */
  pushRules: CompiledRules;
  /** The store playbook and compliance words (config/playbook.jsonc, config/compliance.jsonc). */
  storeRules: StoreRules;
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
