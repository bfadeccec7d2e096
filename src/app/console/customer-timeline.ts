// One customer in the console: its fields, aliases, owner and team, and a timeline merged by time — what was
// said (touches with their text and kind), stage moves with their evidence, battle reports, commitments and
// store visits under its name. A customer outside the viewer's scope is a 404, exactly like a missing one.
import { AppError, notFound } from '../../shared/errors.js';
import type { Queryable } from '../../store/database.js';
import { customerTimelineRows, ownerOf } from '../../store/repos/console-customers-repo.js';
import { listAliases, mergedInto } from '../../store/repos/customer-aliases-repo.js';
import { getCustomer, type Customer } from '../../store/repos/customers-repo.js';
import type { AppDeps } from '../app-deps.js';
import { topicLabels } from '../messages.js';
import { touchKindLabel } from '../../domain/touches/touch-kind.js';
import { untouchedDays } from './customer-list.js';
import { canSeeOwner, type Viewer } from './viewer.js';
import { handoffRulesOf } from '../handoffs/handoff-rules-of.js';
import { reasonWithNote } from '../lost-reasons/reason-label.js';

const COMMITMENT_STATUS: Record<string, string> = { open: '进行中', done: '已完成', rescheduled: '已改期', dropped: '已放弃' };
const HANDOFF_STATUS: Record<string, (handler: string) => string> = {
  collecting: () => '待补充转交信息',
  handed: (handler) => `已转给 ${handler}`,
  no_handler: () => '团队未设负责人,未转交',
  cancelled: () => '销售取消了转交',
  expired: () => '转交信息没补全,未转交',
};

/** "POC/试用 · 已转给 张实施": what became of a promise handed on (承诺穿透). */
function handoffLine(deps: Deps, h: { kind: string; status: string; handlerName: string | null }): string {
  const kind = handoffRulesOf(deps).kinds.find((k) => k.id === h.kind)?.label ?? h.kind;
  return `${kind} · ${(HANDOFF_STATUS[h.status] ?? (() => h.status))(h.handlerName ?? '负责人')}`;
}

/** The customer when the viewer may see it; otherwise 404 (a merged id says where it went, if that is visible). */
export async function visibleCustomer(q: Queryable, viewer: Viewer, id: string): Promise<Customer> {
  const customer = await getCustomer(q, viewer.tenantId, id);
  if (customer && (await canSeeOwner(q, viewer, customer.ownerUserId))) return customer;
  if (!customer) {
    const went = await mergedInto(q, viewer.tenantId, id);
    const into = went ? await getCustomer(q, viewer.tenantId, went) : null;
    if (into && (await canSeeOwner(q, viewer, into.ownerUserId))) {
      throw new AppError('customer_merged', `这个客户已合并到「${into.name}」`, { status: 404, details: { mergedIntoId: into.id } });
    }
  }
  throw notFound('customer_not_found', '没有找到这个客户');
}

type Deps = Pick<AppDeps, 'stages' | 'reportRules' | 'config'>;

export async function customerDetailFor(q: Queryable, deps: Deps, viewer: Viewer, id: string, now: Date) {
  const c = await visibleCustomer(q, viewer, id);
  const [aliases, owner] = await Promise.all([listAliases(q, viewer.tenantId, c.id), ownerOf(q, viewer.tenantId, c.ownerUserId)]);
  const rows = await customerTimelineRows(q, viewer.tenantId, c.id, [c.name, ...aliases.map((a) => a.alias)]);
  const amount = c.amount ?? rows.reports.find((r) => r.amount !== null)?.amount ?? null;
  const mayAct = viewer.role === 'admin' || viewer.role === 'manager';
  return {
    id: c.id,
    name: c.name,
    stage: c.stage,
    stageLabel: c.stage ? deps.stages.label(c.stage) : null,
    owner: { id: c.ownerUserId, name: owner.name },
    teamKey: owner.teamKey,
    amount,
    amountText: amount === null ? null : deps.reportRules.formatAmount(amount),
    industry: c.industry,
    lastTouchAt: c.lastTouchAt?.toISOString() ?? null,
    untouchedDays: untouchedDays(c.lastTouchAt, c.createdAt, now),
    createdAt: c.createdAt.toISOString(),
    aliases: aliases.map((a) => ({ name: a.alias, merged: a.mergedFromId !== null, createdAt: a.createdAt.toISOString() })),
    can: { rename: mayAct, merge: mayAct, reassign: mayAct },
    timeline: timelineOf(deps, rows),
  };
}

function timelineOf(deps: Deps, rows: Awaited<ReturnType<typeof customerTimelineRows>>) {
  const label = (s: string | null) => (s ? deps.stages.label(s) : null);
  const items = [
    ...rows.touches.map((t) => ({
      type: 'touch' as const, id: t.id, at: t.at, who: t.who, kind: t.kind, kindLabel: touchKindLabel(t.kind), text: t.text ?? '',
      topics: t.topics.map((id) => ({ id, label: topicLabels[id] ?? id })),
    })),
    ...rows.stageChanges.map((s) => ({
      type: 'stage' as const, id: s.id, at: s.at, who: s.who, from: s.from, fromLabel: label(s.from), to: s.to, toLabel: label(s.to), evidence: s.evidence,
      lostReason: s.lostReason ? reasonWithNote(s.lostReason, s.lostNote) : null,
    })),
    ...rows.reports.map((r) => ({
      type: 'report' as const, id: r.id, at: r.at, who: r.who, progress: r.progress, nextAction: r.nextAction, nextActionDue: r.nextActionDue,
      rating: r.rating, amountText: r.amount === null ? null : deps.reportRules.formatAmount(r.amount),
    })),
    ...rows.commitments.map((k) => ({
      type: 'commitment' as const, id: k.id, at: k.at, who: k.who, description: k.description, dueDate: k.dueDate, status: k.status,
      statusLabel: COMMITMENT_STATUS[k.status] ?? k.status, closedAt: k.closedAt?.toISOString() ?? null,
      handoff: k.handoff ? handoffLine(deps, k.handoff) : null,
    })),
    ...rows.visits.map((v) => ({
      type: 'visit' as const, id: v.id, at: v.at, who: v.who, storeName: v.storeName, question: v.question, complianceNote: v.complianceNote,
    })),
  ];
  // Newest first; at the same instant the stage move follows what caused it (it is listed above it).
  const order = { stage: 0, commitment: 1, report: 2, touch: 3, visit: 4 } as const;
  items.sort((a, b) => b.at.getTime() - a.at.getTime() || order[a.type] - order[b.type]);
  return items.map((i) => ({ ...i, at: i.at.toISOString() }));
}
