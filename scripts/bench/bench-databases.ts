// The databases a store bench runs on: a throwaway PGlite, then, when BENCH_DATABASE_URL is set, that
// PostgreSQL database (an empty scratch one: its public schema is dropped first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/store/database.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';

/** Runs `benchOn` on each database in turn, named 'PGlite' and 'PostgreSQL'; `tmpPrefix` names PGlite's folder. */
export async function onEachBenchDatabase(tmpPrefix: string, benchOn: (name: string, db: Database) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), tmpPrefix));
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
