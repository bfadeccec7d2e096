// The sweep reads only due candidates through the partial indexes, and the reminder facts on the
// customer row are kept by triggers. Both must be invisible: over a varied pipeline written through
// the ordinary repos, the breaches found from the candidates equal those found from every customer
// aggregated the slow way, at many instants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/config/load-rules.js';
import { evaluateBreaches } from '../../src/domain/reminders/evaluate-breaches.js';
import { INBOUND_LEAD_SOURCES, type ReminderState } from '../../src/domain/reminders/snapshot.js';
import { sweepCutoffs } from '../../src/domain/reminders/sweep-cutoffs.js';
import type { StageId } from '../../src/domain/stages/stage-ids.js';
import type { Queryable } from '../../src/store/database.js';
import { recordTouchTime, setStage } from '../../src/store/repos/customers-repo.js';
import { loadReminderState } from '../../src/store/repos/reminder-state-repo.js';
import { insertStageChange } from '../../src/store/repos/stages-repo.js';
import { assignCustomer, insertTouch } from '../../src/store/repos/touches-repo.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const rules = loadRules();
const T0 = new Date('2026-05-01T02:00:00Z').getTime();
const HOUR = 3_600_000;
const STAGE_PICKS: (StageId | null)[] = [null, 'discovery', 'demo', 'negotiation', 'contract', 'won', 'lost'];

let t: TestDb;

/** A small deterministic generator, so a failure reproduces. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

async function seedPipeline(q: Queryable): Promise<void> {
  const rnd = lcg(42);
  await q.execute(`insert into tenants (id, name) values ('sw', 'sweep')`);
  for (const u of ['r1', 'r2', 'r3']) await q.execute(`insert into users (tenant_id, id, name, role, team_key) values ('sw', $1, $1, 'rep', 'east')`, [u]);
  for (let i = 0; i < 240; i++) {
    const created = new Date(T0 + rnd(30 * 24) * HOUR);
    const source = rnd(3) === 0 ? INBOUND_LEAD_SOURCES[rnd(INBOUND_LEAD_SOURCES.length)]! : rnd(2) === 0 ? 'referral' : null;
    const [row] = await q.query<{ id: string }>(
      `insert into customers (tenant_id, name, name_key, owner_user_id, source, created_at, first_inquiry_at)
       values ('sw', $1, $1, $2, $3, $4, $5) returning id`,
      [`客户${i}`, `r${1 + rnd(3)}`, source, created, rnd(2) === 0 ? created : null],
    );
    const id = row!.id;
    let at = created.getTime();
    const events = rnd(5);
    for (let e = 0; e < events; e++) {
      at += (1 + rnd(96)) * HOUR;
      if (rnd(3) === 0) {
        const to = STAGE_PICKS[1 + rnd(STAGE_PICKS.length - 1)]!;
        await setStage(q, 'sw', id, to);
        await insertStageChange(q, { tenantId: 'sw', customerId: id, fromStage: null, toStage: to, userId: 'r1', evidenceTouchId: null, promptTaskId: null, changedAt: new Date(at) });
      }
      if (rnd(4) > 0) {
        const kind = rnd(5) === 0 ? 'visit' : 'update';
        // Some touches are attached to their customer only later (the "哪个客户?" answer).
        const late = rnd(4) === 0;
        const touch = await insertTouch(q, { tenantId: 'sw', customerId: late ? null : id, userId: 'r1', kind, text: null, topics: [], inboxId: null, occurredAt: new Date(at) });
        if (late) await assignCustomer(q, 'sw', touch.id, id);
        await recordTouchTime(q, 'sw', id, new Date(at));
      }
    }
    if (rnd(4) === 0) {
      const due = new Date(T0 + rnd(40) * 24 * HOUR).toISOString().slice(0, 10);
      await q.execute(
        `insert into commitments (tenant_id, customer_id, owner_user_id, description, due_date, status) values ('sw', $1, 'r1', '发报价', $2, $3)`,
        [id, due, rnd(4) === 0 ? 'done' : 'open'],
      );
    }
  }
}

/** The snapshot the sweep used to build: every open customer, facts aggregated from touches and stage changes. */
async function everyCustomer(q: Queryable): Promise<ReminderState> {
  const rows = await q.query<{
    id: string; name: string; owner_user_id: string; stage: StageId | null; source: string | null; first_inquiry_at: Date | null; created_at: Date;
    last_touch_at: Date | null; stage_entered_at: Date | null; proposal_sent: boolean | null; first_contact_at: Date | null; has_visit: boolean | null;
  }>(
    `select c.id, c.name, c.owner_user_id, c.stage, c.source, c.first_inquiry_at, c.created_at, c.last_touch_at,
       s.stage_entered_at, s.proposal_sent, t.first_contact_at, t.has_visit
     from customers c
     left join (select customer_id, max(changed_at) as stage_entered_at,
                  bool_or(to_stage in ('demo', 'negotiation', 'contract', 'won')) as proposal_sent
                from stage_changes group by customer_id) s on s.customer_id = c.id
     -- First contact is the owner's first touch (migration 0010); a visit by anyone counts.
     left join lateral (select min(occurred_at) filter (where user_id = c.owner_user_id) as first_contact_at, bool_or(kind = 'visit') as has_visit
                from touches where customer_id = c.id) t on true
     where c.tenant_id = 'sw'`,
  );
  const commitments = await q.query<{ id: string; customer_id: string; description: string; due: string }>(
    `select id, customer_id, description, due_date::text as due from commitments where tenant_id = 'sw' and status = 'open'`,
  );
  const date = (d: Date | null) => (d ? new Date(d) : null);
  return {
    customers: rows.map((c) => ({
      id: c.id, name: c.name, ownerUserId: c.owner_user_id, stage: c.stage, stageEnteredAt: date(c.stage_entered_at),
      isInboundLead: c.source !== null && INBOUND_LEAD_SOURCES.includes(c.source), firstInquiryAt: date(c.first_inquiry_at),
      createdAt: new Date(c.created_at), lastTouchAt: date(c.last_touch_at), firstContactAt: date(c.first_contact_at),
      hasVisit: c.has_visit ?? false, proposalSent: c.proposal_sent ?? false,
    })),
    commitments: commitments.map((k) => ({ id: k.id, customerId: k.customer_id, ownerUserId: 'r1', description: k.description, dueDate: k.due, status: 'open' as const })),
    reps: ['r1', 'r2', 'r3'].map((id) => ({ id, teamKey: 'east', reportedToday: null })),
  };
}

