// Embedded PostgreSQL (PGlite, WASM). One connection: transactions serialise, so keep them short and
// never wait on the network inside one.
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { Database, Queryable } from './database.js';

type PgliteLike = Pick<PGlite, 'query'> | Transaction;

function wrap(conn: PgliteLike): Queryable {
  const q: Queryable = {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const res = await conn.query(text, params as unknown[]);
      return res.rows as T[];
    },
    async execute(text: string, params: readonly unknown[] = []) {
      const res = await conn.query(text, params as unknown[]);
      return res.affectedRows ?? 0;
    },
    bossDb: {
      async executeSql(text: string, values: unknown[] = []) {
        const res = await conn.query(text, values);
        return { rows: res.rows };
      },
    },
  };
  return q;
}

export async function openPgliteDatabase(opts: { dataDir?: string; loadDataDir?: Blob | File } = {}): Promise<
  Database & { pglite: PGlite }
> {
  if (opts.dataDir && !opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  const base = wrap(pglite);
  return {
    ...base,
    kind: 'pglite',
    pglite,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    bossConnection: () => {
      const cfg = createPgConfig(pglite) as unknown as Record<string, unknown>;
      return { ...cfg, connection: cfg.connection, max: 1 };
    },
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
