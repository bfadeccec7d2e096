// 转给 张三 恒信机械: a manager hands a customer of their team (or their own) to another person. The person
// is named by display name or id; the customer by name or alias, as for 改名.
import type { Queryable } from '../../store/database.js';
import { repsManagedBy } from '../../store/repos/manager-stats-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { personNamed } from '../people/person-named.js';
import { customerNamed } from './customer-access.js';
import { displayName } from './ownership.js';
import { reassignCustomer, reassignmentNotices } from './reassign-customer.js';

/** "转给 张三 恒信机械" / "转给张三 恒信机械": the person, then the customer. */
export const TRANSFER = /^转给\s*([^\s,，、]+)[\s,，、]+(\S.*)$/u;

export async function transferCommand(tx: Queryable, deps: AppDeps, ctx: EventContext): Promise<Reply[]> {
  const me = ctx.event.senderId;
  const say = (text: string): Reply[] => [toUser(me, { kind: 'text', text })];
  const text = ctx.event.type === 'text' ? ctx.event.text.normalize('NFKC').trim().replace(/[。.!\s]+$/u, '') : '';
  const args = TRANSFER.exec(text);
  if (!args) return say(msg.people.transfer.usage);
  const team = await repsManagedBy(tx, ctx.tenantId, me);
  if (team.length === 0) return say(msg.people.transfer.managersOnly);
  const customer = await customerNamed(tx, deps, ctx.tenantId, args[2]!.trim(), ctx.event.sentAt);
  if (!customer) return say(msg.customers.notFound(args[2]!.trim()));
  if (customer.ownerUserId !== me && !team.includes(customer.ownerUserId)) {
    return say(msg.people.transfer.notYourTeam(customer.name, await displayName(tx, ctx.tenantId, customer.ownerUserId)));
  }
  const target = await personNamed(tx, ctx.tenantId, args[1]!, [...team, me]);
  if (target.kind === 'none') return say(msg.people.personNotFound(args[1]!));
  if (target.kind === 'ambiguous') return say(msg.people.personAmbiguous(args[1]!, target.ids));
  const r = await reassignCustomer(tx, ctx.tenantId, customer.id, target.user.id);
  const toName = target.user.name ?? target.user.id;
  switch (r.kind) {
    case 'not_found': return say(msg.customers.notFound(customer.name));
    case 'unknown_user': return say(msg.people.personNotFound(args[1]!));
    case 'unchanged': return say(msg.people.transfer.unchanged(customer.name, toName));
    case 'reassigned': {
      const fromName = await displayName(tx, ctx.tenantId, r.fromUserId);
      const myName = await displayName(tx, ctx.tenantId, me);
      return [...say(msg.people.transfer.done(customer.name, fromName, toName)), ...(await reassignmentNotices(tx, ctx.tenantId, r, { userId: me, name: myName }))];
    }
  }
}
