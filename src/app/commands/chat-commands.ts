// Chat commands a rep can type: 帮助, 我的客户.
import { stageLabel, type StageId } from '../../domain/stages/stage-ids.js';
import type { Queryable } from '../../store/database.js';
import { listCustomers } from '../../store/repos/customers-repo.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { formatAgo } from './format-ago.js';
import type { AppDeps } from '../app-deps.js';
import { asManagerCommand, forecast, myOverdue, overdue, ranking, stageFunnel, teamHealth } from './manager-commands.js';

const MAX_LISTED = 20;

type Command = (tx: Queryable, deps: AppDeps, ctx: EventContext) => Promise<Reply[]>;

const COMMANDS: Record<string, Command> = {
  帮助: async (_tx, _deps, ctx) => [toUser(ctx.event.senderId, { kind: 'text', text: msg.help })],
  我的客户: (tx, _deps, ctx) => myCustomers(tx, ctx),
  逾期: asManagerCommand(overdue, myOverdue),
  漏斗: asManagerCommand(stageFunnel),
  预测: asManagerCommand(forecast),
  健康度: asManagerCommand(teamHealth),
  排行: asManagerCommand(ranking),
};
const ALIASES: Record<string, string> = { help: '帮助', '?': '帮助', '？': '帮助', 客户: '我的客户', 我的客戶: '我的客户', 排行榜: '排行' };
/** Commands that take an argument after a space (排行 本周). */
const WITH_ARGUMENT = /^(排行榜?)\s*(今日|今天|本周|这周|本月|这个月)$/;

/** Returns the command a text invokes, or null when the text is an ordinary update. */
export function matchCommand(text: string): Command | null {
  const cleaned = text.trim().replace(/^[/@]/, '').replace(/[。.!！\s]+$/, '');
  const key = (WITH_ARGUMENT.exec(cleaned)?.[1] ?? cleaned).toLowerCase();
  return COMMANDS[key] ?? COMMANDS[ALIASES[key] ?? ''] ?? null;
}

async function myCustomers(tx: Queryable, ctx: EventContext): Promise<Reply[]> {
  const userId = ctx.event.senderId;
  const customers = await listCustomers(tx, ctx.tenantId, { ownerUserId: userId, limit: MAX_LISTED });
  if (customers.length === 0) return [toUser(userId, { kind: 'text', text: msg.noCustomers })];
  const lines = customers.map((c, i) => {
    const stage = c.stage ? stageLabel(c.stage as StageId) : msg.notSet;
    const touched = c.lastTouchAt ? formatAgo(c.lastTouchAt, ctx.event.sentAt) : msg.neverTouched;
    return `${i + 1}. ${c.name} · ${stage} · ${touched}`;
  });
  return [toUser(userId, { kind: 'text', text: [msg.myCustomersHeader(customers.length), ...lines].join('\n') })];
}
