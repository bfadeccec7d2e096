// Push-side benchmarks: the reminder sweep (select the due candidates + evaluate every rule) over
// seeded tenants of each size, and a leaderboard over many reps and ledger rows. Seeding uses
// generate_series in SQL. Sizes: BENCH_CUSTOMERS (comma list, default 100000,1000000), BENCH_REPS
// (10000), BENCH_LEDGER (1000000). Each sweep is timed three times; the median is printed.
import { teamBoard } from '../../src/app/leaderboards/team-board.js';
import { loadRules } from '../../src/config/load-rules.js';
import { periodRange } from '../../src/domain/leaderboards/index.js';
import { evaluateBreaches } from '../../src/domain/reminders/evaluate-breaches.js';
import { sweepCutoffs } from '../../src/domain/reminders/sweep-cutoffs.js';
import type { Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { loadReminderState } from '../../src/store/repos/reminder-state-repo.js';
import { onEachBenchDatabase } from './bench-databases.js';

const CUSTOMER_SIZES = (process.env.BENCH_CUSTOMERS ?? '100000,1000000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 10_000);
const LEDGER = Number(process.env.BENCH_LEDGER ?? 1_000_000);

/**
 * A pipeline shaped like a working sales team's, so the sweep meets a realistic share of due rows:
 * 40 % closed (won/lost), 10 % without a stage; one open customer in ten stale (7–37 days untouched),
 * the rest touched within the week; one in twenty idle since entering its stage; six in ten visited;
 * inquiries spread over a year. `pick(salt, m)` is a per-row hash so the columns are independent.
 */
async function seedCustomers(db: Database, tenant: string, customers: number): Promise<void> {
  const pick = (salt: number, m: number) => `(abs(hashint4(g * 31 + ${salt})) % ${m})`;
  await db.exec(`
    insert into tenants (id, name) values ('${tenant}', '${tenant}');
    insert into users (tenant_id, id, name, team_key, role) select '${tenant}', 'rep' || g, '销售' || g, 'team' || (g % 100), 'rep' from generate_series(1, ${REPS}) g;
    insert into customers (tenant_id, name, name_key, owner_user_id, stage, source, created_at, first_inquiry_at, last_touch_at,
                           stage_entered_at, first_contact_at, has_visit, proposal_sent)
      select '${tenant}', '客户' || g, 'k' || g, 'rep' || (g % ${REPS} + 1), stage,
        case when ${pick(1, 10)} = 0 then 'form' else null end,
        inquiry, inquiry, touched, touched - case when ${pick(2, 20)} = 0 then interval '0' else interval '2 hours' end,
        inquiry + interval '1 hour', ${pick(3, 10)} < 6, coalesce(stage in ('demo', 'negotiation', 'contract', 'won'), false)
      from (select g,
              (array[null, 'discovery', 'discovery', 'demo', 'demo', 'demo', 'negotiation', 'negotiation', 'contract', 'contract',
                     'won', 'won', 'won', 'won', 'lost', 'lost', 'lost', 'lost', 'discovery', 'discovery'])[${pick(4, 20)} + 1] as stage,
              now() - (1 + ${pick(5, 365)}) * interval '1 day' as inquiry,
              now() - case when ${pick(6, 10)} = 0 then 7 + ${pick(7, 30)} else ${pick(8, 7)} end * interval '1 day'
                    - ${pick(9, 24)} * interval '1 hour' as touched
            from generate_series(1, ${customers}) g) s;
    analyze;
  `);
}

async function seedLedger(db: Database, tenant: string): Promise<void> {
  await db.exec(`
    insert into points_ledger (tenant_id, user_id, reason, points, award_key, occurred_at)
      select '${tenant}', 'rep' || (g % ${REPS} + 1), case when g % 5 = 0 then 'stage_advance' else 'report' end, 5, 'a' || g, now() - (g % 30) * interval '1 hour'
      from generate_series(1, ${LEDGER}) g;
    analyze;
  `);
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

async function median(fn: () => Promise<number>): Promise<number> {
  const runs = [await fn(), await fn(), await fn()].sort((a, b) => a - b);
  return runs[1]!;
}

async function benchOn(name: string, db: Database): Promise<void> {
  await migrate(db);
  const rules = loadRules();
  for (const size of CUSTOMER_SIZES) {
    const tenant = `bench${size}`;
    const [, seedMs] = await time(() => seedCustomers(db, tenant, size));
    let due = 0;
    let breaches = 0;
    let loadMs = 0;
    const totalMs = await median(async () => {
      const now = new Date();
      const [state, load] = await time(() => loadReminderState(db, tenant, sweepCutoffs(now, rules), { customers: true }));
      const [found, evalMs] = await time(async () => evaluateBreaches(state, now, rules));
      [due, breaches, loadMs] = [state.customers.length, found.length, load];
      return load + evalMs;
    });
    console.log(`${name.padEnd(11)} sweep ${String(size).padStart(8)} customers: ${totalMs.toFixed(0).padStart(5)} ms (select ${loadMs.toFixed(0)} ms) · ${due} due, ${breaches} breaches · seeded in ${(seedMs / 1000).toFixed(0)} s`);
  }
  // The board runs over the largest tenant's reps, whose customers are already there.
  const boardTenant = `bench${CUSTOMER_SIZES[CUSTOMER_SIZES.length - 1]}`;
  await seedLedger(db, boardTenant);
  const now = new Date();
  const reps = Array.from({ length: REPS }, (_, i) => `rep${i + 1}`);
  const boardMs = await median(async () => (await time(() => teamBoard(db, boardTenant, reps, periodRange('month', now), rules.calendar)))[1]);
  console.log(`${name.padEnd(11)} board ${REPS} reps × ${LEDGER} ledger rows: ${boardMs.toFixed(0)} ms`);
}

export async function benchPushSide(): Promise<void> {
  console.log(`\n# Push side (reminder sweep, leaderboard)`);
  await onEachBenchDatabase('zb-bench-push-', benchOn);
}
