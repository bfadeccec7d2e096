// An update or confirmed report that says a promise was kept ("方案发过去了") closes the matching open
// commitment of that customer, and the rep is told which. Only the writer's own commitments close: a
// colleague's note is evidence for them, not the owner's fulfilment.
import type { Queryable } from '../../store/database.js';
import { closeCommitment, openCommitmentsOfCustomer } from '../../store/repos/commitments-repo.js';
import type { AppDeps } from '../app-deps.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';

export interface FulfilmentEvidence {
  tenantId: string;
  userId: string;
  customerId: string;
  text: string;
  at: Date;
  via: 'update' | 'report';
  touchId: string | null;
}

/** Closes what the text says was done; returns the descriptions closed (empty when nothing matched). */
export async function closeFulfilled(tx: Queryable, deps: AppDeps, e: FulfilmentEvidence): Promise<string[]> {
  const open = await openCommitmentsOfCustomer(tx, e.tenantId, e.customerId, e.userId);
  if (open.length === 0) return [];
  const closed: string[] = [];
  for (const k of deps.commitmentRules.fulfilled(e.text, open)) {
    const done = await closeCommitment(tx, {
      tenantId: e.tenantId, id: k.id, status: 'done', at: e.at, by: e.userId, via: e.via, evidenceTouchId: e.touchId,
    });
    if (done) closed.push(k.description);
  }
  return closed;
}

/** "已把承诺「周五前发方案(12月11日)」记为完成 ✓", or nothing. */
export function closedNotice(userId: string, closed: readonly string[]): Reply[] {
  return closed.length ? [toUser(userId, { kind: 'text', text: msg.commitments.closedByUpdate(closed) })] : [];
}

/** For an update: close and say so in one step. */
export async function closeFulfilledAndSay(tx: Queryable, deps: AppDeps, e: FulfilmentEvidence): Promise<Reply[]> {
  return closedNotice(e.userId, await closeFulfilled(tx, deps, e));
}
