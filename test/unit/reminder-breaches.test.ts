import { describe, expect, it } from 'vitest';
import { readJsoncFile } from '../../src/config/jsonc.js';
import { loadRules } from '../../src/config/load-rules.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { evaluateBreaches } from '../../src/domain/reminders/evaluate-breaches.js';
import { compileRules } from '../../src/domain/reminders/reminder-rules.js';
import { compileStages } from '../../src/domain/stages/stage-catalog.js';
import { DEFAULT_STAGE_CONFIG } from '../../src/domain/stages/stage-ids.js';
import type { Breach, RuleId } from '../../src/domain/reminders/breach.js';
import type { CommitmentSnapshot, CustomerSnapshot, ReminderState, RepSnapshot } from '../../src/domain/reminders/snapshot.js';
import { fixedClock } from '../../src/shared/clock.js';
import { join } from 'node:path';

const rules = loadRules();
const sh = (local: string) => new Date(`${local}+08:00`);
const MS = 1;
const H = 3_600_000;

function customer(over: Partial<CustomerSnapshot> = {}): CustomerSnapshot {
  return {
    id: 'c1',
    name: '恒信机械',
    ownerUserId: 'u1',
    stage: null,
    stageEnteredAt: null,
    isInboundLead: false,
    firstInquiryAt: null,
    createdAt: sh('2026-05-13T10:00:00'),
    lastTouchAt: null,
    firstContactAt: null,
    hasVisit: false,
    ...over,
  };
}
const reps: RepSnapshot[] = [{ id: 'u1', teamKey: 'east', reportedToday: true }];
const state = (s: Partial<ReminderState>): ReminderState => ({ customers: [], commitments: [], reps, ...s });
const run = (s: Partial<ReminderState>, now: Date, r = rules) => evaluateBreaches(state(s), now, r);
const of = (bs: Breach[], rule: RuleId) => bs.filter((b) => b.rule === rule);
const ruleSet = (bs: Breach[]) => [...new Set(bs.map((b) => `${b.rule}/${b.audience}`))].sort();

describe('lead first contact (2 h)', () => {
  const lead = customer({ isInboundLead: true, firstInquiryAt: sh('2026-05-13T10:00:00') });
  it('is breached from exactly 2 h after the inquiry', () => {
    expect(of(run({ customers: [lead] }, new Date(sh('2026-05-13T12:00:00').getTime() - MS)), 'lead_first_contact')).toEqual([]);
    const [b] = of(run({ customers: [lead] }, sh('2026-05-13T12:00:00')), 'lead_first_contact');
    expect(b).toMatchObject({ audience: 'rep', subjectId: 'c1', customerName: '恒信机械', ownerUserId: 'u1', teamKey: 'east', overdueBy: 0 });
    expect(b!.dueAt).toEqual(sh('2026-05-13T12:00:00'));
    expect(of(run({ customers: [lead] }, sh('2026-05-13T15:00:00')), 'lead_first_contact')[0]!.overdueBy).toBe(3 * H);
  });
  it('is resolved by a contact, even a late one, and skips non-leads and closed deals', () => {
    const at = sh('2026-05-13T15:00:00');
    expect(of(run({ customers: [{ ...lead, firstContactAt: sh('2026-05-13T14:00:00') }] }, at), 'lead_first_contact')).toEqual([]);
    expect(of(run({ customers: [{ ...lead, isInboundLead: false }] }, at), 'lead_first_contact')).toEqual([]);
    expect(of(run({ customers: [{ ...lead, stage: 'lost', stageEnteredAt: at }] }, at), 'lead_first_contact')).toEqual([]);
  });
  it('falls back to createdAt when the inquiry time is unknown', () => {
    const noInquiry = customer({ isInboundLead: true, createdAt: sh('2026-05-13T09:00:00') });
    expect(of(run({ customers: [noInquiry] }, sh('2026-05-13T11:00:00')), 'lead_first_contact')).toHaveLength(1);
  });
});

