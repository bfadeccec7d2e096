// The push-side rules engine (docs/product.md "Rules"): given a snapshot and an instant, which rules
// are broken right now. Pure; resolved subjects simply produce nothing, so alerts stop by themselves.
import { atLocal, addDays, localTime } from '../calendar/local-time.js';
import type { Audience, Breach, RuleId } from './breach.js';
import type { CompiledRules } from './reminder-rules.js';
import type { CommitmentSnapshot, CustomerSnapshot, ReminderState } from './snapshot.js';

interface Context {
  readonly now: Date;
  readonly rules: CompiledRules;
  /** Shanghai date on which an alert produced now is delivered (the next morning in quiet hours). */
  readonly period: string;
  readonly teamOf: ReadonlyMap<string, string | null>;
  readonly customers: ReadonlyMap<string, CustomerSnapshot>;
}

type Subject = Pick<Breach, 'subjectId' | 'customerId' | 'customerName' | 'ownerUserId' | 'stage' | 'commitment'>;

export function evaluateBreaches(state: ReminderState, now: Date, rules: CompiledRules): Breach[] {
  const ctx: Context = {
    now,
    rules,
    // Keyed by delivery day, not evaluation day: a breach found at 23:00 goes out at 08:30 and must not
    // go out again at the 09:00 tick of the same morning.
    period: localTime(rules.calendar.deliverAt(now)).date,
    teamOf: new Map(state.reps.map((r) => [r.id, r.teamKey])),
    customers: new Map(state.customers.map((c) => [c.id, c])),
  };
  const out: Breach[] = [];
  for (const c of state.customers) customerBreaches(c, ctx, out);
  for (const k of state.commitments) out.push(...commitmentBreaches(k, ctx));
  out.push(...reportBreaches(state, ctx));
  return out;
}

/** Appends the customer's breaches to `out` (a sweep builds one array, not one per customer). */
function customerBreaches(c: CustomerSnapshot, ctx: Context, out: Breach[]): void {
  // Closed deals need no chasing.
  const { rules } = ctx;
  if (rules.stages.info(c.stage)?.terminal) return;
  const subject: Subject = { subjectId: c.id, customerId: c.id, customerName: c.name, ownerUserId: c.ownerUserId, stage: c.stage, commitment: null };
  const inquiry = c.firstInquiryAt ?? c.createdAt;
  const nowMs = ctx.now.getTime();
  const add = (rule: RuleId, audience: Audience, since: Date, windowMs: number, alertForMs = Infinity) => {
    // Most customers break nothing: decide on numbers before building a breach.
    const overdueBy = nowMs - (since.getTime() + windowMs);
    if (overdueBy < 0 || overdueBy >= alertForMs) return;
    out.push(breachIfDue(ctx, rule, audience, subject, since, new Date(since.getTime() + windowMs))!);
  };

  // Lead windows are about the first days; past `leadAlertForMs` the stage and untouched rules take over.
  if (c.isInboundLead && c.firstContactAt === null) add('lead_first_contact', 'rep', inquiry, rules.leadFirstContactMs, rules.leadAlertForMs);

  const proposed = c.proposalSent === true || rules.stages.endsGolden(c.stage);
  if (!c.hasVisit && !proposed) {
    add('golden_48h', 'rep', inquiry, rules.goldenMs, rules.leadAlertForMs);
    add('golden_48h', 'manager_group', inquiry, rules.goldenMs, rules.leadAlertForMs);
  }

  const window = c.stage === null ? undefined : rules.stageWindowMs[c.stage];
  // Strictly after: the stage-change touch recorded at the moment of entering is not the follow-up.
  const touchedInStage = c.lastTouchAt !== null && c.stageEnteredAt !== null && c.lastTouchAt > c.stageEnteredAt;
  if (window !== undefined && c.stageEnteredAt !== null && !touchedInStage) add('stage_window', 'rep', c.stageEnteredAt, window);

  const lastTouch = c.lastTouchAt ?? c.createdAt;
  add('untouched_7d', 'rep', lastTouch, rules.untouchedRepMs);
  add('untouched_14d', 'manager_group', lastTouch, rules.untouchedManagerMs);
}

function commitmentBreaches(k: CommitmentSnapshot, ctx: Context): Breach[] {
  if (k.status !== 'open') return [];
  const customer = k.customerId === null ? undefined : ctx.customers.get(k.customerId);
  const subject: Subject = {
    subjectId: k.id,
    customerId: k.customerId,
    customerName: customer?.name ?? k.customerName ?? null,
    ownerUserId: k.ownerUserId,
    stage: customer?.stage ?? k.customerStage ?? null,
    commitment: { description: k.description, dueDate: k.dueDate },
  };
  const { remindAt, escalateAfterDays, escalateAt } = ctx.rules.commitments;
  const dueMorning = atLocal(k.dueDate, remindAt);
  const escalation = atLocal(addDays(k.dueDate, escalateAfterDays), escalateAt);
  return [
    breachIfDue(ctx, 'commitment_due', 'rep', subject, dueMorning, dueMorning),
    breachIfDue(ctx, 'commitment_overdue', 'manager_group', subject, dueMorning, escalation),
  ].filter((b): b is Breach => b !== null);
}

function reportBreaches(state: ReminderState, ctx: Context): Breach[] {
  const { calendar, reportNudgeAt } = ctx.rules;
  const today = localTime(ctx.now);
  // A "今日战报" nudge delivered tomorrow morning would be about the wrong day, so none in quiet hours.
  if (!calendar.isWorkday(today.date) || today.minutes < reportNudgeAt || calendar.isQuietHour(ctx.now)) return [];
  const dayStart = atLocal(today.date, 0);
  const nudgeAt = atLocal(today.date, reportNudgeAt);
  return state.reps
    .filter((r) => r.reportedToday === false)
    .map((r) => {
      const subject: Subject = { subjectId: r.id, customerId: null, customerName: null, ownerUserId: r.id, stage: null, commitment: null };
      return breachIfDue(ctx, 'no_report_today', 'rep', subject, dayStart, nudgeAt)!;
    });
}

/** Breached from `dueAt` on (inclusive): at exactly 2 h the 2-hour window has run out. */
function breachIfDue(ctx: Context, rule: RuleId, audience: Audience, subject: Subject, since: Date, dueAt: Date): Breach | null {
  const overdueBy = ctx.now.getTime() - dueAt.getTime();
  if (overdueBy < 0) return null;
  // Fields spelled out rather than spread: a sweep builds a hundred thousand of these.
  return {
    rule,
    audience,
    subjectId: subject.subjectId,
    customerId: subject.customerId,
    customerName: subject.customerName,
    ownerUserId: subject.ownerUserId,
    stage: subject.stage,
    stageLabel: subject.stage === null ? null : ctx.rules.stages.label(subject.stage),
    commitment: subject.commitment,
    teamKey: ctx.teamOf.get(subject.ownerUserId) ?? null,
    since,
    dueAt,
    overdueBy,
    periodKey: `${rule}:${audience}:${subject.subjectId}:${ctx.period}`,
  };
}
