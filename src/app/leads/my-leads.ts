// 我的线索: the rep's leads not yet qualified (still in the lead stage), oldest first, with how long ago
// each came in, whether it has been contacted, and the contact to call.
import { openLeadsOf } from '../../store/repos/leads-repo.js';
import type { Command } from '../commands/command.js';
import { formatAgo } from '../commands/format-ago.js';
import { toUser } from '../outbound/reply.js';
import { leadTexts } from './lead-texts.js';

const MAX_LISTED = 15;

export const myLeadsCommand: Command = async (tx, deps, ctx) => {
  const userId = ctx.event.senderId;
  const { items, total } = await openLeadsOf(tx, ctx.tenantId, userId, deps.stages.lead, MAX_LISTED);
  if (items.length === 0) return [toUser(userId, { kind: 'text', text: leadTexts.myLeadsNone })];
  const lines = items.map((l, i) => leadTexts.myLeadLine(i + 1, l, formatAgo(l.receivedAt, ctx.event.sentAt), l.firstContactAt !== null));
  return [toUser(userId, { kind: 'text', text: [leadTexts.myLeadsHeader(total, items.length), ...lines, leadTexts.myLeadsFooter].join('\n') })];
};
