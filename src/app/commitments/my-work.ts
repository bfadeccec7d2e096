// A rep's own lists: 逾期 (every open alert, without the once-a-day filter) and 我的待办 (the alerts plus
// the commitments still ahead), each followed by the 完成 / 改期 card for the commitments in it.
import { evaluateBreaches } from '../../domain/reminders/evaluate-breaches.js';
import { repAlertList } from '../../domain/reminders/rep-alert-list.js';
import { sweepCutoffs } from '../../domain/reminders/sweep-cutoffs.js';
import { monthDay } from '../../domain/commitments/due-text.js';
import { shanghaiDate } from '../../shared/shanghai-time.js';
import type { Queryable } from '../../store/database.js';
import { openCommitmentsOf } from '../../store/repos/commitments-repo.js';
import { loadReminderState } from '../../store/repos/reminder-state-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { commitmentCard } from './commitment-card.js';

export type OwnWork = (tx: Queryable, deps: AppDeps, ctx: EventContext) => Promise<Reply[]>;

/** A reply has the full WeCom text budget (2048 bytes) less a little framing. */
const MY_LIST_MAX_BYTES = 2040;
/** Room left for the alerts when commitments ahead are listed under them. */
const ALERTS_WITH_AHEAD_MAX_BYTES = 1500;
const MAX_AHEAD = 5;

export const myOverdue: OwnWork = (tx, deps, ctx) => ownWork(tx, deps, ctx, false);
export const myTodos: OwnWork = (tx, deps, ctx) => ownWork(tx, deps, ctx, true);

async function ownWork(tx: Queryable, deps: AppDeps, ctx: EventContext, withAhead: boolean): Promise<Reply[]> {
  const me = ctx.event.senderId;
  const now = ctx.event.sentAt;
  const state = await loadReminderState(tx, ctx.tenantId, sweepCutoffs(now, deps.pushRules), { customers: true, ownerUserIds: [me] });
  const alerts = evaluateBreaches(state, now, deps.pushRules).filter((b) => b.audience === 'rep');
  const alerted = new Set(alerts.filter((b) => b.commitment !== null).map((b) => b.subjectId));
  const open = await openCommitmentsOf(tx, ctx.tenantId, me);
  // Promises not among the alerts yet: due later, or due today before the reminder hour.
  const ahead = withAhead ? open.filter((k) => !alerted.has(k.id)) : [];

  const parts: string[] = [];
  if (alerts.length > 0) parts.push(repAlertList(alerts, ahead.length ? ALERTS_WITH_AHEAD_MAX_BYTES : MY_LIST_MAX_BYTES, false));
  if (ahead.length > 0) {
    const lines = ahead.slice(0, MAX_AHEAD).map((k) => msg.commitments.upcomingLine(k.customerName, k.description, monthDay(k.dueDate)));
    if (ahead.length > MAX_AHEAD) lines.push(msg.commitments.moreAhead(ahead.length - MAX_AHEAD));
    parts.push([msg.commitments.upcomingHeader, ...lines].join('\n'));
  }
  const text = parts.join('\n\n') || (withAhead ? msg.commitments.nothingToDo : msg.commitments.noOverdue);
  // Overdue and due promises come first: `open` is ordered by due date.
  const onCard = open.filter((k) => alerted.has(k.id) || ahead.includes(k));
  const card = commitmentCard(onCard, ctx.inboxId, shanghaiDate(now));
  return [toUser(me, { kind: 'text', text }), ...(card ? [toUser(me, { kind: 'button_card', card })] : [])];
}
