// Embedded PostgreSQL (PGlite, WASM). One connection: transactions serialise, so keep them short and
// never wait on the network inside one. Every statement and transaction passes one lane gate, so an
// HTTP ack's insert goes before queued worker transactions (see database-lanes.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { queryableOver, withCommitHooks, type Database, type Queryable } from './database.js';
import { LaneGate } from './database-lanes.js';

type PgliteLike = Pick<PGlite, 'query'> | Transaction;

/**
 * PGlite writes `postgresqlconf` over the data directory's postgresql.conf on every open, so this is the
 * whole file: initdb's settings, with the memory ones sized for one embedded connection. The default
 * 128MB of shared buffers stays resident in the WASM heap once touched; 16MB keeps an idle server
 * small (the tables live in the OS page cache anyway, one system call away).
 */
export const PGLITE_CONF = [
  'max_connections = 100',
  'shared_buffers = 16MB',
  'wal_buffers = 1MB',
  'work_mem = 4MB',
  'maintenance_work_mem = 16MB',
  'dynamic_shared_memory_type = posix',
  'max_wal_size = 1GB',
  'min_wal_size = 80MB',
  'log_timezone = UTC',
  "datestyle = 'iso, mdy'",
  'timezone = UTC',
  "lc_messages = 'C'",
  "lc_monetary = 'C'",
  "lc_numeric = 'C'",
  "lc_time = 'C'",
  "default_text_search_config = 'pg_catalog.english'",
];

function wrap(conn: PgliteLike, hooks: Array<() => void>): Queryable {
  return queryableOver(async (text, params) => {
    const res = await conn.query(text, params);
    return { rows: res.rows, affected: res.affectedRows ?? 0 };
  }, (fn) => hooks.push(fn));
}

/**
 * initdb of a new directory grows PGlite's WASM memory to ~600 MB, and WASM memory never shrinks: done
 * in the server process it would stay resident for the life of the server. A short child process does
 * it instead and exits; the server then opens the initialised directory at its normal size.
 */
async function initDataDirInChildProcess(dataDir: string): Promise<void> {
  const moduleUrl = import.meta.resolve('@electric-sql/pglite');
  const script = `const { PGlite } = await import(${JSON.stringify(moduleUrl)});
const db = await PGlite.create({ dataDir: process.argv[1] });
await db.close();`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`PGlite initdb of ${dataDir} failed (exit ${code}): ${stderr.trim().slice(-500)}`)),
    );
  });
}

export interface PgliteOptions {
  dataDir?: string;
  loadDataDir?: Blob | File;
  /**
   * The server's embedded database: compile WASM from here on with V8's baseline compiler only
   * (--liftoff-only). Optimised code for PGlite's hot functions is what makes a busy server's RSS grow
   * by ~100 MB; statements run ~20 % slower without it (measured, see README Benchmarks). Process-wide
   * and one-way, so tests and benchmarks that only need a database leave it off.
   */
  lean?: boolean;
}

export async function openPgliteDatabase(opts: PgliteOptions = {}): Promise<Database & { pglite: PGlite }> {
  const onDisk = opts.dataDir && !opts.dataDir.startsWith('memory://') ? opts.dataDir : null;
  if (onDisk) {
    mkdirSync(onDisk, { recursive: true });
    if (!opts.loadDataDir && !existsSync(join(onDisk, 'PG_VERSION'))) await initDataDirInChildProcess(onDisk);
  }
  if (opts.lean) v8.setFlagsFromString('--liftoff-only');
  const pglite = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir, postgresqlconf: PGLITE_CONF });
  // All access goes through the gate, so PGlite's own lock is always free when a holder reaches it.
  const gate = new LaneGate();
  const base = queryableOver((text, params) =>
    gate.run(async () => {
      const res = await pglite.query(text, params);
      return { rows: res.rows, affected: res.affectedRows ?? 0 };
    }),
  );
  return {
    ...base,
    kind: 'pglite',
    pglite,
    transaction: (fn) => withCommitHooks((hooks) => gate.run(() => pglite.transaction((tx) => fn(wrap(tx, hooks))))),
    exec: async (sql) => {
      await gate.run(() => pglite.exec(sql));
    },
    // pg-boss gets an adapter over the same gate (PGlite's node-postgres adapter bypasses PGlite's
    // transaction lock, so pg-boss's polling would run its statements inside our transactions).
    bossConnection: () => ({
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          const result = await gate.run(async () => {
            if (pglite.closed) return null;
            if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows };
            const results = await pglite.exec(text); // pg-boss sends multi-statement scripts without values
            return { rows: results.at(-1)?.rows ?? [] };
          });
          // A handler that outlived the graceful stop completes its job after the database closed. That
          // bookkeeping is dropped: the call never settles (having left the gate), so pg-boss neither
          // crashes on a made-up result nor leaves an unhandled rejection; the job stays active and is
          // retried at the next start.
          return result ?? new Promise<never>(() => undefined);
        },
      },
    }),
    close: async () => {
      if (!pglite.closed) await gate.run(() => pglite.close());
    },
  };
}
