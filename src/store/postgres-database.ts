// A real PostgreSQL server through node-postgres. int8 and numeric are parsed to numbers so rows look the
// same as on PGlite (our counts and amounts stay far below 2^53). Job workers and pg-boss's polling get a
// pool of their own (the background lane), so an HTTP ack never waits for a connection a worker holds.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { queryableOver, withCommitHooks, type Database, type Queryable } from './database.js';
import { currentLane, ForegroundFirst } from './database-lanes.js';

pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

type Conn = Pick<pg.Pool, 'query'> | pg.PoolClient;

/**
 * Parameterised statements that recur run as named prepared statements (prepared once per connection):
 * the server parses and plans pg-boss's 5 KB job insert and our hot statements once, not on every call,
 * and each call sends only the values. At most MAX_NAMED distinct texts get a name, so SQL built with a
 * varying shape cannot pile up prepared statements; the rest, and statements without parameters
 * (scripts with several commands among them), use the unnamed and simple protocols as before.
 */
const MAX_NAMED = 2_000;
const seen = new Map<string, number | string>();
function statement(text: string, values: unknown[]): pg.QueryConfig {
  if (values.length === 0) return { text };
  const known = seen.get(text);
  if (typeof known === 'string') return { name: known, text, values };
  if (known === undefined && seen.size >= MAX_NAMED) return { text, values };
  const count = (known ?? 0) + 1;
  seen.set(text, count >= 2 ? `zb_${createHash('sha1').update(text).digest('hex').slice(0, 24)}` : count);
  return { text, values };
}

async function run(conn: Conn, text: string, values: unknown[]): Promise<{ rows: unknown[]; affected: number }> {
  const res: pg.QueryResult | pg.QueryResult[] = await conn.query(statement(text, values));
  const last = Array.isArray(res) ? res.at(-1) : res; // a script answers with one result per command
  return { rows: last?.rows ?? [], affected: last?.rowCount ?? 0 };
}

const wrap = (conn: Conn, hooks?: Array<() => void>): Queryable =>
  queryableOver((text, params) => run(conn, text, params), hooks ? (fn) => hooks.push(fn) : undefined);

export async function openPostgresDatabase(url: string, opts: { max?: number } = {}): Promise<Database> {
  const max = opts.max ?? 10;
  // Pipeline mode: a query is written at once instead of after the previous answer, so BEGIN travels
  // with a transaction's first statement (one round trip less per transaction).
  const foreground = new pg.Pool({ connectionString: url, max, pipeline: true } as pg.PoolConfig);
  const background = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(max / 2)), pipeline: true } as pg.PoolConfig);
  // An idle connection the server closes (restart, pg_terminate_backend, DROP DATABASE … FORCE) is
  // dropped by the pool and replaced at the next query; without a listener its error would crash us.
  for (const p of [foreground, background]) p.on('error', () => undefined);
  const pool = () => (currentLane() === 'background' ? background : foreground);
  // Fail fast on a wrong URL instead of at the first request.
  await foreground.query('select 1');
  const order = new ForegroundFirst();
  const base = queryableOver((text, params) => order.run(() => run(pool(), text, params)));
  return {
    ...base,
    kind: 'postgres',
    transaction: (fn) => withCommitHooks((hooks) => order.run(async () => {
      const client = await pool().connect();
      try {
        const begin = client.query('BEGIN');
        begin.catch(() => undefined); // its failure also fails the statements behind it; awaited below
        const result = await fn(wrap(client, hooks));
        await begin;
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    })),
    exec: async (sql) => {
      await pool().query(sql);
    },
    // pg-boss runs on these pools too (its polling in the background lane, see job-queue.ts) instead of
    // a pool of its own.
    bossConnection: () => ({
      db: { executeSql: (text: string, values: unknown[] = []) => order.run(() => run(pool(), text, values)) },
    }),
    close: async () => {
      await Promise.all([foreground.end(), background.end()]);
    },
  };
}
