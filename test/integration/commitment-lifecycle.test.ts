// Commitments on a real database: an open row closes exactly once, and 承诺兑现率 reads close dates as
// Shanghai days (done at 23:30 Shanghai on the due day is on time, although it is 15:30 UTC).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamFulfilment } from '../../src/app/commitments/team-fulfilment.js';
import { closeCommitment, getCommitment, insertCommitment, openCommitmentsOf, successorOf } from '../../src/store/repos/commitments-repo.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
const sh = (local: string) => new Date(`${local}+08:00`);
const add = (ownerUserId: string, description: string, dueDate: string, rescheduledFromId?: string) =>
  insertCommitment(t.db, { tenantId: 'kc', reportId: null, customerId: null, ownerUserId, description, dueDate, rescheduledFromId }).then((id) => id!);
const close = (id: string, status: 'done' | 'rescheduled' | 'dropped', at: Date) =>
  closeCommitment(t.db, { tenantId: 'kc', id, status, at, by: 'r1', via: status === 'done' ? 'tap' : status === 'dropped' ? 'drop' : 'reschedule' });

beforeAll(async () => {
  t = await createTestDb();
  await t.db.execute(`insert into tenants (id, name) values ('kc', 'commitments')`);
});
afterAll(async () => {
  await t?.cleanup();
});

describe(`commitment life cycle (${process.env.ZB_TEST_DB ?? 'pglite'})`, () => {
  it('closes an open commitment once; a second close changes nothing', async () => {
    const id = await add('r1', '发方案(12月9日)', '2026-12-09');
    expect(await close(id, 'done', sh('2026-12-09T10:00:00'))).toBe(true);
    expect(await close(id, 'done', sh('2026-12-09T11:00:00'))).toBe(false);
    expect(await close(id, 'dropped', sh('2026-12-09T11:00:00'))).toBe(false);
    expect((await getCommitment(t.db, 'kc', id))?.status).toBe('done');
  });

  it('links a rescheduled commitment to the one that replaced it, and lists only open ones', async () => {
    const old = await add('r2', '周四前发报价(12月10日)', '2026-12-10');
    await close(old, 'rescheduled', sh('2026-12-09T09:00:00'));
    const next = await add('r2', '发报价(12月18日)', '2026-12-18', old);
    expect((await successorOf(t.db, 'kc', old))?.id).toBe(next);
    expect((await openCommitmentsOf(t.db, 'kc', 'r2')).map((k) => k.description)).toEqual(['发报价(12月18日)']);
    // One successor per commitment: a replayed 改期 cannot fork it.
    expect(await insertCommitment(t.db, { tenantId: 'kc', reportId: null, customerId: null, ownerUserId: 'r2', description: 'x', dueDate: '2026-12-19', rescheduledFromId: old })).toBeNull();
  });

  it('counts 承诺兑现率 by Shanghai days over the last 30 days', async () => {
    const owner = ['r3'];
    const onTimeLate = await add('r3', 'a', '2026-12-01');
    await close(onTimeLate, 'done', sh('2026-12-01T23:30:00')); // 15:30 UTC the same day: on time
    const nextDay = await add('r3', 'b', '2026-12-01');
    await close(nextDay, 'done', sh('2026-12-02T00:30:00')); // 16:30 UTC on the due day, but late in Shanghai
    await add('r3', 'c', '2026-12-03'); // open and overdue
    await add('r3', 'd', '2026-12-07'); // open, due today: not decided
    const moved = await add('r3', 'e', '2026-12-05');
    await close(moved, 'rescheduled', sh('2026-12-04T12:00:00')); // moved in time: not due
    await add('r3', 'f', '2026-11-01'); // before the period
    expect(await teamFulfilment(t.db, 'kc', owner, sh('2026-12-07T12:00:00'))).toEqual({ due: 3, done: 1 });
  });
});
