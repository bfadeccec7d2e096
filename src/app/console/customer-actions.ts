// 客户 actions in the console — rename, merge, hand over — by an admin, or a manager for customers of their
// teams (and to people of their teams). Each goes through the same use case as the chat command and the
// admin API (app/customers/*); the route writes the audit entry.
import { MAX_CUSTOMER_NAME } from '../../domain/customers/customer-name.js';
import { AppError, badRequest, forbidden, notFound } from '../../shared/errors.js';
import { findUser } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import { mergeCustomers } from '../customers/merge-customers.js';
import { reassignCustomer, reassignmentNotices } from '../customers/reassign-customer.js';
import { renameCustomer } from '../customers/rename-customer.js';
import { msg } from '../messages.js';
import { enqueueReplies } from '../outbound/reply.js';
import { visibleCustomer } from './customer-timeline.js';
import { canSeeOwner, type Viewer } from './viewer.js';

type Deps = Pick<AppDeps, 'db' | 'nlp' | 'queue' | 'clock' | 'pushRules'>;

function requireActor(viewer: Viewer): void {
  if (viewer.role !== 'admin' && viewer.role !== 'manager') throw forbidden('forbidden', '只有管理员和主管可以修改客户');
}

export async function renameFromConsole(deps: Deps, viewer: Viewer, id: string, rawName: unknown) {
  requireActor(viewer);
  await visibleCustomer(deps.db, viewer, id);
  const r = await deps.db.transaction((tx) => renameCustomer(tx, deps, viewer.tenantId, id, rawName));
  switch (r.kind) {
    case 'invalid_name': throw badRequest('invalid_customer', `客户名称要 2–${MAX_CUSTOMER_NAME} 个字`);
    case 'not_found': throw gone();
    case 'taken': {
      const visible = await canSeeOwner(deps.db, viewer, r.other.ownerUserId);
      throw new AppError('name_taken', visible ? `「${r.other.name}」已是另一个客户,请用合并` : '这个名称已被其他客户使用', {
        status: 409, details: visible ? { customerId: r.other.id } : {},
      });
    }
    case 'renamed': return { changed: true, oldName: r.oldName, customer: r.customer };
    case 'unchanged': return { changed: false, oldName: r.customer.name, customer: r.customer };
  }
}

/** Merges `fromId` into `intoId`; both must be in the viewer's scope. */
export async function mergeFromConsole(deps: Deps, viewer: Viewer, fromId: string, intoId: unknown) {
  requireActor(viewer);
  if (typeof intoId !== 'string' || !intoId.trim() || intoId.length > 64) throw badRequest('invalid_merge', '请选择要合并到的客户');
  if (intoId === fromId) throw badRequest('invalid_merge', '不能合并到自己');
  const from = await visibleCustomer(deps.db, viewer, fromId);
  const into = await visibleCustomer(deps.db, viewer, intoId);
  const r = await deps.db.transaction((tx) => mergeCustomers(tx, viewer.tenantId, from.id, into.id));
  switch (r.kind) {
    case 'merged': return { merged: true, from: r.from, into: r.into, moved: r.moved };
    case 'already_merged': return { merged: false, from, into: r.into, moved: null };
    case 'same_customer': throw badRequest('invalid_merge', '不能合并到自己');
    case 'merged_elsewhere': throw new AppError('already_merged', '这个客户已合并到别的客户', { status: 409 });
    case 'not_found': throw gone();
  }
}

/** Hands the customer to `toUserId` (inside the viewer's scope) with its open promises; both owners are told. */
export async function reassignFromConsole(deps: Deps, viewer: Viewer, id: string, toUserId: unknown) {
  requireActor(viewer);
  if (typeof toUserId !== 'string' || !toUserId.trim() || toUserId.length > 80) throw badRequest('invalid_owner', '请选择新的负责人');
  await visibleCustomer(deps.db, viewer, id);
  const person = await findUser(deps.db, viewer.tenantId, toUserId);
  if (!person || !(await canSeeOwner(deps.db, viewer, person.id))) throw forbidden('owner_out_of_scope', '只能转给你团队里的同事');
  if (!person.active) throw badRequest('inactive_user', `${person.name ?? person.id} 已离职,不能接手客户`);
  return deps.db.transaction(async (tx) => {
    const r = await reassignCustomer(tx, viewer.tenantId, id, person.id);
    if (r.kind === 'not_found') throw gone();
    if (r.kind === 'unknown_user') throw forbidden('owner_out_of_scope', '只能转给你团队里的同事');
    if (r.kind === 'unchanged') return { changed: false, fromUserId: r.customer.ownerUserId, customer: r.customer };
    const now = deps.clock.now();
    const by = { userId: viewer.userId, name: viewer.name ?? (viewer.userId ? viewer.userId : msg.people.transfer.byAdmin) };
    const notices = await reassignmentNotices(tx, viewer.tenantId, r, by);
    // Both notices are pushes to others: quiet hours hold them until the morning.
    const pushes = { senderIds: viewer.userId ? [viewer.userId] : [], notBefore: deps.pushRules.calendar.deliverAt(now) };
    await enqueueReplies(tx, deps.queue, { tenantId: viewer.tenantId, channel: 'wecom', idempotencyPrefix: `console-reassign:${id}:${now.getTime()}`, now, pushes }, notices);
    return { changed: true, fromUserId: r.fromUserId, customer: r.customer };
  });
}

/** Deleted (merged away) between the scope check and the change. */
const gone = () => notFound('customer_not_found', '没有找到这个客户');
