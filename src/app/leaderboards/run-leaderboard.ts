// The daily 战报之星 (18:30) and weekly board (Monday 09:00, previous week) for every team with an alert
// target: a markdown board plus a PNG chart (inline for group robots, uploaded for app group chats). Keyed per team and period in the outbox,
// so a board is posted at most once per period however often the job runs.
import { boardTitle, boardView, periodRange, previousWeek, renderViewMarkdown, withStoreRows, type BoardView } from '../../domain/leaderboards/index.js';
import { visitsPerStore } from '../../store/repos/stores-repo.js';
import { localTime } from '../../domain/calendar/local-time.js';
import { renderBoardPng } from '../../providers/charts/board-chart.js';
import type { OutboundMessage, Recipient } from '../../channels/outbound-message.js';
import { alertDelivery } from '../teams/alert-delivery.js';
import { insertOutbound } from '../../store/repos/outbox-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import type { AppDeps } from '../app-deps.js';
import { teamBoard } from './team-board.js';
import { withTargetLine } from '../targets/board-line.js';

export type LeaderboardJob = 'leaderboard-daily' | 'leaderboard-weekly';

export async function runLeaderboard(deps: AppDeps, job: LeaderboardJob, at: Date, opts: { immediate: boolean }) {
  const tenantId = deps.config.defaultTenantId;
  const daily = job === 'leaderboard-daily';
  // The daily star is for working days; the weekly board always goes out.
  if (daily && !opts.immediate && !deps.pushRules.calendar.isWorkday(localTime(at).date)) {
    return { job, at: at.toISOString(), skipped: 'not a workday', posted: [] };
  }
  const period = daily ? periodRange('day', at) : previousWeek(at);
  const title = daily ? boardTitle(period) : boardTitle(period, 'previous');
  // A late (caught-up) run still respects quiet hours as of the real clock.
  const deliverAt = opts.immediate ? undefined : deps.pushRules.calendar.deliverAt(new Date(Math.max(at.getTime(), deps.clock.now().getTime())));
  const posted: { team: string; entries: number; chart: boolean }[] = [];
  for (const team of await listTeams(deps.db, tenantId)) {
    if (!team.alert || team.memberUserIds.length === 0) continue;
    const board = await teamBoard(deps.db, tenantId, team.memberUserIds, period, deps.pushRules.calendar);
    const { channel, recipient: to } = alertDelivery(team.alert);
    // Store rows: visits at the team's stores in the same period (issue 6's store scenario).
    const stores = await visitsPerStore(deps.db, tenantId, team.key, period.start, period.end);
    // One view for both: the picture shows exactly the rows, ranks and medals of the text.
    const view = boardView(board, `${team.name} · ${title}`, stores);
    const boardText = withStoreRows(renderViewMarkdown(view), stores);
    // The daily board carries the team's progress against its target (app/targets/board-line.ts).
    const markdown = daily ? await withTargetLine(deps, tenantId, team.key, boardText, at) : boardText;
    const messages: OutboundMessage[] = [{ kind: 'markdown', markdown }];
    const chart = chartFor(deps, view, team.key, to);
    if (chart) messages.push(chart);
    await deps.db.transaction(async (tx) => {
      for (const [i, message] of messages.entries()) {
        const id = await insertOutbound(tx, {
          tenantId, channel, idempotencyKey: `board:${job}:${team.key}:${period.firstDate}:${i}`, recipient: to, message, notBefore: deliverAt ?? deps.clock.now(),
        });
        if (id) await deps.queue.enqueue('deliver-outbound', { outboxId: id }, { tx, startAfter: deliverAt });
      }
    });
    posted.push({ team: team.key, entries: board.length, chart: messages.length > 1 });
  }
  deps.logger.info({ job, at: at.toISOString(), teams: posted.length }, 'leaderboards posted');
  return { job, at: at.toISOString(), period: { from: period.firstDate, to: period.lastDate }, posted };
}

/** The board as a PNG, or null where it cannot go or cannot be drawn (the markdown board still goes). */
function chartFor(deps: AppDeps, view: BoardView, teamKey: string, to: Recipient): OutboundMessage | null {
  // A DingTalk custom robot takes pictures only by public URL, never uploaded media.
  if (to.kind === 'dingtalk_webhook') return null;
  try {
    const png = renderBoardPng(view);
    return { kind: 'image', base64: png.base64, md5: png.md5 };
  } catch (err) {
    // A missing CJK font only costs the picture.
    deps.logger.warn({ err, team: teamKey }, 'leaderboard chart could not be rendered');
    return null;
  }
}
