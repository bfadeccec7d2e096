// The named scheduled jobs: what each one runs, shared by the cron scheduler and run-on-demand.
import type { AppDeps } from '../app/app-deps.js';
import { runDirectorySync } from '../app/directory/sync-directory.js';
import { runLeaderboard } from '../app/leaderboards/run-leaderboard.js';
import { runReminders } from '../app/reminders/run-reminders.js';

export const SCHEDULED_JOB_NAMES = ['reminders', 'report-nudge', 'leaderboard-daily', 'leaderboard-weekly', 'directory-sync'] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export async function runScheduledJob(deps: AppDeps, name: ScheduledJobName, at: Date, opts: { immediate: boolean }): Promise<unknown> {
  switch (name) {
    case 'reminders':
    case 'report-nudge':
      return runReminders(deps, name, at, opts);
    case 'leaderboard-daily':
    case 'leaderboard-weekly':
      return runLeaderboard(deps, name, at, opts);
    case 'directory-sync':
      // The directory as it is now: `at` does not apply (a listing cannot be asked about the past).
      return runDirectorySync(deps, 'schedule');
  }
}
