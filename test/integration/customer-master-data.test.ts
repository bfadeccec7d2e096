// Customer master data on a real database: a rename keeps the old name recognisable, a merge moves every
// row and keeps the reminder facts equal to what the rows say, both are idempotent, collisions are settled.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLanguage } from '../../src/app/nlp/create-language.js';
import { mergeCustomers } from '../../src/app/customers/merge-customers.js';
import { renameCustomer } from '../../src/app/customers/rename-customer.js';
import { repoRoot } from '../../src/config/repo-root.js';
import type { Queryable } from '../../src/store/database.js';
import { listAliases } from '../../src/store/repos/customer-aliases-repo.js';
import { findOrCreateCustomer, getCustomer, listCustomerNames, recordTouchTime, setStage } from '../../src/store/repos/customers-repo.js';
import { claimAlerts } from '../../src/store/repos/reminder-state-repo.js';
import { insertPrompt, insertStageChange } from '../../src/store/repos/stages-repo.js';
import { insertTouch } from '../../src/store/repos/touches-repo.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const { nlp } = createLanguage(join(repoRoot(), 'config'));
const deps = { nlp };
const T = 'md';
const day = (d: number, h = 2) => new Date(Date.UTC(2026, 4, d, h));
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await t.db.execute(`insert into tenants (id, name) values ($1, 'master data'), ('md-other', 'other')`, [T]);
});
afterAll(async () => {
  await t?.cleanup();
});

const customer = async (q: Queryable, name: string, at = day(1), owner = 'r1') =>
  (await findOrCreateCustomer(q, { tenantId: T, name, nameKey: nlp.customerKey(name), ownerUserId: owner, at })).customer;

async function touch(q: Queryable, customerId: string, at: Date, kind = 'chat') {
  const row = await insertTouch(q, { tenantId: T, customerId, userId: 'r1', kind, text: kind, topics: [], inboxId: null, occurredAt: at });
  await recordTouchTime(q, T, customerId, at);
  return row;
}

async function stage(q: Queryable, customerId: string, from: string | null, to: string, at: Date, evidence: string | null = null) {
  await setStage(q, T, customerId, to);
  await insertStageChange(q, { tenantId: T, customerId, fromStage: from, toStage: to, userId: 'r1', evidenceTouchId: evidence, promptTaskId: null, changedAt: at });
}

/** The reminder facts the slow way, from the rows (what migration 0005 backfilled). */
async function factsFromRows(q: Queryable, id: string) {
  const [r] = await q.query<Record<string, unknown>>(
    `select (select min(occurred_at) from touches t where customer_id = $1
               and t.user_id = (select owner_user_id from customers where id = $1)) as first_contact_at,
            coalesce((select bool_or(kind = 'visit') from touches where customer_id = $1), false) as has_visit,
            (select max(occurred_at) from touches where customer_id = $1) as last_touch_at,
            (select max(changed_at) from stage_changes where customer_id = $1) as stage_entered_at,
            coalesce((select bool_or(to_stage in ('demo','negotiation','contract','won')) from stage_changes where customer_id = $1), false) as proposal_sent`,
    [id],
  );
  return r;
}
const storedFacts = async (q: Queryable, id: string) =>
  (await q.query<Record<string, unknown>>(`select first_contact_at, has_visit, last_touch_at, stage_entered_at, proposal_sent from customers where id = $1`, [id]))[0];

