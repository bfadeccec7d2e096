// Export throughput: each kind as CSV and XLSX over a seeded tenant (BENCH_EXPORT_ROWS customers and
// touches, a fifth as many reports and store visits; default 100000), read by a fast client. Prints rows/s,
// the file size and how far RSS rose while exporting, which stays flat because rows stream page by page.
// BENCH_DATABASE_URL adds the same on PostgreSQL (an empty scratch database: its schema is dropped).
// The (tenant_id, time, id) indexes the keyset pages use come with migration 0015.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pino } from 'pino';
import type { ExportFormat, ExportKind } from '../../src/app/export/export-kinds.js';
import { openExport } from '../../src/app/export/open-export.js';
import { loadStages } from '../../src/config/load-stages.js';
import { systemClock } from '../../src/shared/clock.js';
import type { Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { onEachBenchDatabase } from './bench-databases.js';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const TENANT = 'benchexport';
const REPS = 200;

async function seed(db: Database): Promise<void> {
  const pick = (salt: number, m: number) => `(abs(hashint4(g * 31 + ${salt})) % ${m})`;
  const few = Math.max(1, Math.floor(ROWS / 5));
  await db.exec(`
    insert into tenants (id, name) values ('${TENANT}', '${TENANT}');
    insert into users (tenant_id, id, name, role) select '${TENANT}', 'rep' || g, '销售' || g, 'rep' from generate_series(1, ${REPS}) g;
    insert into teams (tenant_id, key, name) select '${TENANT}', 'team' || g, '销售' || g || '组' from generate_series(1, 10) g;
    insert into team_members (tenant_id, team_key, user_id, is_member, is_manager)
      select '${TENANT}', 'team' || (g % 10 + 1), 'rep' || g, true, false from generate_series(1, ${REPS}) g;
    insert into customers (tenant_id, name, name_key, owner_user_id, stage, industry, source, amount, created_at, updated_at, last_touch_at)
      select '${TENANT}', '客户' || g || '有限公司', 'k' || g, 'rep' || (g % ${REPS} + 1),
        (array['discovery', 'demo', 'negotiation', 'contract', 'won', 'lost'])[${pick(1, 6)} + 1], '制造业', '展会', ${pick(2, 100)} * 10000,
        now() - g * interval '1 minute', now(), now() - g * interval '30 seconds'
      from generate_series(1, ${ROWS}) g;
    insert into touches (tenant_id, customer_id, user_id, kind, text, topics, occurred_at)
      select '${TENANT}', null, 'rep' || (g % ${REPS} + 1), 'visit', '今天拜访了客户' || g || ',聊了价格和交期,对方说预算要下个月才批,下周再跟进', '{price,delivery}',
        now() - g * interval '1 minute'
      from generate_series(1, ${ROWS}) g;
    insert into report_notes (id, tenant_id, channel, user_id, inbox_id, kind, recorded_at)
      select 'n' || g, '${TENANT}', 'wecom', 'rep' || (g % ${REPS} + 1), 'i' || g, 'text', now() from generate_series(1, ${few}) g;
    insert into report_drafts (id, tenant_id, channel, user_id, note_id, report, extractor, status, recorded_at)
      select 'd' || g, '${TENANT}', 'wecom', 'rep' || (g % ${REPS} + 1), 'n' || g, '{}', 'rules', 'confirmed', now() from generate_series(1, ${few}) g;
    insert into battle_reports (tenant_id, draft_id, user_id, customer_name, contact, stage, progress, objections, competitors, amount,
        payment_terms_days, next_action, next_action_due, transcript, extractor, recorded_at)
      select '${TENANT}', 'd' || g, 'rep' || (g % ${REPS} + 1), '客户' || g || '有限公司', '王经理', 'negotiation', '谈了价格,客户认可方案',
        '[{"topic":"price","quote":"价格有点高"}]', '{友商A}', 500000, 60, '周三前发合同', current_date + 3,
        '今天去了客户' || g || '有限公司,和王经理谈了价格,报价五十万,六十天账期,周三前发合同', 'rules', now() - g * interval '1 minute'
      from generate_series(1, ${few}) g;
    insert into stores (tenant_id, key, name, team_key) values ('${TENANT}', 's1', '徐汇店', 'team1');
    insert into qr_codes (id, tenant_id, store_key, purpose, created_at) values ('q1', '${TENANT}', 's1', 'visit', now());
    insert into store_visits (tenant_id, store_key, qr_id, user_id, question, topics, customer_name, customer_phone, created_at)
      select '${TENANT}', 's1', 'q1', 'rep' || (g % ${REPS} + 1), '宝宝脸上湿疹反复,用什么润肤霜比较好', '{quality}', '王女士', '13800135678',
        now() - g * interval '1 minute'
      from generate_series(1, ${few}) g;
    analyze;
  `);
}

async function exportOnce(db: Database, kind: ExportKind, format: ExportFormat, owners: 'all' | string[]): Promise<{ ms: number; bytes: number; rssRiseMb: number }> {
  const stages = loadStages();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const { body } = await openExport({ db, stages, clock: systemClock, log: pino({ level: 'warn' }) }, {
    tenantId: TENANT, kind, format, filter: { fromDay: null, toDay: null, teamKey: null }, scope: { owners, storeTeams: [] },
  });
  let bytes = 0;
  await pipeline(body, new Writable({ write: (chunk: Buffer, _e, cb) => ((bytes += chunk.length), cb()) }));
  clearInterval(sampler);
  return { ms: performance.now() - t0, bytes, rssRiseMb: (peak - before) / 2 ** 20 };
}

async function benchOn(name: string, db: Database): Promise<void> {
  await migrate(db);
  const t0 = performance.now();
  await seed(db);
  console.log(`${name}: seeded ${ROWS} customers and touches, ${Math.floor(ROWS / 5)} reports and visits in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  const counts: Record<ExportKind, number> = { customers: ROWS, touches: ROWS, reports: Math.floor(ROWS / 5), visits: Math.floor(ROWS / 5) };
  for (const kind of ['customers', 'touches', 'reports', 'visits'] as const) {
    for (const format of ['csv', 'xlsx'] as const) {
      const r = await exportOnce(db, kind, format, 'all');
      const rate = (counts[kind] / r.ms) * 1000;
      console.log(`${name.padEnd(11)} ${kind.padEnd(9)} ${format.padEnd(4)} ${String(counts[kind]).padStart(7)} rows: ${(r.ms / 1000).toFixed(1).padStart(5)} s · ${rate.toFixed(0).padStart(6)} rows/s · ${(r.bytes / 2 ** 20).toFixed(1)} MB · RSS +${r.rssRiseMb.toFixed(0)} MB`);
    }
  }
  // A manager's export: ten reps' customers out of the tenant.
  const r = await exportOnce(db, 'customers', 'csv', Array.from({ length: 10 }, (_, i) => `rep${i + 1}`));
  console.log(`${name.padEnd(11)} customers csv, 10 of ${REPS} reps (${ROWS / 20} rows): ${(r.ms / 1000).toFixed(1)} s`);
}

export async function benchExport(): Promise<void> {
  console.log(`\n# Export (CSV and XLSX, streamed)`);
  await onEachBenchDatabase('zb-bench-export-', benchOn);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchExport();
  process.exit(0);
}
