// What the handler does with a handed-on task reaches the rep who handed it on. 完成 (on the task or the one
// 改期 moved it to): the rep is told, and the rep's own promise to the customer — kept by the handler — is
// done too. 改期: the rep hears the new day. 不做了: the rep hears that the promise is theirs to keep again.
import type { Queryable } from '../../store/database.js';
import { closeCommitment, getCommitment, successorOf, type Commitment } from '../../store/repos/commitments-repo.js';
import { handoffOfHandlerCommitment } from '../../store/repos/handoffs-repo.js';
import { findUser } from '../../store/repos/users-repo.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { handoffTexts as t } from './handoff-texts.js';

export async function handedOnTaskDone(
  tx: Queryable, c: { tenantId: string; task: Commitment; by: string; at: Date },
): Promise<Reply[]> {
  const h = await handoffOfHandlerCommitment(tx, c.tenantId, c.task.id);
  if (!h || h.status !== 'handed' || h.repUserId === c.by) return [];
  const own = await standing(tx, c.tenantId, h.commitmentId);
  const ownClosed = own?.status === 'open'
    && (await closeCommitment(tx, { tenantId: c.tenantId, id: own.id, status: 'done', at: c.at, by: c.by, via: 'tap' }));
  const handler = await findUser(tx, c.tenantId, c.by);
  return [toUser(h.repUserId, { kind: 'text', text: t.doneToRep(handler?.name ?? c.by, c.task.description, ownClosed ? own!.description : null) })];
}

/** The handler moved a handed-on task (`task` is the old row, `due` the new day) or dropped it (`due` null). */
export async function handedOnTaskMoved(
  tx: Queryable, c: { tenantId: string; task: Commitment; by: string; due: string | null },
): Promise<Reply[]> {
  const h = await handoffOfHandlerCommitment(tx, c.tenantId, c.task.id);
  if (!h || h.status !== 'handed' || h.repUserId === c.by) return [];
  const handler = (await findUser(tx, c.tenantId, c.by))?.name ?? c.by;
  const text = c.due ? t.movedToRep(handler, c.task.description, c.due) : t.droppedToRep(handler, c.task.description);
  return [toUser(h.repUserId, { kind: 'text', text })];
}

/** The rep's commitment as it stands now: after a 改期, the one that replaced it. */
async function standing(tx: Queryable, tenantId: string, id: string): Promise<Commitment | null> {
  let at = await getCommitment(tx, tenantId, id);
  for (let hops = 0; at?.status === 'rescheduled' && hops < 20; hops++) {
    const next = await successorOf(tx, tenantId, at.id);
    if (!next) break;
    at = next;
  }
  return at;
}