describe('lead windows alert for leads.alertForDays only', () => {
  const lead = customer({ isInboundLead: true, firstInquiryAt: sh('2026-05-01T10:00:00'), createdAt: sh('2026-05-01T10:00:00') });
  const rules1 = (days: number) => compileRules({ ...readJsoncFile(join(repoRoot(), 'config/rules.jsonc')) as object, leads: { firstContactHours: 2, goldenHours: 48, alertForDays: days } });
  it('stops the first-contact and golden alerts once the window is that many days gone', () => {
    const r = rules1(3);
    // First contact due 05-01 12:00, golden due 05-03 10:00; both alert for three days after.
    expect(ruleSet(run({ customers: [lead] }, sh('2026-05-04T11:59:59'), r))).toContain('lead_first_contact/rep');
    expect(ruleSet(run({ customers: [lead] }, sh('2026-05-04T12:00:00'), r))).not.toContain('lead_first_contact/rep');
    expect(ruleSet(run({ customers: [lead] }, sh('2026-05-06T09:59:59'), r))).toContain('golden_48h/rep');
    expect(ruleSet(run({ customers: [lead] }, sh('2026-05-06T10:00:00'), r))).toEqual([]);
  });
  it('leaves the untouched rules to carry the customer afterwards', () => {
    expect(ruleSet(run({ customers: [lead] }, sh('2026-05-16T10:00:00'), rules1(3)))).toEqual(['untouched_14d/manager_group', 'untouched_7d/rep']);
  });
});

describe('golden 48 h', () => {
  const c = customer({ firstInquiryAt: sh('2026-05-11T10:00:00'), createdAt: sh('2026-05-11T10:00:00') });
  const due = sh('2026-05-13T10:00:00');
  it('tells the rep and the manager group from exactly 48 h, one key each', () => {
    expect(of(run({ customers: [c] }, new Date(due.getTime() - MS)), 'golden_48h')).toEqual([]);
    const bs = of(run({ customers: [c] }, due), 'golden_48h');
    expect(bs.map((b) => b.audience)).toEqual(['rep', 'manager_group']);
    expect(bs.map((b) => b.periodKey)).toEqual(['golden_48h:rep:c1:2026-05-13', 'golden_48h:manager_group:c1:2026-05-13']);
    expect(bs[0]!.since).toEqual(sh('2026-05-11T10:00:00'));
  });
  it('is resolved by a visit, a proposal, or stage demo or later', () => {
    const at = sh('2026-05-13T11:00:00');
    expect(of(run({ customers: [{ ...c, hasVisit: true }] }, at), 'golden_48h')).toEqual([]);
    expect(of(run({ customers: [{ ...c, proposalSent: true, stage: 'discovery' }] }, at), 'golden_48h')).toEqual([]);
    for (const stage of ['demo', 'negotiation', 'contract', 'won', 'lost'] as const) {
      expect(of(run({ customers: [{ ...c, stage, stageEnteredAt: at }] }, at), 'golden_48h')).toEqual([]);
    }
    expect(of(run({ customers: [{ ...c, stage: 'discovery', stageEnteredAt: at }] }, at), 'golden_48h')).toHaveLength(2);
  });
  it('fires as of 49 h after a chat-created customer and keeps the same key at 50 h (Done-when)', () => {
    const created = sh('2026-05-11T09:00:00');
    const chat = customer({ firstInquiryAt: created, createdAt: created, lastTouchAt: created });
    const clock = fixedClock(new Date(created.getTime() + 49 * H));
    const first = of(run({ customers: [chat] }, clock.now()), 'golden_48h');
    clock.advance(H);
    const again = of(run({ customers: [chat] }, clock.now()), 'golden_48h');
    expect(first).toHaveLength(2);
    expect(again.map((b) => b.periodKey)).toEqual(first.map((b) => b.periodKey));
  });
});

