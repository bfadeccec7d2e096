// Scheduler leases: two instances racing for one tick run it once; ticks are computed in Asia/Shanghai.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick, SCHEDULES, startScheduler } from '../../src/jobs/scheduler.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const runs = async (job: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from job_runs where job_name = $1', [job]))[0]!.n;

describe('scheduler', () => {
  it('runs a tick once when two instances race for it', async () => {
    const tick = new Date('2026-11-18T02:10:00Z');
    const results = await Promise.all([runTick(t.server.deps, 'reminders', tick, 'instance-a'), runTick(t.server.deps, 'reminders', tick, 'instance-b')]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await runTick(t.server.deps, 'reminders', tick, 'instance-c')).toBe(false);
  });

  it('computes the last tick in Asia/Shanghai', () => {
    const nudge = SCHEDULES.find((s) => s.job === 'report-nudge')!;
    expect(nudge.lastTick(new Date('2026-11-18T10:30:00Z')).toISOString()).toBe('2026-11-18T10:00:00.000Z'); // 18:30 local
    expect(nudge.lastTick(new Date('2026-11-18T09:59:00Z')).toISOString()).toBe('2026-11-17T10:00:00.000Z'); // 17:59 local
    const reminders = SCHEDULES.find((s) => s.job === 'reminders')!;
    expect(reminders.lastTick(new Date('2026-11-18T02:19:59Z')).toISOString()).toBe('2026-11-18T02:10:00.000Z');
  });

  it('catches up a missed tick once at start, not once per instance', async () => {
    const before = await runs('report-nudge');
    const a = await startScheduler(t.server.deps);
    const b = await startScheduler(t.server.deps);
    await a.stop();
    await b.stop();
    expect(await runs('report-nudge')).toBe(before + 1);
  });
});
