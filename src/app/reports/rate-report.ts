// Managers rate confirmed battle reports from a card (★ / ★★ / ★★★): the rating is stored once, the
// rep earns the points, ★★+ enters the team knowledge base and ★★★ is flagged as a 标杆案例.
import { ratingAward } from '../../domain/points/report-points.js';
import type { Queryable } from '../../store/database.js';
import { rateReport, reportOwner } from '../../store/repos/battle-reports-repo.js';
import { managersOf } from '../../store/repos/manager-stats-repo.js';
import { appendAwards } from '../../store/repos/points-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import type { BattleReport } from '../../domain/reports/battle-report.js';
import type { EventContext } from '../inbound/event-context.js';
import { toUser, type Reply } from '../outbound/reply.js';

export const RATING_KEY_PREFIX = 'rate:';
const STAR_TEXT = { 1: '★', 2: '★★', 3: '★★★' } as const;

/** Cards asking each of the rep's managers to rate the just-confirmed report. */
export async function ratingCards(tx: Queryable, tenantId: string, repId: string, reportId: string, report: BattleReport): Promise<Reply[]> {
  const managers = await managersOf(tx, tenantId, repId);
  if (managers.length === 0) return [];
  const rep = await findUser(tx, tenantId, repId);
  return managers.map((m) =>
    toUser(m, {
      kind: 'button_card',
      card: {
        taskId: `rate-${reportId}-${m}`.slice(0, 128),
        title: `${rep?.name ?? repId} 的战报${report.customer ? ` · ${report.customer}` : ''}`,
        description: report.progress,
        fields: report.nextAction ? [{ label: '下一步', value: `${report.nextAction}${report.nextActionDue ? `(${report.nextActionDue.slice(5)})` : ''}` }] : [],
        buttons: ([1, 2, 3] as const).map((n) => ({ key: `${RATING_KEY_PREFIX}${reportId}:${n}`, text: STAR_TEXT[n], primary: n === 2 })),
      },
    }),
  );
}

export async function handleRating(
  tx: Queryable,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const m = /^rate:(.+):([123])$/.exec(click.actionKey);
  if (!m) return [];
  const reportId = m[1]!;
  const stars = Number(m[2]) as 1 | 2 | 3;
  const owner = await reportOwner(tx, ctx.tenantId, reportId);
  const manager = ctx.event.senderId;
  if (!owner || !(await managersOf(tx, ctx.tenantId, owner.userId)).includes(manager)) return [];
  const rated = await applyRating(tx, ctx.tenantId, reportId, stars, manager, ctx.event.sentAt);
  if (!rated) return []; // already rated
  const label = `已评 ${STAR_TEXT[stars]}${stars === 3 ? ' · 标杆案例' : stars === 2 ? ' · 进知识库' : ''}`;
  return [
    ...(click.responseCode ? [toUser(manager, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label })] : []),
    rated.notice,
  ];
}

/**
 * Stores the rating once, pays the rep and words what the rep is told; null when the report is unknown or
 * already rated. The chat card and the console (app/console) both rate through here; each checks who may.
 */
export async function applyRating(
  tx: Queryable, tenantId: string, reportId: string, stars: 1 | 2 | 3, ratedBy: string, at: Date,
): Promise<{ ownerUserId: string; points: number; notice: Reply } | null> {
  const owner = await reportOwner(tx, tenantId, reportId);
  if (!owner || !(await rateReport(tx, tenantId, reportId, stars, ratedBy, at))) return null;
  const added = await appendAwards(tx, tenantId, owner.userId, [ratingAward(reportId, stars)], at);
  const points = added.reduce((s, a) => s + a.points, 0);
  const text = `主管给你${owner.customer ? `「${owner.customer}」` : ''}的战报打了${STAR_TEXT[stars]}${points ? `,+${points}分` : ''}。`;
  return { ownerUserId: owner.userId, points, notice: toUser(owner.userId, { kind: 'text', text }) };
}
