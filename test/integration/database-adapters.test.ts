// The query port on both databases: repeated parameterised statements (named prepared statements on
// PostgreSQL), scripts, transactions that roll back, the foreground lane going first on PGlite, and
// PGlite jobs left active by a dead process coming back at the next start.
import { afterEach, describe, expect, it } from 'vitest';
import { startJobQueue } from '../../src/jobs/job-queue.js';
import { silentLogger } from '../../src/shared/logger.js';
import { inBackgroundLane } from '../../src/store/database-lanes.js';
import { createTestDb, testDbKind, type TestDb } from '../support/test-db.js';

let t: TestDb | null = null;
afterEach(async () => {
  await t?.cleanup();
  t = null;
});

describe(`database adapter (${testDbKind()})`, () => {
  it('runs the same parameterised statement many times, inside and outside transactions', async () => {
    t = await createTestDb();
    const { db } = t;
    await db.exec('create table lane_t (id int primary key, v text); create index lane_t_v on lane_t (v);');
    for (let i = 0; i < 5; i++) await db.execute('insert into lane_t (id, v) values ($1, $2)', [i, `v${i}`]);
    await db.transaction(async (tx) => {
      for (let i = 5; i < 10; i++) await tx.execute('insert into lane_t (id, v) values ($1, $2)', [i, `v${i}`]);
    });
    const rows = await db.query<{ n: number }>('select count(*)::int as n from lane_t where id >= $1', [0]);
    expect(rows[0]!.n).toBe(10);
    // pg-boss's adapter runs parameterised statements and multi-command scripts (their last rows).
    const boss = db.bossConnection() as { db: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } };
    expect((await boss.db.executeSql('select 1 as a; select 2 as b')).rows).toEqual([{ b: 2 }]);
    expect((await boss.db.executeSql('select v from lane_t where id = $1', [3])).rows).toEqual([{ v: 'v3' }]);
  });

  it('rolls a failed transaction back and keeps the connection usable', async () => {
    t = await createTestDb();
    const { db } = t;
    await db.exec('create table lane_r (id int primary key)');
    await expect(
      db.transaction(async (tx) => {
        await tx.execute('insert into lane_r (id) values ($1)', [1]);
        await tx.execute('insert into lane_r (id) values ($1)', [1]); // duplicate key
      }),
    ).rejects.toThrow();
    await db.transaction(async (tx) => {
      await tx.execute('insert into lane_r (id) values ($1)', [2]);
    });
    const ids = await db.query<{ id: number }>('select id from lane_r order by id');
    expect(ids.map((r) => r.id)).toEqual([2]);
  });

  it('a foreground statement waiting behind a worker transaction goes before the queued worker statements', async () => {
    t = await createTestDb();
    if (t.kind !== 'pglite') return; // PostgreSQL runs them in parallel
    const { db } = t;
    await db.exec('create table lane_o (seq serial primary key, who text)');
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const inside = new Promise<void>((r) => (started = r));
    const worker = inBackgroundLane(() =>
      db.transaction(async (tx) => {
        await tx.execute(`insert into lane_o (who) values ('worker tx')`);
        started();
        await holding;
      }),
    );
    await inside;
    const queued = [1, 2, 3].map((i) => inBackgroundLane(() => db.execute(`insert into lane_o (who) values ($1)`, [`worker ${i}`])));
    const ack = db.execute(`insert into lane_o (who) values ('ack')`);
    release();
    await Promise.all([worker, ack, ...queued]);
    const order = (await db.query<{ who: string }>('select who from lane_o order by seq')).map((r) => r.who);
    expect(order).toEqual(['worker tx', 'ack', 'worker 1', 'worker 2', 'worker 3']);
  });

  it('PGlite: a job left active by a process that died is retried at the next start', async () => {
    t = await createTestDb();
    if (t.kind !== 'pglite') return; // only one process can hold a PGlite directory; PostgreSQL waits for the expiry
    const { db } = t;
    const first = await startJobQueue(db, silentLogger());
    await first.enqueue('process-inbound', { conversationKey: 'wecom:default:orphan' });
    await db.execute(`update pgboss.job set state = 'active', started_on = now() where name = 'process-inbound'`);
    await first.stop();

    const second = await startJobQueue(db, silentLogger());
    const seen: string[] = [];
    await second.work('process-inbound', { workers: 1, pollingIntervalSeconds: 0.5 }, async (data) => {
      seen.push(data.conversationKey);
    });
    for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await second.stop();
    expect(seen).toEqual(['wecom:default:orphan']);
  });
});
