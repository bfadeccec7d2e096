// Durable jobs on pg-boss. Queues use the 'stately' policy keyed per conversation/outbox row: at most one
// queued and one running job per key, which serialises a rep's messages and coalesces re-enqueues.
import PgBoss from 'pg-boss';
import type { Logger } from '../shared/logger.js';
import type { Database, Queryable } from '../store/database.js';
import { JOB_NAMES, singletonKeyOf, type JobName, type JobPayloads } from './job-types.js';

export interface EnqueueOptions {
  startAfter?: Date;
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Queryable;
}

export interface JobQueue {
  enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts?: EnqueueOptions): Promise<void>;
  work<N extends JobName>(
    name: N,
    opts: { workers: number; pollingIntervalSeconds: number },
    handler: (data: JobPayloads[N], jobId: string) => Promise<void>,
  ): Promise<void>;
  stop(): Promise<void>;
}

const QUEUE_OPTIONS: Record<JobName, { retryLimit: number; retryDelay: number; expireInSeconds: number }> = {
  // Processing failures are retried with backoff; the inbox row counts attempts and parks poison rows.
  'process-inbound': { retryLimit: 6, retryDelay: 2, expireInSeconds: 300 },
  // Delivery retries are scheduled by the deliverer itself (classified backoff); these cover crashes.
  'deliver-outbound': { retryLimit: 3, retryDelay: 5, expireInSeconds: 120 },
  // ASR and LLM calls: a few retries for transient provider faults, long enough for a minute of audio.
  'draft-report': { retryLimit: 4, retryDelay: 5, expireInSeconds: 600 },
};

export async function startJobQueue(db: Database, logger: Logger): Promise<JobQueue> {
  const boss = new PgBoss({
    ...db.bossConnection(),
    schedule: false,
    supervise: true,
    migrate: true,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  await boss.start();
  for (const name of JOB_NAMES) {
    const o = QUEUE_OPTIONS[name];
    await boss.createQueue(name, { name, policy: 'stately', retryBackoff: true, ...o });
  }
  let stopped = false;

  return {
    async enqueue(name, data, opts = {}) {
      await boss.send(name, data as object, {
        singletonKey: singletonKeyOf(name, data),
        startAfter: opts.startAfter,
        db: opts.tx?.bossDb,
      });
    },
    async work(name, opts, handler) {
      for (let i = 0; i < opts.workers; i++) {
        await boss.work<JobPayloads[typeof name]>(
          name,
          { pollingIntervalSeconds: opts.pollingIntervalSeconds, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) await handler(job.data, job.id);
          },
        );
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