describe('stage action windows', () => {
  it.each([
    ['discovery', 24],
    ['demo', 48],
    ['negotiation', 72],
    ['contract', 72],
  ] as const)('%s: %i h after entering with no touch', (stage, hours) => {
    const entered = sh('2026-05-13T10:00:00');
    const c = customer({ stage, stageEnteredAt: entered, lastTouchAt: entered, hasVisit: true });
    const due = new Date(entered.getTime() + hours * H);
    expect(of(run({ customers: [c] }, new Date(due.getTime() - MS)), 'stage_window')).toEqual([]);
    const [b] = of(run({ customers: [c] }, new Date(due.getTime() + MS)), 'stage_window');
    expect(b).toMatchObject({ audience: 'rep', stage, overdueBy: 1 });
    expect(b!.dueAt).toEqual(due);
  });
  it('is resolved by any touch after entering, even after the window', () => {
    const entered = sh('2026-05-13T10:00:00');
    const c = customer({ stage: 'discovery', stageEnteredAt: entered, hasVisit: true, lastTouchAt: sh('2026-05-14T15:00:00') });
    expect(of(run({ customers: [c] }, sh('2026-05-14T16:00:00')), 'stage_window')).toEqual([]);
  });
  it('does not count the stage-change touch itself, and skips no stage, closed deals and switched-off windows', () => {
    const entered = sh('2026-05-13T10:00:00');
    const at = sh('2026-05-14T11:00:00');
    const c = customer({ stage: 'discovery', stageEnteredAt: entered, lastTouchAt: entered, hasVisit: true });
    expect(of(run({ customers: [c] }, at), 'stage_window')).toHaveLength(1);
    expect(of(run({ customers: [{ ...c, stage: null }] }, at), 'stage_window')).toEqual([]);
    expect(of(run({ customers: [{ ...c, stage: 'won' }] }, sh('2026-06-30T11:00:00')), 'stage_window')).toEqual([]);
    const raw = readJsoncFile<Record<string, any>>(join(repoRoot(), 'config', 'rules.jsonc'));
    const stages = compileStages({ stages: DEFAULT_STAGE_CONFIG.stages.map((s) => (s.id === 'discovery' ? { ...s, actionWindowHours: null } : s)) });
    const off = compileRules(raw, stages);
    expect(of(run({ customers: [c] }, at, off), 'stage_window')).toEqual([]);
  });
});

describe('untouched customers (7 d rep, 14 d manager group)', () => {
  const c = customer({ stage: 'negotiation', stageEnteredAt: sh('2026-05-01T10:00:00'), lastTouchAt: sh('2026-05-06T10:00:00'), hasVisit: true });
  it('reminds the rep from 7 days and escalates from 14 days', () => {
    expect(ruleSet(run({ customers: [c] }, sh('2026-05-13T09:59:59.999')))).toEqual([]);
    expect(ruleSet(run({ customers: [c] }, sh('2026-05-13T10:00:00')))).toEqual(['untouched_7d/rep']);
    expect(ruleSet(run({ customers: [c] }, sh('2026-05-20T09:59:59.999')))).toEqual(['untouched_7d/rep']);
    expect(ruleSet(run({ customers: [c] }, sh('2026-05-20T10:00:00')))).toEqual(['untouched_14d/manager_group', 'untouched_7d/rep']);
  });
  it('stops when touched again or closed', () => {
    const at = sh('2026-05-20T10:00:00');
    expect(run({ customers: [{ ...c, lastTouchAt: sh('2026-05-19T10:00:00') }] }, at)).toEqual([]);
    expect(run({ customers: [{ ...c, stage: 'won' }] }, at)).toEqual([]);
    expect(run({ customers: [{ ...c, stage: 'lost' }] }, at)).toEqual([]);
  });
  it('counts from creation when never touched, across a month end', () => {
    const fresh = customer({ createdAt: sh('2026-01-28T15:00:00'), hasVisit: true, stage: 'demo', stageEnteredAt: sh('2026-01-28T15:00:00'), lastTouchAt: null });
    expect(of(run({ customers: [fresh] }, sh('2026-02-04T14:59:00')), 'untouched_7d')).toEqual([]);
    const [b] = of(run({ customers: [fresh] }, sh('2026-02-04T15:00:00')), 'untouched_7d');
    expect(b!.periodKey).toBe('untouched_7d:rep:c1:2026-02-04');
  });
});

