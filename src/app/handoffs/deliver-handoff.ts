// Hands a commitment on once its fields are complete: the handler gets a commitment of their own (so
// reminders, 完成 / 改期 and escalation apply to it) and the commitment card with the fields; the rep is
// told who has it. Without a handler for the team and role, the rep and the team's managers are told once.
import type { ButtonCard } from '../../channels/outbound-message.js';
import type { HandoffRules, KindRule } from '../../domain/handoffs/handoff-rules.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import { insertCommitment } from '../../store/repos/commitments-repo.js';
import { markHanded, teamManagerIds, type Handler, type ReportCommitment } from '../../store/repos/handoffs-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import { commitmentCard } from '../commitments/commitment-card.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { handoffTexts as t } from './handoff-texts.js';

export interface HandoffToDeliver {
  tenantId: string;
  handoffId: string;
  repUserId: string;
  kind: KindRule;
  commitment: ReportCommitment;
  fields: Record<string, string>;
  at: Date;
}

/** "范围:质检模块", "开始日期:12月14日" … in the kind's order. */
export function fieldLines(rules: HandoffRules, kind: KindRule, fields: Record<string, string>): { label: string; value: string }[] {
  return kind.fields.filter((id) => fields[id]).map((id) => {
    const f = rules.fields.get(id)!;
    return { label: f.label, value: t.value(f.type, fields[id]!) };
  });
}

export async function deliverHandoff(tx: Queryable, rules: HandoffRules, h: HandoffToDeliver, handler: Handler): Promise<Reply[]> {
  const { commitment: k, kind } = h;
  const description = t.handlerCommitment(kind.label, k.description);
  const taskId = await insertCommitment(tx, {
    tenantId: h.tenantId, reportId: null, customerId: k.customerId, ownerUserId: handler.userId, description, dueDate: k.dueDate,
  });
  if (!taskId) return [];
  const handed = await markHanded(tx, { tenantId: h.tenantId, id: h.handoffId, handlerUserId: handler.userId, handlerCommitmentId: taskId, fields: h.fields, at: h.at });
  if (!handed) throw new Error(`hand-off ${h.handoffId} was not collecting`); // rolls the new commitment back
  const rep = await findUser(tx, h.tenantId, h.repUserId);
  const repName = rep?.name ?? h.repUserId;
  const handlerName = handler.name ?? handler.userId;
  const lines = fieldLines(rules, kind, h.fields);
  // The commitment card itself (完成 / 改期 keys, greyed out after 完成), with the fields on top.
  const base = commitmentCard([{ id: taskId, customerName: k.customerName, description, dueDate: k.dueDate }], `ho${h.handoffId.replace(/-/g, '')}`, shanghaiDate(h.at))!;
  const card: ButtonCard = {
    ...base,
    title: t.cardTitle(k.customerName, kind.label),
    description: t.cardDescription(repName, k.description),
    fields: [...lines, ...(base.fields ?? [])],
  };
  return [
    toUser(handler.userId, { kind: 'button_card', card }),
    toUser(h.repUserId, { kind: 'text', text: t.handedToRep(rules.roles.get(kind.role)!, handlerName, kind.label, k.customerName, lines.map((l) => t.fieldLine(l.label, l.value))) }),
  ];
}

/**
 * Nobody keeps this role for the team: the rep and the team's managers hear it once per team and role
 * (the outbox key), not on every report; the commitment stays the rep's.
 */
export async function noHandlerNotices(
  tx: Queryable, rules: HandoffRules, h: { tenantId: string; repUserId: string; teamKey: string; kind: KindRule; commitment: ReportCommitment },
): Promise<Reply[]> {
  const role = rules.roles.get(h.kind.role)!;
  const team = (await listTeams(tx, h.tenantId)).find((x) => x.key === h.teamKey)?.name ?? h.teamKey;
  const rep = await findUser(tx, h.tenantId, h.repUserId);
  const once = (to: string, text: string): Reply => ({ ...toUser(to, { kind: 'text', text }), key: `handoff-gap:${h.teamKey}:${h.kind.role}:${to}` });
  const managers = (await teamManagerIds(tx, h.tenantId, h.teamKey)).filter((m) => m !== h.repUserId);
  return [
    once(h.repUserId, t.noHandlerToRep(h.commitment.description, h.kind.label, role, team, managers.length > 0)),
    ...managers.map((m) => once(m, t.noHandlerToManager(team, role, rep?.name ?? h.repUserId, h.kind.label, h.commitment.description, h.commitment.customerName))),
  ];
}
