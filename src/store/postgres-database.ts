// A real PostgreSQL server through node-postgres. int8 and numeric are parsed to numbers so rows look the
// same as on PGlite (our counts and amounts stay far below 2^53).
import pg from 'pg';
import { queryableOver, type Database, type Queryable } from './database.js';

pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

type Conn = Pick<pg.Pool, 'query'> | pg.PoolClient;

function wrap(conn: Conn): Queryable {
  return queryableOver(async (text, params) => {
    const res = await conn.query(text, params);
    return { rows: res.rows, affected: res.rowCount ?? 0 };
  });
}

export async function openPostgresDatabase(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle connection the server ends (restart, failover, DROP DATABASE … FORCE) is dropped from the
  // pool and replaced on demand; without a listener node-postgres would throw it as an uncaught error.
  pool.on('error', (err) => process.emitWarning(`postgres pool: idle connection closed (${err.message})`));
  // Fail fast on a wrong URL instead of at the first request.
  await pool.query('select 1');
  const base = wrap(pool);
  return {
    ...base,
    kind: 'postgres',
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    bossConnection: () => ({ connectionString: url, max: 4 }),
    close: () => pool.end(),
  };
}
