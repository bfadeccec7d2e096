// The 完成 / 改期 card that goes with every reminder, 逾期 and 我的待办 list naming a commitment. WeCom shows
// buttons; DingTalk turns the same card into numbered choices (channels/dingtalk/choices.ts).
import type { ButtonCard } from '../../channels/outbound-message.js';
import { daysBetween } from '../../domain/calendar/local-time.js';
import { monthDay } from '../../domain/commitments/due-text.js';
import type { Breach } from '../../domain/reminders/breach.js';
import { msg } from '../messages.js';

export const COMMITMENT_KEY_PREFIX = 'cmt:';
export type CommitmentAction = 'done' | 'resched';

/**
 * A card about one commitment is greyed out after 完成 (WeCom update_template_card replaces every button);
 * a card of several keeps its buttons so the others can still be tapped. The task id says which.
 */
const ONE = 'cmt-';
const SEVERAL = 'cmts-';
/** WeCom allows six buttons a card: three commitments with 完成 and 改期 each. */
export const MAX_CARD_ITEMS = 3;

export interface CardItem {
  id: string;
  customerName: string | null;
  description: string;
  /** YYYY-MM-DD. */
  dueDate: string;
}

export const commitmentKey = (action: CommitmentAction, id: string) => `${COMMITMENT_KEY_PREFIX}${action}:${id}`;

export function parseCommitmentKey(key: string): { action: CommitmentAction; id: string } | null {
  const m = /^cmt:(done|resched):(.+)$/.exec(key);
  return m ? { action: m[1] as CommitmentAction, id: m[2]! } : null;
}

export const isSingleCommitmentCard = (taskId: string) => taskId.startsWith(ONE);

/**
 * The card for `items` (most urgent first), or null when there are none. `taskSuffix` makes the task id
 * unique per app (WeCom refuses a reused one): an inbox id, or a hash of the alerts it goes with.
 */
export function commitmentCard(items: readonly CardItem[], taskSuffix: string, today: string): ButtonCard | null {
  if (items.length === 0) return null;
  const c = msg.commitments;
  const due = (k: CardItem) => c.dueOn(monthDay(k.dueDate), daysBetween(k.dueDate, today));
  if (items.length === 1) {
    const k = items[0]!;
    return {
      taskId: `${ONE}${taskSuffix}`,
      title: c.cardTitleOne(k.customerName),
      description: k.description,
      fields: [{ label: c.fieldDue, value: due(k) }],
      buttons: [{ key: commitmentKey('done', k.id), text: c.done, primary: true }, { key: commitmentKey('resched', k.id), text: c.reschedule }],
    };
  }
  const shown = items.slice(0, MAX_CARD_ITEMS);
  const more = items.length - shown.length;
  return {
    taskId: `${SEVERAL}${taskSuffix}`,
    title: c.cardTitleMany(items.length),
    description: more > 0 ? `${c.cardHint};${c.cardMore(more)}` : c.cardHint,
    fields: shown.map((k, i) => ({ label: c.itemLabel(i), value: `${k.customerName ? `${k.customerName} · ` : ''}${k.description} · ${due(k)}` })),
    buttons: shown.flatMap((k, i) => [
      { key: commitmentKey('done', k.id), text: c.itemButton(i, c.done), primary: i === 0 },
      { key: commitmentKey('resched', k.id), text: c.itemButton(i, c.reschedule) },
    ]),
  };
}

/** The commitments among a rep's alerts, once each, earliest due (most overdue) first. */
export function cardItemsOf(alerts: readonly Breach[]): CardItem[] {
  const items = new Map<string, CardItem>();
  for (const b of alerts) {
    if (b.commitment && !items.has(b.subjectId)) {
      items.set(b.subjectId, { id: b.subjectId, customerName: b.customerName, description: b.commitment.description, dueDate: b.commitment.dueDate });
    }
  }
  return [...items.values()].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
