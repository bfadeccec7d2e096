// Wires job handlers to the queue and runs the periodic sweep that recovers lost jobs.
import type { AppDeps } from '../app/app-deps.js';
import { processConversation } from '../app/inbound/process-conversation.js';
import { deliverOutbound } from '../app/outbound/deliver-outbound.js';
import { sweep } from '../app/outbound/sweep.js';
import { draftReport } from '../app/reports/draft-report.js';
import { notesAwaitingAsr } from '../store/repos/report-notes-repo.js';

export interface Workers {
  stop(): Promise<void>;
}

export async function startWorkers(deps: AppDeps): Promise<Workers> {
  const { pollingIntervalSeconds, sweepIntervalSeconds } = deps.config.worker;
  // Every log line a job writes carries its job id.
  const withJob = (job: string, jobId: string): AppDeps => ({ ...deps, logger: deps.logger.child({ job, jobId }) });
  await deps.queue.work('process-inbound', { workers: 2, pollingIntervalSeconds }, async (data, jobId) => {
    await processConversation(withJob('process-inbound', jobId), data.conversationKey);
  });
  await deps.queue.work('deliver-outbound', { workers: 2, pollingIntervalSeconds }, async (data, jobId) => {
    await deliverOutbound(withJob('deliver-outbound', jobId), data.outboxId);
  });
  await deps.queue.work('draft-report', { workers: 1, pollingIntervalSeconds }, async (data, jobId) => {
    await draftReport(withJob('draft-report', jobId), data.noteId);
  });
  // Rows accepted before a crash whose jobs were lost: pick them up now, once.
  await sweep(deps, { includeFresh: true });
  // Voice notes kept while no ASR was configured are transcribed as soon as one is.
  if (deps.speech) for (const noteId of await notesAwaitingAsr(deps.db)) await deps.queue.enqueue('draft-report', { noteId });
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweep(deps).catch((err) => deps.logger.error({ err }, 'sweep failed'));
  }, sweepIntervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
