// Jobs report-weekly (Monday 09:00, the week before) and report-monthly (the 1st at 09:00, the month
// before): one report per team with an alert target and members, as markdown plus a PNG chart (inline
// for group robots, uploaded for app and DingTalk groups; a DingTalk custom robot takes no picture).
// Keyed per team and period in the outbox, so a report goes out once however often the job runs.
import type { OutboundMessage, Recipient } from '../../channels/outbound-message.js';
import { renderTeamReport } from '../../domain/team-reports/render-team-report.js';
import { teamReportChartData } from '../../domain/team-reports/report-chart-data.js';
import { reportPeriod, type TeamReportKind } from '../../domain/team-reports/report-periods.js';
import type { TeamReport } from '../../domain/team-reports/team-report.js';
import { renderTeamReportPng } from '../../providers/charts/team-report-chart.js';
import { insertOutbound } from '../../store/repos/outbox-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import type { AppDeps } from '../app-deps.js';
import { alertDelivery } from '../teams/alert-delivery.js';
import { buildTeamReport } from './build-team-report.js';

export type TeamReportJob = 'report-weekly' | 'report-monthly';

export async function runTeamReports(deps: AppDeps, job: TeamReportJob, at: Date, opts: { immediate: boolean }) {
  const tenantId = deps.config.defaultTenantId;
  const kind: TeamReportKind = job === 'report-weekly' ? 'weekly' : 'monthly';
  const period = reportPeriod(kind, at);
  // A late (caught-up) run still respects quiet hours as of the real clock.
  const deliverAt = opts.immediate ? undefined : deps.pushRules.calendar.deliverAt(new Date(Math.max(at.getTime(), deps.clock.now().getTime())));
  const posted: { team: string; chart: boolean; queued: number }[] = [];
  for (const team of await listTeams(deps.db, tenantId)) {
    if (!team.alert || team.memberUserIds.length === 0) continue;
    const report = await buildTeamReport(deps.db, deps, tenantId, team, kind, period, at);
    const { channel, recipient: to } = alertDelivery(team.alert);
    const markdown = renderTeamReport(report, { formatAmount: deps.reportRules.formatAmount, paragraphs: channel === 'dingtalk' });
    const messages: OutboundMessage[] = [{ kind: 'markdown', markdown }];
    const chart = chartFor(deps, report, team.key, to);
    if (chart) messages.push(chart);
    let queued = 0;
    await deps.db.transaction(async (tx) => {
      for (const [i, message] of messages.entries()) {
        const id = await insertOutbound(tx, {
          tenantId, channel, idempotencyKey: `team-report:${kind}:${team.key}:${period.firstDate}:${i}`, recipient: to, message, notBefore: deliverAt ?? deps.clock.now(),
        });
        if (!id) continue; // already sent (or queued) for this team and period
        queued++;
        await deps.queue.enqueue('deliver-outbound', { outboxId: id }, { tx, startAfter: deliverAt });
      }
    });
    posted.push({ team: team.key, chart: messages.length > 1, queued });
  }
  deps.logger.info({ job, at: at.toISOString(), teams: posted.length }, 'team reports posted');
  return { job, at: at.toISOString(), period: { from: period.firstDate, to: period.lastDate }, posted };
}

/** The chart, or null where it cannot go or cannot be drawn (the markdown still goes). */
function chartFor(deps: AppDeps, report: TeamReport, teamKey: string, to: Recipient): OutboundMessage | null {
  // A DingTalk custom robot takes pictures only by public URL, never uploaded media.
  if (to.kind === 'dingtalk_webhook') return null;
  try {
    const png = renderTeamReportPng(teamReportChartData(report));
    return { kind: 'image', base64: png.base64, md5: png.md5 };
  } catch (err) {
    // A missing CJK font only costs the picture.
    deps.logger.warn({ err, team: teamKey }, 'team report chart could not be rendered');
    return null;
  }
}
