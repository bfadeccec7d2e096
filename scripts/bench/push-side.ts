// Push-side benchmarks: the reminder sweep (load the snapshot + evaluate every rule) over N seeded
// customers, and a leaderboard over many reps and ledger rows. Seeding uses generate_series in SQL.
// Sizes: BENCH_CUSTOMERS (default 100000), BENCH_REPS (10000), BENCH_LEDGER (1000000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamBoard } from '../../src/app/leaderboards/team-board.js';
import { loadRules } from '../../src/config/load-rules.js';
import { periodRange } from '../../src/domain/leaderboards/index.js';
import { evaluateBreaches } from '../../src/domain/reminders/evaluate-breaches.js';
import { shanghaiDayStart } from '../../src/shared/shanghai-time.js';
import type { Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';
import { loadReminderState } from '../../src/store/repos/reminder-state-repo.js';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const REPS = Number(process.env.BENCH_REPS ?? 10_000);
const LEDGER = Number(process.env.BENCH_LEDGER ?? 1_000_000);

async function seed(db: Database): Promise<void> {
  await db.exec(`
    insert into tenants (id, name) values ('bench', 'bench') on conflict do nothing;
    insert into users (tenant_id, id, name, team_key) select 'bench', 'rep' || g, '销售' || g, 'team' || (g % 100) from generate_series(1, ${REPS}) g;
    insert into customers (tenant_id, name, name_key, owner_user_id, stage, created_at, first_inquiry_at, last_touch_at)
      select 'bench', '客户' || g, 'k' || g, 'rep' || (g % ${REPS} + 1),
        (array[null, 'discovery', 'demo', 'negotiation', 'contract', 'won', 'lost'])[g % 7 + 1],
        now() - (g % 40) * interval '1 day', now() - (g % 40) * interval '1 day', now() - (g % 20) * interval '1 day'
      from generate_series(1, ${CUSTOMERS}) g;
    insert into points_ledger (tenant_id, user_id, reason, points, award_key, occurred_at)
      select 'bench', 'rep' || (g % ${REPS} + 1), case when g % 5 = 0 then 'stage_advance' else 'report' end, 5, 'a' || g, now() - (g % 30) * interval '1 hour'
      from generate_series(1, ${LEDGER}) g;
  `);
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

async function benchOn(name: string, db: Database): Promise<void> {
  await migrate(db);
  const [, seedMs] = await time(() => seed(db));
  const rules = loadRules();
  const now = new Date();
  const [state, loadMs] = await time(() => loadReminderState(db, 'bench', shanghaiDayStart(now)));
  const t0 = performance.now();
  const breaches = evaluateBreaches(state, now, rules);
  const evalMs = performance.now() - t0;
  const reps = Array.from({ length: REPS }, (_, i) => `rep${i + 1}`);
  const [board, boardMs] = await time(() => teamBoard(db, 'bench', reps, periodRange('month', now)));
  console.log(`${name.padEnd(12)} seed ${(seedMs / 1000).toFixed(1)} s | sweep ${CUSTOMERS} customers: load ${loadMs.toFixed(0)} ms + rules ${evalMs.toFixed(0)} ms (${breaches.length} breaches) | board ${REPS} reps × ${LEDGER} ledger rows: ${boardMs.toFixed(0)} ms (${board.length} ranked)`);
}

export async function benchPushSide(): Promise<void> {
  console.log(`\n# Push side (reminder sweep, leaderboard)`);
  const dir = mkdtempSync(join(tmpdir(), 'zb-bench-push-'));
  const lite = await openPgliteDatabase({ dataDir: join(dir, 'pglite') });
  await benchOn('PGlite', lite);
  await lite.close();
  rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_DATABASE_URL) {
    const pg = await openPostgresDatabase(process.env.BENCH_DATABASE_URL);
    await pg.exec('drop schema public cascade; create schema public;');
    await benchOn('PostgreSQL', pg);
    await pg.close();
  } else {
    console.log('(set BENCH_DATABASE_URL to an empty scratch database to add PostgreSQL)');
  }
}
