// What the use cases need, passed in by main.ts (the only place that picks implementations).
import type { ChannelDirectory, ChannelSender } from '../channels/channel.js';
import type { ChannelId } from '../channels/inbound-event.js';
import type { AppConfig } from '../config/app-config.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Database } from '../store/database.js';

/** Language understanding used by the update flow (pure functions bound to their dictionaries). */
export interface Nlp {
  detectTopics(text: string): string[];
  recognizeCustomer(text: string, knownNames: readonly string[]): string | null;
  /** Key that two spellings of the same customer share (全称 vs 简称 handled by the rules). */
  customerKey(name: string): string;
}

export interface AppDeps {
  db: Database;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  config: AppConfig;
  nlp: Nlp;
  senders: Partial<Record<ChannelId, ChannelSender>>;
  directories: Partial<Record<ChannelId, ChannelDirectory>>;
}
