// The typed job union: every durable job is data in pg-boss tables, never an in-process timer.

export interface JobPayloads {
  /** Drain the pending inbox rows of one conversation, oldest first. */
  'process-inbound': { conversationKey: string };
  /** Deliver one outbox row. */
  'deliver-outbound': { outboxId: string };
  /** Deliver one outbox row of a channel only one instance can write to (the WeCom AI bot's connection); worked only there. */
  'deliver-linked': { outboxId: string };
  /** Download, transcribe and extract one report note into a draft the rep confirms. */
  'draft-report': { noteId: string };
}

export type JobName = keyof JobPayloads;

export const JOB_NAMES: readonly JobName[] = ['process-inbound', 'deliver-outbound', 'deliver-linked', 'draft-report'];

/** One job per conversation/row at a time: the key is what a job serialises on. */
export function singletonKeyOf<N extends JobName>(name: N, data: JobPayloads[N]): string {
  const d = data as Partial<JobPayloads['process-inbound'] & JobPayloads['deliver-outbound'] & JobPayloads['draft-report']>;
  return d.conversationKey ?? d.outboxId ?? d.noteId!;
}
