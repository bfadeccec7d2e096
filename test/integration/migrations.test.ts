// Migrations on the test database kind (PGlite, or PostgreSQL in the real-server pass).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, splitStatements } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.cleanup();
});

describe(`migrations (${process.env.ZB_TEST_DB ?? 'pglite'})`, () => {
  it('are recorded and re-running them applies nothing', async () => {
    const rows = await t.db.query<{ version: number }>('select version from schema_migrations order by version');
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    expect(await migrate(t.db)).toEqual([]);
  });

  it('apply a new migration once, atomically', async () => {
    const extra = { version: 9999, name: 'test', sql: 'create table zz_test (id int primary key);\ninsert into zz_test values (1);' };
    expect(await migrate(t.db, [...migrations, extra])).toEqual([9999]);
    expect(await migrate(t.db, [...migrations, extra])).toEqual([]);
    const broken = { version: 10000, name: 'broken', sql: 'create table zz_ok (id int);\nselect * from no_such_table;' };
    await expect(migrate(t.db, [...migrations, extra, broken])).rejects.toThrow();
    const tables = await t.db.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_name = 'zz_ok'`);
    expect(tables[0]!.n).toBe(0);
  });

  it('every business table carries tenant_id', async () => {
    const rows = await t.db.query<{ table_name: string }>(
      `select table_name from information_schema.tables t where table_schema = 'public' and table_type = 'BASE TABLE'
       and table_name not in ('tenants', 'schema_migrations', 'zz_test')
       and not exists (select 1 from information_schema.columns c where c.table_schema = 'public'
         and c.table_name = t.table_name and c.column_name = 'tenant_id')`,
    );
    expect(rows).toEqual([]);
  });

  it('splits statements on line-ending semicolons and drops comments', () => {
    expect(splitStatements('-- note\ncreate table a (x int);\n\ncreate table b (y int);\n')).toEqual(['create table a (x int)', 'create table b (y int)']);
    const fn = 'create function f() returns trigger language plpgsql as $$\nbegin\n  update a set x = 1;\n  return null;\nend $$;\ncreate table c (z int);';
    expect(splitStatements(fn)).toEqual(['create function f() returns trigger language plpgsql as $$\nbegin\n  update a set x = 1;\n  return null;\nend $$', 'create table c (z int)']);
  });
});
