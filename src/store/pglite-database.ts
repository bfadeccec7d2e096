// Embedded PostgreSQL (PGlite, WASM). One connection: transactions serialise, so keep them short and
// never wait on the network inside one.
import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { queryableOver, type Database, type Queryable } from './database.js';

type PgliteLike = Pick<PGlite, 'query'> | Transaction;

function wrap(conn: PgliteLike): Queryable {
  return queryableOver(async (text, params) => {
    const res = await conn.query(text, params);
    return { rows: res.rows, affected: res.affectedRows ?? 0 };
  });
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
    // pg-boss gets an adapter over pglite.query/exec, which wait for an open transaction to finish.
    // (PGlite's node-postgres adapter bypasses that lock, so pg-boss's polling would run its statements
    // inside our transactions on the single connection.)
    bossConnection: () => ({
      db: {
        async executeSql(text: string, values?: unknown[]) {
          if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
          const results = await pglite.exec(text); // pg-boss sends multi-statement scripts without values
          return { rows: results.at(-1)?.rows ?? [] };
        },
      },
    }),
    close: async () => {
      if (!pglite.closed) await pglite.close();
    },
  };
}
