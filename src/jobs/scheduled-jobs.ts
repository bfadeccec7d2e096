// The named scheduled jobs: what each one runs, shared by the cron scheduler and run-on-demand.
import type { AppDeps } from '../app/app-deps.js';
import { runDirectorySync } from '../app/directory/sync-directory.js';
import { runLeaderboard } from '../app/leaderboards/run-leaderboard.js';
import { runReminders } from '../app/reminders/run-reminders.js';
import { runScoreLeads } from '../app/scoring/rescore.js';
import { runTeamReports } from '../app/team-reports/run-team-reports.js';

export const SCHEDULED_JOB_NAMES = ['reminders', 'report-nudge', 'leaderboard-daily', 'leaderboard-weekly', 'directory-sync', 'report-weekly', 'report-monthly', 'score-leads'] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOB_NAMES)[number];

export async function runScheduledJob(deps: AppDeps, name: ScheduledJobName, at: Date, opts: { immediate: boolean }): Promise<unknown> {
  switch (name) {
    case 'reminders':
    case 'report-nudge':
      return runReminders(deps, name, at, opts);
    case 'leaderboard-daily':
    case 'leaderboard-weekly':
      return runLeaderboard(deps, name, at, opts);
    case 'report-weekly':
    case 'report-monthly':
      return runTeamReports(deps, name, at, opts);
    case 'score-leads':
      return runScoreLeads(deps, at);
    case 'directory-sync':
      // The directory as it is now: `at` does not apply (a listing cannot be asked about the past).
      return runDirectorySync(deps, 'schedule');
  }
}
