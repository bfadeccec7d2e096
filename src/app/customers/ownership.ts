// Ownership of a customer (product.md "Ownership"): only the owner or a manager of the owner's team moves
// its stage; anyone else's update is a touch plus a 撞单 notice to the owner and their managers, at most
// once per customer, day and reader (the outbox key refuses repeats).
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import type { Customer } from '../../store/repos/customers-repo.js';
import { managersOf } from '../../store/repos/manager-stats-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { mayManageCustomer } from './customer-access.js';

/** How much of the update text the notice quotes. */
const EXCERPT_CHARS = 60;

/** The owner or a manager of the owner's team: they may move the stage. */
export const mayMoveStage = mayManageCustomer;

export async function displayName(q: Queryable, tenantId: string, userId: string): Promise<string> {
  return (await findUser(q, tenantId, userId))?.name ?? userId;
}

/**
 * For someone who may not move the customer's stage: the notices to the owner and the owner's managers,
 * and what the reporter is told. Null when the reporter may move the stage (no 撞单).
 */
export async function clashFor(
  tx: Queryable,
  c: { tenantId: string; reporterId: string; at: Date; text: string | null; kind: 'update' | 'report' },
  customer: Customer,
): Promise<Reply[] | null> {
  if (await mayMoveStage(tx, c.tenantId, c.reporterId, customer)) return null;
  const owner = customer.ownerUserId;
  const [reporterName, ownerName, managers] = await Promise.all([
    displayName(tx, c.tenantId, c.reporterId), displayName(tx, c.tenantId, owner), managersOf(tx, c.tenantId, owner),
  ]);
  const excerpt = excerptOf(c.text);
  const day = shanghaiDate(c.at);
  const notice = (to: string, text: string): Reply => ({ ...toUser(to, { kind: 'text', text }), key: `clash:${customer.id}:${day}:${to}` });
  const told = msg.people.clash;
  return [
    toUser(c.reporterId, { kind: 'text', text: c.kind === 'report' ? told.reportSaved(customer.name, ownerName) : told.updateSaved(customer.name, ownerName) }),
    notice(owner, told.toOwner(reporterName, customer.name, excerpt)),
    ...managers.filter((m) => m !== c.reporterId).map((m) => notice(m, told.toManager(reporterName, ownerName, customer.name, excerpt))),
  ];
}

function excerptOf(text: string | null): string {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t.length > EXCERPT_CHARS ? `${t.slice(0, EXCERPT_CHARS)}…` : t;
}
