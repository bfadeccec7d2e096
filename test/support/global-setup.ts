// Builds one migrated database template per test run (initdb + migrations + pg-boss schema are slow);
// every test then starts from a copy. PGlite: a gzip data-dir dump. PostgreSQL (TEST_DATABASE_URL):
// a template database.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { TestProject } from 'vitest/node';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';
import { openPostgresDatabase } from '../../src/store/postgres-database.js';
import { migrate } from '../../src/store/migrate.js';
import type { Database } from '../../src/store/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplate: { adminUrl: string; templateName: string } | null;
  }
}

async function prepare(db: Database): Promise<void> {
  await migrate(db);
  const boss = new PgBoss({ ...db.bossConnection(), schedule: false, supervise: false } as PgBoss.ConstructorOptions);
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'zb-test-'));
  const lite = await openPgliteDatabase({ dataDir: 'memory://' });
  await prepare(lite);
  const dump = await lite.pglite.dumpDataDir('gzip');
  const templatePath = join(dir, 'template.tar.gz');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteTemplatePath', templatePath);

  const adminUrl = process.env.TEST_DATABASE_URL;
  let templateName: string | null = null;
  if (adminUrl) {
    templateName = `zb_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const db = await openPostgresDatabase(withDatabase(adminUrl, templateName), { max: 2 });
    await prepare(db);
    await db.close();
  }
  project.provide('postgresTemplate', adminUrl && templateName ? { adminUrl, templateName } : null);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (adminUrl && templateName) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${templateName}`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
