// Gathers one team's weekly or monthly report: the read models (store/repos/team-reports-repo.ts and the
// ones 漏斗, 健康度, 逾期 and 预测 use) put through the pure metrics of domain/team-reports/.
import { distinctBreaches } from '../../domain/reminders/alert-text.js';
import { fulfilment } from '../../domain/commitments/fulfilment.js';
import { monthDay, type Period } from '../../domain/leaderboards/periods.js';
import { averageCycle } from '../../domain/team-reports/average-cycle.js';
import { bestReport } from '../../domain/team-reports/best-report.js';
import { periodFunnel } from '../../domain/team-reports/period-funnel.js';
import { monthOf, workdaysIn, type TeamReportKind } from '../../domain/team-reports/report-periods.js';
import { submissionRate } from '../../domain/team-reports/submission-rate.js';
import { targetProgress } from '../../domain/team-reports/target-progress.js';
import type { LabelledCount, TeamReport } from '../../domain/team-reports/team-report.js';
import { teamReportTexts } from '../../domain/team-reports/team-report-texts.js';
import { competitorCounts, industryTopObjections, lostReasonCounts, objectionCounts, type Counted } from '../../domain/team-reports/top-counts.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import { commitmentOutcomes } from '../../store/repos/commitments-repo.js';
import type { Team } from '../../store/repos/teams-repo.js';
import {
  periodLostReasons, periodStagePaths, ratedReports, reportDays, reportObjections, wonDeals,
} from '../../store/repos/team-reports-repo.js';
import type { AppDeps } from '../app-deps.js';
import { teamBreaches, teamForecast } from '../commands/manager-commands.js';
import { NOT_GIVEN } from '../lost-reasons/lost-reason-summary.js';
import { reasonLabel } from '../lost-reasons/reason-label.js';
import { topicLabels } from '../messages.js';
import { teamWonAmount, teamWonTarget } from './team-target.js';

/** The industries' objections look back this far from the period's end (issue 15 item 6). */
export const INDUSTRY_WINDOW_DAYS = 90;

type Deps = Pick<AppDeps, 'stages' | 'pushRules'>;

const labelled = (items: readonly Counted[], label: (key: string) => string): LabelledCount[] => items.map((c) => ({ label: label(c.key), count: c.count }));
const topicLabel = (t: string) => topicLabels[t] ?? t;

export async function buildTeamReport(q: Queryable, deps: Deps, tenantId: string, team: Team, kind: TeamReportKind, period: Period, at: Date): Promise<TeamReport> {
  const reps = team.memberUserIds;
  const { stages } = deps;
  const funnel = periodFunnel(await periodStagePaths(q, tenantId, reps, period.start, period.end), stages);
  const submission = submissionRate(await reportDays(q, tenantId, reps, period.start, period.end), workdaysIn(period, deps.pushRules.calendar));
  const today = shanghaiDate(at);
  // Statuses as of the run: a promise due on the period's last day and still open is broken by now.
  const kept = fulfilment(await commitmentOutcomes(q, tenantId, reps, period.firstDate, period.lastDate), period.firstDate, today);
  const facts = await reportObjections(q, tenantId, reps, period.start, period.end);
  const best = bestReport(await ratedReports(q, tenantId, reps, period.start, period.end));
  return {
    kind,
    teamName: team.name,
    periodLabel: period.label,
    periodDates: `${monthDay(period.firstDate)}–${monthDay(period.lastDate)}`,
    funnel: {
      customers: funnel.customers,
      stages: funnel.stages.map((s) => ({ label: stages.label(s.stage), reached: s.reached, advanced: s.advanced })),
      wonLabel: stages.label(stages.won), won: funnel.won, lostLabel: stages.label(stages.lost), lost: funnel.lost,
    },
    cycle: averageCycle(await wonDeals(q, tenantId, reps, stages.won, period.start, period.end)),
    submission: { team: submission.team, workdays: submission.workdays, reps: submission.reps.map((r) => ({ name: r.name, days: r.days })) },
    fulfilment: kept,
    overdue: distinctBreaches(await teamBreaches(q, deps, tenantId, reps, at)).size,
    objections: labelled(objectionCounts(facts), topicLabel),
    competitors: labelled(competitorCounts(facts), (c) => c),
    lostReasons: labelled(lostReasonCounts(await periodLostReasons(q, tenantId, reps, stages.lost, period.start, period.end), NOT_GIVEN), reasonLabel),
    targets: await targets(q, deps, tenantId, team, kind, period, today),
    best: best && { stars: best.rating, repName: best.repName, customer: best.customer, progress: best.progress },
    industries: await industries(q, tenantId, reps, period),
  };
}

/** Weekly: this month so far with its forecast. Monthly: the month reported on, then the month starting. */
async function targets(q: Queryable, deps: Deps, tenantId: string, team: Team, kind: TeamReportKind, period: Period, today: string) {
  const months = kind === 'weekly'
    ? [{ month: monthOf(today), relation: 'this' as const }]
    : [{ month: monthOf(period.firstDate), relation: 'last' as const }, { month: monthOf(today), relation: 'this' as const }];
  const forecast = await teamForecast(q, deps, tenantId, team.memberUserIds);
  const out = [];
  for (const m of months) {
    const expected = m.relation === 'this' ? (forecast.months.find((f) => f.month === m.month)?.amount ?? 0) : 0;
    const won = await teamWonAmount(q, deps, tenantId, team.memberUserIds, m.month);
    out.push({ ...targetProgress(m.month, won, Math.round(expected), await teamWonTarget(q, tenantId, team.key, m.month)), relation: m.relation });
  }
  return out;
}

async function industries(q: Queryable, tenantId: string, reps: readonly string[], period: Period) {
  const since = new Date(period.end.getTime() - INDUSTRY_WINDOW_DAYS * 86_400_000);
  const rows = await reportObjections(q, tenantId, reps, since, period.end);
  return industryTopObjections(rows, teamReportTexts.unclassified).map((i) => ({ industry: i.industry, top: labelled(i.top, topicLabel) }));
}