describe('rename', () => {
  it('keeps the old name as an alias the recogniser and findOrCreateCustomer land on', async () => {
    await t.db.transaction(async (q) => {
      const c = await customer(q, '博远电气');
      const r = await renameCustomer(q, deps, T, c.id, '博远智能装备');
      expect(r).toMatchObject({ kind: 'renamed', oldName: '博远电气', customer: { name: '博远智能装备' } });
      const names = await listCustomerNames(q, T);
      expect(names).toEqual(expect.arrayContaining(['博远智能装备', '博远电气']));
      const said = nlp.recognizeCustomer('刚去了博远电气,客户问了价格', names, day(2));
      expect(said).toBe('博远电气');
      const found = await findOrCreateCustomer(q, { tenantId: T, name: said!, nameKey: nlp.customerKey(said!), ownerUserId: 'r2', at: day(2) });
      expect(found).toMatchObject({ created: false, customer: { id: c.id, name: '博远智能装备' } });
      expect((await renameCustomer(q, deps, T, c.id, '博远智能装备')).kind).toBe('unchanged');
    });
  });

  it('refuses a name or alias of another customer, and bad names', async () => {
    await t.db.transaction(async (q) => {
      const a = await customer(q, '长风重工');
      const b = await customer(q, '长风机械');
      await renameCustomer(q, deps, T, b.id, '长风精工'); // 长风机械 is now b's alias
      expect(await renameCustomer(q, deps, T, a.id, '长风精工')).toMatchObject({ kind: 'taken', other: { id: b.id } });
      expect(await renameCustomer(q, deps, T, a.id, '长风机械')).toMatchObject({ kind: 'taken', other: { id: b.id } });
      expect((await renameCustomer(q, deps, T, a.id, '  ')).kind).toBe('invalid_name');
      expect((await renameCustomer(q, deps, T, a.id, '长'.repeat(65))).kind).toBe('invalid_name');
      expect((await renameCustomer(q, deps, T, 'no-such-id', '长风')).kind).toBe('not_found');
    });
  });

  it('renaming back to a former name swaps name and alias', async () => {
    await t.db.transaction(async (q) => {
      const c = await customer(q, '北辰科技');
      await renameCustomer(q, deps, T, c.id, '北辰智能');
      await renameCustomer(q, deps, T, c.id, '北辰科技');
      expect((await getCustomer(q, T, c.id))!.name).toBe('北辰科技');
      expect((await listAliases(q, T, c.id)).map((a) => a.alias)).toEqual(['北辰智能']);
    });
  });

  it('settles concurrent claims on one new name: the later one is told it is taken, not a unique-index error', async () => {
    const [a, b] = await t.db.transaction(async (q) => [await customer(q, '南山电子'), await customer(q, '南山光电')]);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // The first rename stays open while the second starts (on PGlite the second simply waits its turn).
    const first = t.db.transaction(async (q) => {
      const r = await renameCustomer(q, deps, T, a.id, '南山科技');
      await sleep(300);
      return r;
    });
    await sleep(100);
    const second = t.db.transaction((q) => renameCustomer(q, deps, T, b.id, '南山科技'));
    expect((await first).kind).toBe('renamed');
    expect(await second).toMatchObject({ kind: 'taken', other: { id: a.id } });
    const created = await t.db.transaction((q) =>
      findOrCreateCustomer(q, { tenantId: T, name: '南山科技', nameKey: nlp.customerKey('南山科技'), ownerUserId: 'r1', at: day(3) }));
    expect(created).toMatchObject({ created: false, customer: { id: a.id } });
  });
});

