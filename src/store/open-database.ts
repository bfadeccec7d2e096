// Picks the database: a real server when DATABASE_URL is set, otherwise embedded PGlite in DATA_DIR
// (sized for a small resident footprint, see pglite-database.ts).
import { join } from 'node:path';
import type { Database } from './database.js';
import { openPgliteDatabase } from './pglite-database.js';
import { openPostgresDatabase } from './postgres-database.js';

export async function openDatabase(opts: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  if (opts.databaseUrl) return openPostgresDatabase(opts.databaseUrl);
  return openPgliteDatabase({ dataDir: join(opts.dataDir, 'pglite'), lean: true });
}