const keys = (state: ReminderState, at: Date) =>
  evaluateBreaches(state, at, rules).map((b) => `${b.periodKey}|${b.customerName}|${b.overdueBy}`).sort();

beforeAll(async () => {
  t = await createTestDb();
  await t.db.transaction((tx) => seedPipeline(tx));
});
afterAll(async () => {
  await t?.cleanup();
});

describe('reminder sweep over due candidates', () => {
  it('finds exactly the breaches a sweep of every customer finds', async () => {
    const full = await everyCustomer(t.db);
    let compared = 0;
    for (let h = 0; h <= 60 * 24; h += 29) {
      const at = new Date(T0 + h * HOUR);
      const due = await loadReminderState(t.db, 'sw', sweepCutoffs(at, rules), { customers: true });
      const expected = keys(full, at);
      expect(keys(due, at)).toEqual(expected);
      compared += expected.length;
    }
    // The pipeline is varied enough that the comparison means something.
    expect(compared).toBeGreaterThan(1000);
  });

  it('reads far fewer customers than it stores once most are fresh', async () => {
    const at = new Date(T0 + 2 * HOUR);
    const due = await loadReminderState(t.db, 'sw', sweepCutoffs(at, rules), { customers: true });
    expect(due.customers.length).toBeLessThan(10);
  });

  it('limits a manager view to their reps', async () => {
    const at = new Date(T0 + 40 * 24 * HOUR);
    const mine = await loadReminderState(t.db, 'sw', sweepCutoffs(at, rules), { customers: true, ownerUserIds: ['r2'] });
    expect(mine.customers.length).toBeGreaterThan(0);
    expect(new Set(mine.customers.map((c) => c.ownerUserId))).toEqual(new Set(['r2']));
    expect(mine.reps.map((r) => r.id)).toEqual(['r2']);
  });
});
