// The rep's one message for several alerts: each customer once, its most urgent item first with the next
// step and its other items under it (a customer used to appear three times: golden 48 h, commitment,
// untouched), customers in order of their most urgent item, cut to fit a WeCom text message.
import { digestLine, nextStep, repAlertText } from './alert-text.js';
import type { Breach, RuleId } from './breach.js';

/** WeCom text messages are capped at 2048 bytes (UTF-8). */
export const REP_LIST_MAX_BYTES = 2000;

/**
 * How urgent a rule is for the rep: a new lead cools in hours; a promise falls due with the customer
 * waiting; the golden window and stage windows slip a deal; a quiet customer can wait a day longer.
 */
const URGENCY: Readonly<Record<RuleId, number>> = {
  lead_first_contact: 0,
  commitment_due: 1,
  commitment_overdue: 1,
  golden_48h: 2,
  stage_window: 3,
  untouched_14d: 4,
  untouched_7d: 5,
  no_report_today: 6,
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most urgent rule first, then the longest overdue; names and ids keep the order stable. */
export function byUrgency(a: Breach, b: Breach): number {
  return URGENCY[a.rule] - URGENCY[b.rule] || b.overdueBy - a.overdueBy
    || cmp(a.customerName ?? '', b.customerName ?? '') || cmp(a.subjectId, b.subjectId);
}

/** One group per customer (breaches without a customer stand alone), each most urgent first, groups by their head. */
export function groupByCustomer(breaches: readonly Breach[]): Breach[][] {
  const groups = new Map<string, Breach[]>();
  for (const b of breaches) {
    const key = b.customerId === null ? `subject:${b.rule}:${b.subjectId}` : `customer:${b.customerId}`;
    const group = groups.get(key);
    if (group) group.push(b);
    else groups.set(key, [b]);
  }
  return [...groups.values()].map((g) => g.sort(byUrgency)).sort((x, y) => byUrgency(x[0]!, y[0]!));
}

/**
 * Several fresh alerts in one run become one message: one numbered entry per customer with its next
 * step, the customer's other items as "另:" lines, and a pointer to 逾期 for what did not fit. One alert
 * keeps the single-alert wording.
 */
export function repAlertList(breaches: readonly Breach[], maxBytes = REP_LIST_MAX_BYTES, pointToOverdue = true): string {
  if (breaches.length === 1) return repAlertText(breaches[0]!);
  const lines = [`有${breaches.length}件事该跟进了:`];
  let bytes = utf8Bytes(lines[0]!);
  const budget = maxBytes - 80;
  let shown = 0;
  for (const [i, [head, ...rest]] of groupByCustomer(breaches).entries()) {
    // The customer is named once, on the head line; the other items say only what is wrong.
    const others = rest.map((b) => `\n   另:${digestLine({ ...b, customerName: null })}`).join('');
    const item = `${i + 1}. ${digestLine(head!)}\n   → ${nextStep(head!)}${others}`;
    if (bytes + utf8Bytes(item) + 1 > budget) break;
    lines.push(item);
    bytes += utf8Bytes(item) + 1;
    shown += 1 + rest.length;
  }
  const left = breaches.length - shown;
  if (left > 0) lines.push(pointToOverdue ? `另有${left}件,发「逾期」查看全部。` : `另有${left}件,先处理上面这些。`);
  return lines.join('\n');
}

const encoder = new TextEncoder();
const utf8Bytes = (s: string) => encoder.encode(s).length;
