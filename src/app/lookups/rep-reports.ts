// A manager's "张三的战报" / "战报 @张三": that rep's latest confirmed reports. A rep may read their own
// ("我的战报"); other people's only their managers.
import type { Queryable } from '../../store/database.js';
import { listReports } from '../../store/repos/battle-reports-repo.js';
import { repsManagedBy } from '../../store/repos/manager-stats-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { personNamed } from '../people/person-named.js';
import { dayOf, excerpt } from './customer-lookup.js';

const LATEST = 5;
const SELF = new Set(['我', '我自己', '自己']);

/** `strict`: an explicit "战报 @X" answers an unknown name; "X的战报" with an unknown X is left to the text flow. */
export async function lookUpRepReports(tx: Queryable, _deps: AppDeps, ctx: EventContext, name: string, strict: boolean): Promise<Reply[] | null> {
  const me = ctx.event.senderId;
  const say = (text: string): Reply[] => [toUser(me, { kind: 'text', text })];
  const team = await repsManagedBy(tx, ctx.tenantId, me);
  const match = SELF.has(name) ? { kind: 'self' as const } : await personNamed(tx, ctx.tenantId, name, team);
  if (match.kind === 'none') return strict ? say(msg.people.personNotFound(name)) : null;
  if (match.kind === 'ambiguous') return say(msg.people.personAmbiguous(name, match.ids));
  const rep = match.kind === 'self' ? me : match.user.id;
  const who = match.kind === 'self' ? '你' : (match.user.name ?? match.user.id);
  if (rep !== me && !team.includes(rep)) return say(msg.people.reports.notAllowed(who));
  const reports = await listReports(tx, ctx.tenantId, { userId: rep, limit: LATEST });
  if (reports.length === 0) return say(msg.people.reports.none(who));
  const r = msg.people.reports;
  return say([r.header(who, reports.length), ...reports.map((x) => r.line(dayOf(x.recordedAt), x.customer, excerpt(x.progress)))].join('\n'));
}
