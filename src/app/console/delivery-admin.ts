// The console's 提醒与推送 page: the alert log (which reminder went to whom, when, carrying which rules)
// and the outbox (pending rows, dead letters with their reason, 重试). An admin sees every row; a
// manager the rows to their people (themselves and their teams' members) and to their teams' targets.
import { recipientKey, type OutboundMessage } from '../../channels/outbound-message.js';
import { AppError, notFound } from '../../shared/errors.js';
import { own } from '../../shared/own.js';
import type { Queryable } from '../../store/database.js';
import {
  alertRulesOf, countOutbox, findOutboxLog, listOutboxLog, type LoggedOutbound, type OutboxScope, type OutboxStatus,
} from '../../store/repos/outbox-log-repo.js';
import { listTeams, type Team } from '../../store/repos/teams-repo.js';
import type { AppDeps } from '../app-deps.js';
import { retryDeadLetter } from '../outbound/retry-dead.js';
import { alertDelivery } from '../teams/alert-delivery.js';
import { adminText } from './admin-texts.js';
import { RULE_LABELS } from './push-rules-view.js';
import { ownersVisibleTo, teamsVisibleTo, type Viewer } from './viewer.js';

const targetOf = (t: Team) => {
  if (!t.alert) return null;
  const { channel, recipient } = alertDelivery(t.alert);
  return `${channel} ${recipientKey(recipient)}`;
};

/** Teams by the outbox target their alerts go to, to name group recipients and scope them. */
async function teamsByTarget(q: Queryable, tenantId: string): Promise<Map<string, Team>> {
  const out = new Map<string, Team>();
  for (const t of await listTeams(q, tenantId)) {
    const target = targetOf(t);
    if (target) out.set(target, t);
  }
  return out;
}

export async function outboxScope(q: Queryable, viewer: Viewer, targets: ReadonlyMap<string, Team>): Promise<OutboxScope> {
  const people = await ownersVisibleTo(q, viewer);
  const teams = teamsVisibleTo(viewer, null);
  if (people === 'all' || teams === 'all') return { people: 'all', targets: [] };
  return { people, targets: [...targets].filter(([, t]) => teams.includes(t.key)).map(([k]) => k) };
}

/** Markdown as read: headings, quotes, emphasis, font tags and link targets dropped, one line per line. */
const plainMarkdown = (md: string) =>
  md.split('\n')
    .map((l) => l.replace(/^\s*(#{1,6}|>)\s*/, '').replace(/<[^>]+>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*`]+/g, '').trim())
    .filter(Boolean)
    .join('\n');

/** The text of a message as a person would read it (markdown marks and font tags dropped). */
export function messageText(m: OutboundMessage): string {
  switch (m.kind) {
    case 'text':
      return m.text;
    case 'markdown':
      return plainMarkdown(m.markdown);
    case 'button_card':
      return [m.card.title, m.card.description, ...(m.card.fields ?? []).map((f) => `${f.label}:${f.value}`)].filter(Boolean).join('\n');
    case 'card_update':
      return `卡片更新:${m.label}`;
    case 'image':
      return '[图片]';
  }
}

const summaryOf = (text: string) => {
  const first = text.split('\n').find((l) => l.trim()) ?? '';
  return first.length > 60 ? `${first.slice(0, 60)}…` : first;
};

function recipientView(r: LoggedOutbound, targets: ReadonlyMap<string, Team>) {
  if (r.personId) return { kind: 'person' as const, label: r.personName ?? r.personId, personId: r.personId, teamKey: null };
  const team = targets.get(`${r.channel} ${r.recipientKey}`);
  if (team) return { kind: 'team' as const, label: `${team.name}(群)`, personId: null, teamKey: team.key };
  const label = r.recipient.kind === 'chat' ? '群聊' : r.recipient.kind === 'user' ? r.recipient.userId : '群机器人';
  return { kind: 'group' as const, label, personId: null, teamKey: null };
}

function rowView(r: LoggedOutbound, targets: ReadonlyMap<string, Team>) {
  const text = messageText(r.message);
  return {
    id: r.id,
    channel: r.channel,
    recipient: recipientView(r, targets),
    kind: r.message.kind,
    summary: summaryOf(text),
    text: text.slice(0, 2000),
    status: r.status,
    attempts: r.attempts,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  };
}

const STATUS_GROUPS: Record<string, readonly OutboxStatus[]> = {
  pending: ['pending', 'sending'],
  dead: ['dead'],
  sent: ['sent'],
};

export async function listConsoleOutbox(q: Queryable, viewer: Viewer, status: string | undefined, limit: number) {
  const targets = await teamsByTarget(q, viewer.tenantId);
  const scope = await outboxScope(q, viewer, targets);
  const [rows, counts] = await Promise.all([
    listOutboxLog(q, viewer.tenantId, scope, { statuses: status ? own(STATUS_GROUPS, status) : undefined, limit }),
    countOutbox(q, viewer.tenantId, scope),
  ]);
  return { items: rows.map((r) => rowView(r, targets)), counts };
}

/** Reminder messages of the last `days` days, each with the rules it carried. */
export async function listAlertLog(q: Queryable, viewer: Viewer, since: Date, limit: number) {
  const targets = await teamsByTarget(q, viewer.tenantId);
  const scope = await outboxScope(q, viewer, targets);
  const rows = await listOutboxLog(q, viewer.tenantId, scope, { alertsOnly: true, since, limit });
  const rules = await alertRulesOf(q, viewer.tenantId, rows.map((r) => r.id));
  return {
    items: rows.map((r) => ({
      ...rowView(r, targets),
      audience: r.idempotencyKey.startsWith('digest:') ? ('team' as const) : ('rep' as const),
      rules: (rules.get(r.id) ?? []).map((id) => ({ id, label: (RULE_LABELS as Record<string, string>)[id] ?? id })),
    })),
  };
}

/** 重试 for a dead letter the viewer may see; 404 outside their scope, 409 when it is not dead. */
export async function retryConsoleOutbox(deps: Pick<AppDeps, 'db' | 'queue' | 'clock'>, viewer: Viewer, id: string) {
  const targets = await teamsByTarget(deps.db, viewer.tenantId);
  const scope = await outboxScope(deps.db, viewer, targets);
  const row = await findOutboxLog(deps.db, viewer.tenantId, scope, id);
  if (!row) throw notFound('unknown_outbox', adminText.errors.noOutboxRow);
  // A leaver's held pushes were closed on purpose when the directory said they left.
  if (row.personId && !row.personActive) throw new AppError('person_left', adminText.errors.personLeft, { status: 409 });
  if (!(await retryDeadLetter(deps, viewer.tenantId, row.id))) throw new AppError('not_dead', adminText.errors.notDead, { status: 409 });
  const after = (await findOutboxLog(deps.db, viewer.tenantId, scope, id))!;
  return { row: rowView(after, targets), previousError: row.lastError };
}
