// Run leases for scheduled ticks: the instance that inserts (job, tick) first runs it; others skip.
import type { Queryable } from '../database.js';

export async function claimRun(q: Queryable, tenantId: string, job: string, runKey: string, owner: string): Promise<boolean> {
  const n = await q.execute(
    `insert into job_runs (tenant_id, job_name, run_key, owner) values ($1, $2, $3, $4) on conflict do nothing`,
    [tenantId, job, runKey, owner],
  );
  return n === 1;
}

export async function finishRun(q: Queryable, tenantId: string, job: string, runKey: string): Promise<void> {
  await q.execute(`update job_runs set finished_at = now() where tenant_id = $1 and job_name = $2 and run_key = $3`, [tenantId, job, runKey]);
}

export async function hasRun(q: Queryable, tenantId: string, job: string, runKey: string): Promise<boolean> {
  const rows = await q.query('select 1 from job_runs where tenant_id = $1 and job_name = $2 and run_key = $3', [tenantId, job, runKey]);
  return rows.length > 0;
}
