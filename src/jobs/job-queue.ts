// Durable jobs on pg-boss. Queues use the 'stately' policy keyed per conversation/outbox row: at most one
// queued and one running job per key, which serialises a rep's messages and coalesces re-enqueues.
import PgBoss from 'pg-boss';
import type { Logger } from '../shared/logger.js';
import type { Database, Queryable } from '../store/database.js';
import { inBackgroundLane } from '../store/database-lanes.js';
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
  /** Stops this instance's workers of one queue and waits for the jobs they are running (the rest stay queued for whoever works it). */
  offWork(name: JobName): Promise<void>;
  stop(): Promise<void>;
}

const QUEUE_OPTIONS: Record<JobName, { retryLimit: number; retryDelay: number; expireInSeconds: number }> = {
  // Processing failures are retried with backoff; the inbox row counts attempts and parks poison rows.
  // The expiry is also how long a rep's conversation waits when the instance running its job dies (the
  // job stays active until then); a run that outlives it is safe, apply re-claims each row.
  'process-inbound': { retryLimit: 6, retryDelay: 2, expireInSeconds: 120 },
  // Delivery retries are scheduled by the deliverer itself (classified backoff); these cover crashes.
  'deliver-outbound': { retryLimit: 3, retryDelay: 5, expireInSeconds: 120 },
  'deliver-linked': { retryLimit: 3, retryDelay: 5, expireInSeconds: 120 },
  // ASR and LLM calls: a few retries for transient provider faults, long enough for a minute of audio.
  'draft-report': { retryLimit: 4, retryDelay: 5, expireInSeconds: 600 },
};

export async function startJobQueue(db: Database, logger: Logger): Promise<JobQueue> {
  const boss = new PgBoss({
    ...db.bossConnection(),
    schedule: false,
    supervise: true,
    // Expiry checks (and archiving) every 30 s instead of 120 s: jobs of a dead instance come back sooner.
    maintenanceIntervalSeconds: 30,
    migrate: true,
  } as PgBoss.ConstructorOptions);
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  // pg-boss's polling and maintenance timers start here: they and the job handlers run in the background
  // lane, so on PGlite's single connection an HTTP ack's insert goes before them.
  await inBackgroundLane(() => boss.start());
  for (const name of JOB_NAMES) {
    const o = QUEUE_OPTIONS[name];
    await boss.createQueue(name, { name, policy: 'stately', retryBackoff: true, ...o });
    await boss.updateQueue(name, { name, policy: 'stately', retryBackoff: true, ...o }); // an existing queue takes new options
  }
  if (db.kind === 'pglite') await retryOrphans(boss, db, logger);
  let stopped = false;
  // This instance's workers per queue. A job due now wakes them once it is visible (after the enqueuing
  // transaction commits) instead of waiting for their next poll: a reply is two hops (inbound, then
  // outbound), and each poll costs up to the polling interval. Other instances still find it by polling.
  const workerIds = new Map<JobName, string[]>();
  /** Handlers running now, per queue: offWork waits for them (a delivery half done must finish here). */
  const running = new Map<JobName, Set<Promise<void>>>();
  const wake = (name: JobName) => {
    for (const id of workerIds.get(name) ?? []) boss.notifyWorker(id);
  };

  return {
    async enqueue(name, data, opts = {}) {
      await boss.send(name, data as object, {
        singletonKey: singletonKeyOf(name, data),
        startAfter: opts.startAfter,
        db: opts.tx?.bossDb,
      });
      if (opts.startAfter && opts.startAfter.getTime() > Date.now()) return;
      if (opts.tx) opts.tx.afterCommit(() => wake(name));
      else wake(name);
    },
    async work(name, opts, handler) {
      for (let i = 0; i < opts.workers; i++) {
        // pg-boss waits out the polling interval after every fetch, even one that found a job, which
        // caps a worker at one job per interval; after a job, the worker fetches the next one at once
        // and polls only when the queue was empty.
        let workerId: string | null = null;
        workerId = await inBackgroundLane(() =>
          boss.work<JobPayloads[typeof name]>(
            name,
            { pollingIntervalSeconds: opts.pollingIntervalSeconds, batchSize: 1 },
            (jobs) => inBackgroundLane(async () => {
              const run = (async () => {
                for (const job of jobs) await handler(job.data, job.id);
              })();
              const active = running.get(name) ?? new Set<Promise<void>>();
              running.set(name, active.add(run));
              try {
                await run;
              } finally {
                active.delete(run);
                if (workerId) boss.notifyWorker(workerId);
              }
            }),
          ),
        );
        workerIds.set(name, [...(workerIds.get(name) ?? []), workerId]);
      }
    },
    async offWork(name) {
      if (stopped) return;
      workerIds.delete(name);
      await inBackgroundLane(() => boss.offWork(name));
      await Promise.allSettled([...(running.get(name) ?? [])]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * Only one process can have a PGlite directory open, so a job still active at start-up belonged to a
 * process that died mid-job (SIGKILL, power loss). Until it expires it blocks its stately key — a rep's
 * whole conversation — so fail it now: pg-boss retries it at once, and the handlers are idempotent.
 */
async function retryOrphans(boss: PgBoss, db: Database, logger: Logger): Promise<void> {
  const rows = await db.query<{ id: string; name: string }>(`select id, name from pgboss.job where state = 'active'`);
  const byQueue = new Map<string, string[]>();
  for (const r of rows) byQueue.set(r.name, [...(byQueue.get(r.name) ?? []), r.id]);
  for (const [name, ids] of byQueue) for (const id of ids) await boss.fail(name, id, { message: 'the process running this job stopped' });
  if (rows.length) logger.warn({ jobs: rows.length }, 'jobs left active by a stopped process are retried');
}
