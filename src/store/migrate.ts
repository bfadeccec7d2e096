// Applies pending migrations in order, each in its own transaction, under an advisory lock so two
// starting instances cannot race.
import type { Database } from './database.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

const LOCK_ID = 7_210_042; // arbitrary, stable

export async function migrate(db: Database, migrations: readonly Migration[] = allMigrations): Promise<number[]> {
  await db.exec(`create table if not exists schema_migrations (
    version int primary key, name text not null, applied_at timestamptz not null default now())`);
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
    const done = new Set(
      (await tx.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version),
    );
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const stmt of splitStatements(m.sql)) await tx.execute(stmt);
      await tx.execute('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
  });
  return applied;
}

/**
 * Splits on semicolons at line ends, except inside `$$ … $$` bodies (trigger functions). Statements go
 * one by one because the extended protocol both drivers use takes a single statement per call.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inBody = false;
  for (const line of sql.split('\n')) {
    if (!inBody && /^\s*--/.test(line)) continue;
    current.push(line);
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  out.push(current.join('\n').trim());
  return out.filter((s) => s.length > 0);
}
