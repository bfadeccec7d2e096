// 我的客户: the rep's customers, newest touch first.
import { listCustomers } from '../../store/repos/customers-repo.js';
import type { Command } from '../commands/command.js';
import { formatAgo } from '../commands/format-ago.js';
import { msg } from '../messages.js';
import { toUser } from '../outbound/reply.js';

const MAX_LISTED = 20;

export const myCustomers: Command = async (tx, deps, ctx) => {
  const userId = ctx.event.senderId;
  const customers = await listCustomers(tx, ctx.tenantId, { ownerUserId: userId, limit: MAX_LISTED });
  if (customers.length === 0) return [toUser(userId, { kind: 'text', text: msg.noCustomers })];
  const lines = customers.map((c, i) => {
    const stage = c.stage ? deps.stages.label(c.stage) : msg.notSet;
    const touched = c.lastTouchAt ? formatAgo(c.lastTouchAt, ctx.event.sentAt) : msg.neverTouched;
    return `${i + 1}. ${c.name} · ${stage} · ${touched}`;
  });
  return [toUser(userId, { kind: 'text', text: [msg.myCustomersHeader(customers.length), ...lines].join('\n') })];
};
