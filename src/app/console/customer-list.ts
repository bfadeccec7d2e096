// 客户 list: the viewer's customers (an admin all, a manager their teams' and their own, a rep their own)
// with the filters of the page. Filters naming a team or an owner outside the viewer's scope are refused.
import { forbidden } from '../../shared/errors.js';
import type { Queryable } from '../../store/database.js';
import { searchCustomers, type CustomerListRow } from '../../store/repos/console-customers-repo.js';
import type { AppDeps } from '../app-deps.js';
import { topicLabels } from '../messages.js';
import { requireTeamVisible } from './team-scope.js';
import { canSeeOwner, ownersVisibleTo, type Viewer } from './viewer.js';

const DAY_MS = 86_400_000;

export interface CustomerListQuery {
  /** A stage id, or 'none' for customers without a stage. */
  stage?: string;
  ownerUserId?: string;
  teamKey?: string;
  untouchedDays?: number;
  topic?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listCustomersFor(q: Queryable, deps: Pick<AppDeps, 'stages' | 'reportRules'>, viewer: Viewer, f: CustomerListQuery, now: Date) {
  if (f.teamKey) await requireTeamVisible(q, viewer, f.teamKey);
  if (f.ownerUserId && !(await canSeeOwner(q, viewer, f.ownerUserId))) throw forbidden('owner_out_of_scope', '你没有这个人的客户权限');
  const { rows, total } = await searchCustomers(q, viewer.tenantId, {
    owners: await ownersVisibleTo(q, viewer),
    unstaged: f.stage === 'none',
    stage: f.stage === 'none' ? null : f.stage,
    ownerUserId: f.ownerUserId,
    teamKey: f.teamKey,
    untouchedSince: f.untouchedDays === undefined ? undefined : new Date(now.getTime() - f.untouchedDays * DAY_MS),
    topic: f.topic,
    q: f.q,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: rows.map((r) => customerRow(deps, r, now)), total, page: f.page, pageSize: f.pageSize };
}

/** Whole days since the last touch (since creation for a customer never touched). */
export const untouchedDays = (lastTouchAt: Date | null, createdAt: Date, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - (lastTouchAt ?? createdAt).getTime()) / DAY_MS));

function customerRow(deps: Pick<AppDeps, 'stages' | 'reportRules'>, r: CustomerListRow, now: Date) {
  return {
    id: r.id,
    name: r.name,
    stage: r.stage,
    stageLabel: r.stage ? deps.stages.label(r.stage) : null,
    owner: { id: r.ownerUserId, name: r.ownerName },
    teamKey: r.teamKey,
    amount: r.amount,
    amountText: r.amount === null ? null : deps.reportRules.formatAmount(r.amount),
    lastTouchAt: r.lastTouchAt?.toISOString() ?? null,
    untouchedDays: untouchedDays(r.lastTouchAt, r.createdAt, now),
    topics: r.topics.map((id) => ({ id, label: topicLabels[id] ?? id })),
  };
}
