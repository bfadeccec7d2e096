// node-cron ticks in Asia/Shanghai. Each tick takes a lease row keyed by (job, tick time), so with
// several instances exactly one runs it. At start, a tick missed while the server was down is run
// once (not once per missed minute).
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppDeps } from '../app/app-deps.js';
import { addDays, atLocal, localTime } from '../domain/calendar/local-time.js';
import { claimRun, finishRun, hasRun } from '../store/repos/job-runs-repo.js';
import { runScheduledJob, type ScheduledJobName } from './scheduled-jobs.js';

const TZ = 'Asia/Shanghai';

export interface Schedule {
  job: ScheduledJobName;
  cron: string;
  /** The latest tick at or before `now` (for catching up after downtime). */
  lastTick(now: Date): Date;
  /**
   * What a (possibly late) run evaluates: 'now' for rules about the current state (reminders, the
   * nudge, which the rules keep out of quiet hours), 'tick' for boards, which cover the tick's period.
   */
  asOf: 'now' | 'tick';
  /** False: a tick missed while down is not run at start (it would hold start-up on a platform API). */
  catchUp?: boolean;
}

const everyMinutes = (n: number) => (now: Date) => new Date(Math.floor(now.getTime() / (n * 60_000)) * n * 60_000);

/** Daily at hh:mm Asia/Shanghai, on ISO weekday `weekday` only when given (Monday = 1). */
const dailyAt = (hh: number, mm: number, weekday?: number) => (now: Date) => {
  const local = localTime(now);
  let back = local.minutes >= hh * 60 + mm ? 0 : 1;
  if (weekday !== undefined) back += (((local.weekday - back - weekday) % 7) + 7) % 7;
  return atLocal(addDays(local.date, -back), hh * 60 + mm);
};

/** On the 1st of every month at hh:mm Asia/Shanghai. */
const monthlyAt = (hh: number, mm: number) => (now: Date) => {
  const local = localTime(now);
  const first = `${local.date.slice(0, 8)}01`;
  if (local.date !== first || local.minutes >= hh * 60 + mm) return atLocal(first, hh * 60 + mm);
  return atLocal(`${addDays(first, -1).slice(0, 8)}01`, hh * 60 + mm);
};

export const SCHEDULES: readonly Schedule[] = [
  { job: 'reminders', cron: '*/10 * * * *', lastTick: everyMinutes(10), asOf: 'now' },
  // The job itself skips non-workdays (the calendar lives in config/rules.jsonc).
  { job: 'report-nudge', cron: '0 18 * * *', lastTick: dailyAt(18, 0), asOf: 'now' },
  { job: 'leaderboard-daily', cron: '30 18 * * *', lastTick: dailyAt(18, 30), asOf: 'tick' },
  { job: 'leaderboard-weekly', cron: '0 9 * * 1', lastTick: dailyAt(9, 0, 1), asOf: 'tick' },
  // Team reports (issue 15): the week before, the month before; covered by the tick, like the boards.
  { job: 'report-weekly', cron: '0 9 * * 1', lastTick: dailyAt(9, 0, 1), asOf: 'tick' },
  { job: 'report-monthly', cron: '0 9 1 * *', lastTick: monthlyAt(9, 0), asOf: 'tick' },
  // Lead scores older than 48 h (issue 15), checked hourly so none is ever much older; updates rescore at once.
  { job: 'score-leads', cron: '20 * * * *', lastTick: (now) => new Date(everyMinutes(60)(new Date(now.getTime() - 20 * 60_000)).getTime() + 20 * 60_000), asOf: 'now' },
  // Nightly, when nobody waits on the database; a missed night waits for the next (or the console's button).
  { job: 'directory-sync', cron: '30 2 * * *', lastTick: dailyAt(2, 30), asOf: 'now', catchUp: false },
];

/** Runs one tick if this instance wins its lease; returns whether it ran. */
export async function runTick(deps: AppDeps, job: ScheduledJobName, tick: Date, owner: string, asOf: 'now' | 'tick' = 'now'): Promise<boolean> {
  const tenantId = deps.config.defaultTenantId;
  const runKey = tick.toISOString().slice(0, 16);
  if (!(await claimRun(deps.db, tenantId, job, runKey, owner))) return false;
  const log = deps.logger.child({ job, tick: runKey });
  try {
    await runScheduledJob(deps, job, asOf === 'tick' ? tick : deps.clock.now(), { immediate: false });
    await finishRun(deps.db, tenantId, job, runKey);
  } catch (err) {
    log.error({ err }, 'scheduled job failed');
  }
  return true;
}

export interface Scheduler {
  stop(): Promise<void>;
}

export async function startScheduler(deps: AppDeps, schedules: readonly Schedule[] = SCHEDULES): Promise<Scheduler> {
  const owner = randomUUID();
  for (const s of schedules) {
    if (s.catchUp === false) continue;
    const tick = s.lastTick(deps.clock.now());
    if (!(await hasRun(deps.db, deps.config.defaultTenantId, s.job, tick.toISOString().slice(0, 16)))) {
      deps.logger.info({ job: s.job, tick: tick.toISOString() }, 'catching up a missed tick');
      await runTick(deps, s.job, tick, owner, s.asOf);
    }
  }
  const tasks: ScheduledTask[] = schedules.map((s) =>
    cron.schedule(s.cron, (ctx) => runTick(deps, s.job, ctx.date, owner, s.asOf), { timezone: TZ, noOverlap: true, name: s.job }),
  );
  return {
    async stop() {
      for (const t of tasks) await t.stop();
    },
  };
}