describe('commitments', () => {
  const k: CommitmentSnapshot = { id: 'k1', customerId: 'c1', ownerUserId: 'u1', description: '发报价', dueDate: '2026-05-13', status: 'open' };
  const c = customer({ hasVisit: true, stage: 'negotiation', stageEnteredAt: sh('2026-05-13T08:00:00'), lastTouchAt: sh('2026-05-13T08:30:00') });
  const rulesAt = (local: string) => ruleSet(run({ customers: [c], commitments: [k] }, sh(local)));
  it('reminds the rep on the due morning and escalates the morning after', () => {
    expect(rulesAt('2026-05-13T08:59:59.999')).toEqual([]);
    expect(rulesAt('2026-05-13T09:00:00')).toEqual(['commitment_due/rep']);
    expect(rulesAt('2026-05-14T08:59:59.999')).toEqual(['commitment_due/rep']);
    expect(rulesAt('2026-05-14T09:00:00')).toEqual(['commitment_due/rep', 'commitment_overdue/manager_group']);
  });
  it('carries the customer, the promise and the timing', () => {
    const [b] = of(run({ customers: [c], commitments: [k] }, sh('2026-05-13T10:30:00')), 'commitment_due');
    expect(b).toMatchObject({ subjectId: 'k1', customerId: 'c1', customerName: '恒信机械', commitment: { description: '发报价', dueDate: '2026-05-13' }, overdueBy: 1.5 * H });
  });
  it('stops once done, rescheduled or dropped', () => {
    for (const status of ['done', 'rescheduled', 'dropped'] as const) {
      expect(run({ customers: [c], commitments: [{ ...k, status }] }, sh('2026-05-20T10:00:00')).filter((b) => b.rule.startsWith('commitment'))).toEqual([]);
    }
  });
  it('escalates across month ends', () => {
    const feb = { ...k, dueDate: '2026-02-28' };
    expect(of(run({ commitments: [feb] }, sh('2026-03-01T08:59:00')), 'commitment_overdue')).toEqual([]);
    const [b] = of(run({ commitments: [feb] }, sh('2026-03-01T09:00:00')), 'commitment_overdue');
    expect(b).toMatchObject({ customerId: 'c1', customerName: null, periodKey: 'commitment_overdue:manager_group:k1:2026-03-01' });
    expect(of(run({ commitments: [{ ...k, dueDate: '2026-01-31' }] }, sh('2026-02-01T09:00:00')), 'commitment_overdue')).toHaveLength(1);
  });
});

describe('no report today (18:00 on workdays)', () => {
  const team: RepSnapshot[] = [
    { id: 'u1', teamKey: 'east', reportedToday: false },
    { id: 'u2', teamKey: 'east', reportedToday: true },
    { id: 'u3', teamKey: null, reportedToday: false },
  ];
  const nudged = (local: string, r = rules) => evaluateBreaches({ customers: [], commitments: [], reps: team }, sh(local), r).map((b) => b.subjectId);
  it('nudges reps without a report from 18:00 until quiet hours on a workday', () => {
    expect(nudged('2026-05-13T17:59:59.999')).toEqual([]);
    expect(nudged('2026-05-13T18:00:00')).toEqual(['u1', 'u3']);
    expect(nudged('2026-05-13T20:59:59')).toEqual(['u1', 'u3']);
    // Deferred to tomorrow morning it would be about the wrong day.
    expect(nudged('2026-05-13T21:00:00')).toEqual([]);
  });
  it('skips weekends and holidays and includes 调休 workdays', () => {
    expect(nudged('2026-05-16T18:00:00')).toEqual([]); // Saturday
    expect(nudged('2026-10-01T18:00:00')).toEqual([]); // Thursday, 国庆节
    expect(nudged('2026-10-10T18:00:00')).toEqual(['u1', 'u3']); // Saturday, 调休上班
    expect(nudged('2026-02-28T18:00:00')).toEqual(['u1', 'u3']); // Saturday, month end, 调休上班
  });
  it('keys by rep and day', () => {
    const [b] = evaluateBreaches({ customers: [], commitments: [], reps: team }, sh('2026-05-13T18:05:00'), rules);
    expect(b).toMatchObject({ rule: 'no_report_today', audience: 'rep', ownerUserId: 'u1', teamKey: 'east', customerId: null, periodKey: 'no_report_today:rep:u1:2026-05-13' });
    expect(b!.dueAt).toEqual(sh('2026-05-13T18:00:00'));
  });
  it('runs until midnight when quiet hours are switched off', () => {
    const raw = readJsoncFile<Record<string, any>>(join(repoRoot(), 'config', 'rules.jsonc'));
    const loud = compileRules({ ...raw, calendar: { ...raw.calendar, quietHours: null } });
    expect(nudged('2026-05-13T23:59:00', loud)).toEqual(['u1', 'u3']);
  });
});

