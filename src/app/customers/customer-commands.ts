// Chat commands on customer master data: 改名 旧名 新名, 合并 A B (A into B). Names resolve through keys
// and aliases; only the owner or a manager of the owner's team may change a customer.
import type { Queryable } from '../../store/database.js';
import type { Customer } from '../../store/repos/customers-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { customerNamed, mayManageCustomer } from './customer-access.js';
import { mergeCustomers } from './merge-customers.js';
import { renameCustomer } from './rename-customer.js';

/** Words a rep may put between the two names ("改名 恒信 为 恒信机械", "合并 恒信 到 恒信机械"). */
const CONNECTORS = new Set(['为', '成', '改成', '改为', '到', '进', '入', '并入']);

/** The two names after the command word, or null when there are not exactly two. */
export function twoNames(text: string, command: string): [string, string] | null {
  const rest = text.normalize('NFKC').trim().replace(/^[/@]/, '').slice(command.length).replace(/->|=>|→/gu, ' ');
  const words = rest.split(/[\s,，、]+/u).filter((w) => w && !CONNECTORS.has(w));
  return words.length === 2 ? [words[0]!, words[1]!] : null;
}

const textOf = (ctx: EventContext) => (ctx.event.type === 'text' ? ctx.event.text : '');

export async function renameCommand(tx: Queryable, deps: AppDeps, ctx: EventContext): Promise<Reply[]> {
  const say = (text: string): Reply[] => [toUser(ctx.event.senderId, { kind: 'text', text })];
  const names = twoNames(textOf(ctx), '改名');
  if (!names) return say(msg.customers.renameUsage);
  const found = await allowedCustomer(tx, deps, ctx, names[0]);
  if (typeof found === 'string') return say(found);
  const r = await renameCustomer(tx, deps, ctx.tenantId, found.id, names[1]);
  switch (r.kind) {
    case 'renamed': return say(msg.customers.renamed(r.oldName, r.customer.name));
    case 'unchanged': return say(msg.customers.renameUnchanged(r.customer.name));
    case 'taken': return say(msg.customers.nameTaken(names[1], r.other.name, r.customer.name));
    case 'invalid_name': return say(msg.customers.invalidName);
    case 'not_found': return say(msg.customers.notFound(names[0]));
  }
}

export async function mergeCommand(tx: Queryable, deps: AppDeps, ctx: EventContext): Promise<Reply[]> {
  const say = (text: string): Reply[] => [toUser(ctx.event.senderId, { kind: 'text', text })];
  const names = twoNames(textOf(ctx), '合并');
  if (!names) return say(msg.customers.mergeUsage);
  const from = await allowedCustomer(tx, deps, ctx, names[0]);
  if (typeof from === 'string') return say(from);
  const into = await allowedCustomer(tx, deps, ctx, names[1]);
  if (typeof into === 'string') return say(into);
  // Said again after a merge, A is B's alias by now: the same customer, nothing to do.
  if (from.id === into.id) return say(msg.customers.sameCustomer(names[0], into.name));
  const r = await mergeCustomers(tx, ctx.tenantId, from.id, into.id);
  if (r.kind === 'merged') return say(msg.customers.merged(r.from.name, r.into.name));
  return say(msg.customers.sameCustomer(names[0], into.name));
}

/** The customer a typed name means, if the sender may change it; otherwise the reply saying why not. */
async function allowedCustomer(tx: Queryable, deps: AppDeps, ctx: EventContext, name: string): Promise<Customer | string> {
  const customer = await customerNamed(tx, deps, ctx.tenantId, name, ctx.event.sentAt);
  if (!customer) return msg.customers.notFound(name);
  if (!(await mayManageCustomer(tx, ctx.tenantId, ctx.event.senderId, customer))) return msg.customers.notAllowed(customer.name);
  return customer;
}
