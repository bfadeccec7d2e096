// The one query layer: parameterised SQL over embedded PGlite or a real PostgreSQL server.
// Repositories take a Queryable so the same code runs inside or outside a transaction.

export type Row = Record<string, unknown>;

export interface Queryable {
  /** Runs one statement and returns its rows. */
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs one statement and returns the number of affected rows. */
  execute(text: string, params?: readonly unknown[]): Promise<number>;
  /** pg-boss `db` adapter bound to this connection/transaction (jobs enqueued inside our transaction). */
  readonly bossDb: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };
  /** Runs `fn` once the surrounding transaction has committed (at once outside one); never after a rollback. */
  afterCommit(fn: () => void): void;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements separated by semicolons (migrations). */
  exec(sql: string): Promise<void>;
  /** Connection options for pg-boss's own pool. */
  bossConnection(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Builds a Queryable from one driver call that returns rows and the affected-row count. */
export function queryableOver(
  run: (text: string, params: unknown[]) => Promise<{ rows: unknown[]; affected: number }>,
  afterCommit: (fn: () => void) => void = (fn) => fn(),
): Queryable {
  return {
    afterCommit,
    query: async <T>(text: string, params: readonly unknown[] = []) => (await run(text, [...params])).rows as T[],
    execute: async (text: string, params: readonly unknown[] = []) => (await run(text, [...params])).affected,
    bossDb: { executeSql: async (text: string, values: unknown[] = []) => ({ rows: (await run(text, values)).rows }) },
  };
}

/**
 * Runs a transaction whose Queryable collects after-commit callbacks, then calls them once it has
 * committed (a throw from `run` is a rollback: they are dropped). A failing callback is not the
 * transaction's failure.
 */
export async function withCommitHooks<T>(run: (hooks: Array<() => void>) => Promise<T>): Promise<T> {
  const hooks: Array<() => void> = [];
  const result = await run(hooks);
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // after-commit work is best effort (a wake-up, say); the data is already safe
    }
  }
  return result;
}