describe('period keys: at most once a delivery day', () => {
  const c = customer({ stage: 'demo', stageEnteredAt: sh('2026-05-01T10:00:00'), lastTouchAt: sh('2026-05-02T10:00:00'), hasVisit: true });
  const key = (at: Date, r = rules) => of(run({ customers: [c] }, at, r), 'untouched_7d')[0]!.periodKey;
  it('keeps one key through the day and the quiet night it is deferred into', () => {
    expect(key(sh('2026-05-13T08:00:00'))).toBe('untouched_7d:rep:c1:2026-05-13');
    expect(key(sh('2026-05-13T20:59:59'))).toBe('untouched_7d:rep:c1:2026-05-13');
    // From 21:00 an alert is delivered at 08:30 tomorrow, so it belongs to tomorrow.
    expect(key(sh('2026-05-13T21:00:00'))).toBe('untouched_7d:rep:c1:2026-05-14');
    expect(key(new Date('2026-05-13T15:59:59Z'))).toBe('untouched_7d:rep:c1:2026-05-14');
    expect(key(new Date('2026-05-13T16:00:00Z'))).toBe('untouched_7d:rep:c1:2026-05-14');
    // The 09:00 tick after the 08:30 delivery does not alert again.
    expect(key(sh('2026-05-14T09:00:00'))).toBe('untouched_7d:rep:c1:2026-05-14');
    expect(key(sh('2026-05-15T09:00:00'))).toBe('untouched_7d:rep:c1:2026-05-15');
  });
  it('changes at midnight Asia/Shanghai (16:00Z) when there are no quiet hours', () => {
    const raw = readJsoncFile<Record<string, any>>(join(repoRoot(), 'config', 'rules.jsonc'));
    const loud = compileRules({ ...raw, calendar: { ...raw.calendar, quietHours: null } });
    expect(key(new Date('2026-05-13T15:59:59.999Z'), loud)).toBe('untouched_7d:rep:c1:2026-05-13');
    expect(key(new Date('2026-05-13T16:00:00Z'), loud)).toBe('untouched_7d:rep:c1:2026-05-14');
    // Month end.
    expect(key(new Date('2026-05-31T16:00:00Z'), loud)).toBe('untouched_7d:rep:c1:2026-06-01');
  });
  it('resumes the next day while breached and stops once resolved', () => {
    const day1 = run({ customers: [c] }, sh('2026-05-13T10:00:00')).map((b) => b.periodKey);
    const day2 = run({ customers: [c] }, sh('2026-05-14T10:00:00')).map((b) => b.periodKey);
    expect(day2).toHaveLength(day1.length);
    expect(day2.some((k) => day1.includes(k))).toBe(false);
    const touched = { ...c, lastTouchAt: sh('2026-05-14T11:00:00') };
    expect(run({ customers: [touched] }, sh('2026-05-15T10:00:00'))).toEqual([]);
  });
  it('gives every entry of one evaluation a distinct key', () => {
    const stale = customer({ id: 'c2', createdAt: sh('2026-04-01T10:00:00'), stage: 'discovery', stageEnteredAt: sh('2026-04-01T10:00:00'), hasVisit: true });
    const lead = customer({ id: 'c3', isInboundLead: true, createdAt: sh('2026-05-10T10:00:00') });
    const bs = run({ customers: [c, stale, lead] }, sh('2026-05-13T10:00:00'));
    expect(ruleSet(bs)).toEqual(['golden_48h/manager_group', 'golden_48h/rep', 'lead_first_contact/rep', 'stage_window/rep', 'untouched_14d/manager_group', 'untouched_7d/rep']);
    expect(new Set(bs.map((b) => b.periodKey)).size).toBe(bs.length);
  });
});
