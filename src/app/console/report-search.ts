// 战报 in the console: search with the page's filters and tabs (全部 / 知识库 = ★★ and up / 标杆案例 = ★★★,
// docs/product.md "Knowledge"), one report in full, and a rating by the writer's manager or an admin
// through the chat card's rule (app/reports/rate-report.ts: rated once, points paid once, the rep told).
import { AppError, badRequest, forbidden, notFound } from '../../shared/errors.js';
import type { Queryable } from '../../store/database.js';
import { searchReports, type ReportFilter, type ReportRow } from '../../store/repos/console-reports-repo.js';
import { managersOf } from '../../store/repos/manager-stats-repo.js';
import type { AppDeps } from '../app-deps.js';
import { topicLabels } from '../messages.js';
import { enqueueReplies } from '../outbound/reply.js';
import { applyRating } from '../reports/rate-report.js';
import { actorOf } from './audit.js';
import { requireTeamVisible } from './team-scope.js';
import { canSeeOwner, ownersVisibleTo, type Viewer } from './viewer.js';

export type ReportTab = 'all' | 'knowledge' | 'benchmark';
export const REPORT_TABS: readonly ReportTab[] = ['all', 'knowledge', 'benchmark'];

export interface ReportQuery {
  userId?: string;
  teamKey?: string;
  from?: string;
  to?: string;
  topic?: string;
  objection?: string;
  competitor?: string;
  q?: string;
  stars?: number;
  tab: ReportTab;
  page: number;
  pageSize: number;
}

type Deps = Pick<AppDeps, 'stages' | 'reportRules'>;

export async function searchReportsFor(q: Queryable, deps: Deps, viewer: Viewer, f: ReportQuery) {
  if (f.teamKey) await requireTeamVisible(q, viewer, f.teamKey);
  if (f.userId && !(await canSeeOwner(q, viewer, f.userId))) throw forbidden('owner_out_of_scope', '你没有这个人的战报权限');
  const filter: ReportFilter = {
    writers: await ownersVisibleTo(q, viewer),
    userId: f.userId, teamKey: f.teamKey, from: f.from, to: f.to, topic: f.topic, objection: f.objection, competitor: f.competitor, q: f.q,
    stars: f.stars,
    ...(f.tab === 'knowledge' ? { minStars: 2 } : f.tab === 'benchmark' ? { stars: 3 } : {}),
    limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
  };
  // A 标杆案例 tab asked for another exact rating is simply empty.
  if (f.tab === 'benchmark' && f.stars !== undefined && f.stars !== 3) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
  const { rows, total } = await searchReports(q, viewer.tenantId, filter);
  return { items: rows.map((r) => summaryOf(deps, r)), total, page: f.page, pageSize: f.pageSize };
}

export async function reportDetailFor(q: Queryable, deps: Deps, viewer: Viewer, id: string) {
  const row = await visibleReport(q, viewer, id);
  return {
    ...summaryOf(deps, row),
    contact: row.contact,
    paymentTermsDays: row.paymentTermsDays,
    vaguePhrases: row.vaguePhrases,
    transcript: row.transcript,
    ratedBy: row.ratedBy === null ? null : { id: row.ratedBy, name: row.ratedByName ?? (row.ratedBy === 'admin-token' ? '管理员' : row.ratedBy) },
    ratedAt: row.ratedAt?.toISOString() ?? null,
    canRate: row.rating === null && (await mayRate(q, viewer, row.userId)),
  };
}

/** Rates the report: 404 outside the scope, 403 for anyone but an admin or the writer's manager, 409 once rated. */
export async function rateFromConsole(deps: Pick<AppDeps, 'db' | 'queue' | 'clock' | 'pushRules'>, viewer: Viewer, id: string, stars: unknown) {
  if (stars !== 1 && stars !== 2 && stars !== 3) throw badRequest('invalid_stars', '评分只能是 1–3 星');
  const report = await visibleReport(deps.db, viewer, id);
  if (!(await mayRate(deps.db, viewer, report.userId))) throw forbidden('forbidden', '只有这位销售的主管或管理员可以评分');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const rated = await applyRating(tx, viewer.tenantId, id, stars, actorOf(viewer), now);
    if (!rated) throw new AppError('already_rated', `这条战报已经评过了(${'★'.repeat(report.rating ?? 0) || '已评'})`, { status: 409 });
    // "主管给你打了★★★" is a push: quiet hours hold it until the morning, as for a tap on the chat card.
    const pushes = { senderIds: viewer.userId ? [viewer.userId] : [], notBefore: deps.pushRules.calendar.deliverAt(now) };
    await enqueueReplies(tx, deps.queue, { tenantId: viewer.tenantId, channel: 'wecom', idempotencyPrefix: `console-rating:${id}`, now, pushes }, [rated.notice]);
    return { stars, points: rated.points, repUserId: rated.ownerUserId };
  });
}

async function visibleReport(q: Queryable, viewer: Viewer, id: string): Promise<ReportRow> {
  if (id.length > 64) throw notFound('report_not_found', '没有找到这条战报');
  const { rows } = await searchReports(q, viewer.tenantId, { writers: await ownersVisibleTo(q, viewer), id, limit: 1, offset: 0 });
  if (!rows[0]) throw notFound('report_not_found', '没有找到这条战报');
  return rows[0];
}

/** An admin, or a manager of a team the writer is a member of (the chat's rating card goes to exactly them). */
async function mayRate(q: Queryable, viewer: Viewer, writerId: string): Promise<boolean> {
  if (viewer.role === 'admin') return true;
  return viewer.userId !== null && (await managersOf(q, viewer.tenantId, writerId)).includes(viewer.userId);
}

function summaryOf(deps: Deps, r: ReportRow) {
  return {
    id: r.id,
    recordedAt: r.recordedAt.toISOString(),
    rep: { id: r.userId, name: r.userName },
    teamKey: r.teamKey,
    customer: r.customerId ? { id: r.customerId, name: r.customerName } : null,
    customerName: r.customerName,
    stage: r.stage,
    stageLabel: r.stage ? deps.stages.label(r.stage) : null,
    progress: r.progress,
    objections: r.objections.map((o) => ({ topic: o.topic, topicLabel: topicLabels[o.topic] ?? o.topic, quote: o.quote })),
    competitors: r.competitors,
    amount: r.amount,
    amountText: r.amount === null ? null : deps.reportRules.formatAmount(r.amount),
    nextAction: r.nextAction,
    nextActionDue: r.nextActionDue,
    rating: r.rating,
    knowledge: r.knowledge,
    topics: r.topics.map((id) => ({ id, label: topicLabels[id] ?? id })),
  };
}