describe('merge', () => {
  it('moves every row, settles collisions, recomputes stage and facts, and is idempotent', async () => {
    const { a, b } = await t.db.transaction(async (q) => {
      const a = await customer(q, '金桥物流', day(1));
      const b = await customer(q, '金桥供应链', day(1));
      await stage(q, b.id, null, 'discovery', day(2));
      await touch(q, b.id, day(9));
      const first = await touch(q, a.id, day(3));
      const visit = await touch(q, a.id, day(5), 'visit');
      await stage(q, a.id, null, 'demo', day(5), visit.id);
      await insertPrompt(q, { taskId: 'stg-md-1', tenantId: T, customerId: a.id, userId: 'r1', touchId: first.id, suggestedStage: 'demo' });
      await q.execute(`insert into commitments (tenant_id, customer_id, owner_user_id, description, due_date) values ($1, $2, 'r1', '送样品', '2026-05-20')`, [T, a.id]);
      // Both were alerted today for the same breach (one row must survive), A also for another one.
      await claimAlerts(q, T, [
        { periodKey: `untouched_7d:rep:${a.id}:2026-05-10`, rule: 'untouched_7d', subjectId: a.id },
        { periodKey: `untouched_7d:rep:${b.id}:2026-05-10`, rule: 'untouched_7d', subjectId: b.id },
        { periodKey: `golden_48h:rep:${a.id}:2026-05-10`, rule: 'golden_48h', subjectId: a.id },
      ]);
      await q.execute(`insert into points_ledger (tenant_id, user_id, reason, points, award_key, occurred_at) values ($1, 'r1', 'won', 20, $2, now())`, [T, `won:${a.id}`]);
      await q.execute(`insert into customer_aliases (tenant_id, customer_id, alias, alias_key) values ($1, $2, '金桥', '金桥')`, [T, a.id]);
      return { a, b };
    });

    const r = await t.db.transaction((q) => mergeCustomers(q, T, a.id, b.id));
    expect(r).toMatchObject({ kind: 'merged', moved: { touches: 2, stageChanges: 1, stagePrompts: 1, commitments: 1 } });
    const q = t.db;
    expect(await getCustomer(q, T, a.id)).toBeNull();
    const merged = (await getCustomer(q, T, b.id))!;
    expect(merged.stage).toBe('demo'); // A's change (day 5) is newer than B's (day 2)
    expect(await storedFacts(q, b.id)).toEqual(await factsFromRows(q, b.id));
    expect(await storedFacts(q, b.id)).toMatchObject({ has_visit: true, proposal_sent: true, stage_entered_at: day(5), first_contact_at: day(3), last_touch_at: day(9) });
    for (const table of ['touches', 'stage_changes', 'stage_prompts', 'commitments']) {
      expect(await q.query(`select 1 from ${table} where customer_id = $1`, [a.id])).toEqual([]);
    }
    const alerts = await q.query<{ period_key: string }>(`select period_key from alerts_sent where tenant_id = $1 order by period_key`, [T]);
    expect(alerts.map((x) => x.period_key)).toEqual([`golden_48h:rep:${b.id}:2026-05-10`, `untouched_7d:rep:${b.id}:2026-05-10`]);
    expect(await q.query(`select award_key from points_ledger where tenant_id = $1`, [T])).toEqual([{ award_key: `won:${b.id}` }]);

    expect((await listAliases(q, T, b.id)).map((x) => x.alias).sort()).toEqual(['金桥', '金桥物流'].sort());
    const said = nlp.recognizeCustomer('金桥物流那边要发货', await listCustomerNames(q, T), day(10));
    const found = await findOrCreateCustomer(q, { tenantId: T, name: said!, nameKey: nlp.customerKey(said!), ownerUserId: 'r1', at: day(10) });
    expect(found).toMatchObject({ created: false, customer: { id: b.id } });

    expect(await t.db.transaction((tx) => mergeCustomers(tx, T, a.id, b.id))).toMatchObject({ kind: 'already_merged', into: { id: b.id } });
    expect(await t.db.transaction((tx) => mergeCustomers(tx, T, b.id, b.id))).toEqual({ kind: 'same_customer' });
    expect(await t.db.transaction((tx) => mergeCustomers(tx, T, b.id, a.id))).toEqual({ kind: 'not_found', which: 'into' });
  });

  it('keeps the survivor’s stage when its history is newer and takes over what only the merged one knew', async () => {
    const { a, b } = await t.db.transaction(async (q) => {
      const a = await customer(q, '东岳建材', day(1));
      const b = await customer(q, '东岳集团', day(4));
      await stage(q, a.id, null, 'contract', day(2));
      await stage(q, b.id, null, 'discovery', day(6));
      await q.execute(`update customers set amount = 500000, source = 'website' where id = $1`, [a.id]);
      return { a, b };
    });
    await t.db.transaction((q) => mergeCustomers(q, T, a.id, b.id));
    const merged = (await getCustomer(t.db, T, b.id))!;
    expect(merged).toMatchObject({ stage: 'discovery', amount: 500000, source: 'website', firstInquiryAt: day(1) });
    expect(await storedFacts(t.db, b.id)).toEqual(await factsFromRows(t.db, b.id));
  });

  it('merges across tenants never: another tenant’s id is not found', async () => {
    const other = (await t.db.query<{ id: string }>(
      `insert into customers (tenant_id, name, name_key, owner_user_id) values ('md-other', '西域商贸', '西域商贸', 'x') returning id`,
    ))[0]!.id;
    const mine = await customer(t.db, '西域物流');
    expect(await t.db.transaction((q) => mergeCustomers(q, T, other, mine.id))).toEqual({ kind: 'not_found', which: 'from' });
    expect(await t.db.transaction((q) => mergeCustomers(q, T, mine.id, other))).toEqual({ kind: 'not_found', which: 'into' });
  });
});
