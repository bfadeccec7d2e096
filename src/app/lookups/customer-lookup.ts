// "查 恒信机械" / "恒信机械怎么样了": stage and owner for anyone (so a rep can see a customer is taken before
// 撞单); the last three touches, open commitments and last report for its owner and their managers.
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import { customerActivity } from '../../store/repos/customer-lookup-repo.js';
import type { AppDeps } from '../app-deps.js';
import { customerNamed, mayManageCustomer } from '../customers/customer-access.js';
import { displayName } from '../customers/ownership.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';

const EXCERPT_CHARS = 40;

/** `strict`: the name was asked for explicitly (查 X), so an unknown one is answered; else null lets the text through. */
export async function lookUpCustomer(tx: Queryable, deps: AppDeps, ctx: EventContext, name: string, strict: boolean): Promise<Reply[] | null> {
  const me = ctx.event.senderId;
  const customer = await customerNamed(tx, deps, ctx.tenantId, name, ctx.event.sentAt);
  if (!customer) return strict ? [toUser(me, { kind: 'text', text: msg.customers.notFound(name) })] : null;
  const l = msg.people.lookup;
  const stage = customer.stage ? deps.stages.label(customer.stage) : msg.notSet;
  const lines = [l.stageOwner(customer.name, stage, await displayName(tx, ctx.tenantId, customer.ownerUserId))];
  if (!(await mayManageCustomer(tx, ctx.tenantId, me, customer))) return [toUser(me, { kind: 'text', text: [...lines, l.ownerOnly].join('\n') })];
  const a = await customerActivity(tx, ctx.tenantId, customer.id);
  lines.push(...(a.touches.length ? [l.touches, ...a.touches.map((t) => l.touch(dayOf(t.at), t.who, excerpt(t.text)))] : [l.noTouches]));
  lines.push(...(a.commitments.length ? [l.commitments, ...a.commitments.map((c) => l.commitment(monthDay(c.dueDate), c.description))] : [l.noCommitments]));
  const r = a.lastReport;
  lines.push(r ? l.report(dayOf(r.at), r.who, excerpt([r.progress, r.nextAction].filter(Boolean).join(';'))) : l.noReport);
  return [toUser(me, { kind: 'text', text: lines.join('\n') })];
}

/** 5月12日, in Asia/Shanghai. */
export const dayOf = (at: Date) => monthDay(shanghaiDate(at));
const monthDay = (ymd: string) => `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`;

export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}
