// The database's view of the configured stages: stage_ends_golden() (migration 0010), which the reminder
// triggers call, is rewritten from config/stages.jsonc at start-up, and proposal_sent is recomputed once
// whenever that changes what ends the golden 48 h.
import type { StageCatalog } from '../../domain/stages/stage-catalog.js';
import type { Database } from '../database.js';

const LOCK_ID = 7_210_043; // next to migrate's lock; stable

/** The function body for these stages, spelled as migration 0010 spells the default. */
function body(stages: StageCatalog): string {
  // Ids are validated as [a-z][a-z0-9_]*, so quoting them as literals is safe.
  const ids = stages.stages.filter((s) => stages.endsGolden(s.id)).map((s) => `'${s.id}'`);
  return `\n  select stage in (${ids.join(', ')})\n`;
}

/** Returns whether the function changed (and proposal_sent was recomputed). */
export async function installStageFacts(db: Database, stages: StageCatalog): Promise<boolean> {
  const wanted = body(stages);
  const current = async (q: Pick<Database, 'query'>) =>
    (await q.query<{ src: string }>(`select prosrc as src from pg_proc where proname = 'stage_ends_golden' limit 1`))[0]?.src;
  if ((await current(db)) === wanted) return false;
  return db.transaction(async (tx) => {
    // Two instances starting with a new stage file must not both rewrite and recompute.
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
    if ((await current(tx)) === wanted) return false;
    await tx.execute(`create or replace function stage_ends_golden(stage text) returns boolean language sql stable as $$${wanted}$$`);
    await tx.execute(
      `update customers c set proposal_sent = exists (select 1 from stage_changes s
         where s.tenant_id = c.tenant_id and s.customer_id = c.id and stage_ends_golden(s.to_stage))`,
    );
    return true;
  });
}
