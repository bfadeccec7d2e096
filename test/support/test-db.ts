// A fresh, migrated database per test file: a PGlite copy of the template by default, or a new
// PostgreSQL database cloned from the template when the run targets a real server (ZB_TEST_DB=postgres).
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';

export interface TestDb {
  db: Database;
  kind: 'pglite' | 'postgres';
  cleanup(): Promise<void>;
}

export function testDbKind(): 'pglite' | 'postgres' {
  return process.env.ZB_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export async function createTestDb(): Promise<TestDb> {
  if (testDbKind() === 'postgres') {
    const tpl = inject('postgresTemplate');
    if (!tpl) throw new Error('ZB_TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `zb_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: tpl.adminUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${tpl.templateName}`);
    await admin.end();
    const u = new URL(tpl.adminUrl);
    u.pathname = `/${name}`;
    const db = await openPostgresDatabase(u.toString(), { max: 5 });
    return {
      db,
      kind: 'postgres',
      cleanup: async () => {
        await db.close();
        const a = new pg.Client({ connectionString: tpl.adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const blob = new Blob([readFileSync(inject('pgliteTemplatePath'))]);
  const db = await openPgliteDatabase({ loadDataDir: blob });
  return { db, kind: 'pglite', cleanup: () => db.close() };
}
