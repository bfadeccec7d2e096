// 喜报: a customer's first move into the won stage posts a congratulation to the owner's team target —
// rep, customer, amount when known, days from the first touch — unless the team turned posts off.
// Once per customer: a re-win after a reopen (the same day or later) is the same deal and posts
// nothing (the stage history already holds a won move), and the outbox key `win:<customer>` refuses a
// second row whatever path gets here twice (a redelivered click, a concurrent report).
import type { Queryable } from '../../store/database.js';
import type { Customer } from '../../store/repos/customers-repo.js';
import { teamOfRep, winFacts } from '../../store/repos/wins-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { Reply } from '../outbound/reply.js';
import { alertDelivery } from '../teams/alert-delivery.js';
import { calendarDaysBetween, winTexts } from './win-texts.js';

export async function winPost(
  tx: Queryable,
  deps: Pick<AppDeps, 'reportRules' | 'logger'>,
  w: { tenantId: string; customer: Customer; wonAt: Date },
): Promise<Reply[]> {
  const { tenantId, customer } = w;
  const team = await teamOfRep(tx, tenantId, customer.ownerUserId);
  if (!team?.alert || !team.winPosts) {
    deps.logger.debug({ customerId: customer.id, team: team?.key ?? null }, 'won deal not posted (no team target, or posts off)');
    return [];
  }
  const facts = await winFacts(tx, tenantId, customer.id, customer.ownerUserId);
  const markdown = winTexts.post({
    rep: facts.repName ?? customer.ownerUserId,
    customer: customer.name,
    amount: facts.amount !== null && facts.amount > 0 ? deps.reportRules.formatAmount(facts.amount) : null,
    days: facts.firstTouchAt ? calendarDaysBetween(facts.firstTouchAt, w.wonAt) : null,
  });
  const { channel, recipient } = alertDelivery(team.alert);
  return [{ recipient, message: { kind: 'markdown', markdown }, account: channel, key: `win:${customer.id}` }];
}
