// Retrying a dead letter by hand (the console's 重试): the row becomes pending again with its attempts
// reset and a delivery job is queued in the same transaction, so it goes out by the normal path —
// pacing, classified retries, and a dead letter again if the platform still refuses it.
import { requeueDead } from '../../store/repos/outbox-log-repo.js';
import type { AppDeps } from '../app-deps.js';

/** True when the row was dead and is queued again; false when it is not (or no longer) dead. */
export async function retryDeadLetter(deps: Pick<AppDeps, 'db' | 'queue' | 'clock'>, tenantId: string, outboxId: string): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    if (!(await requeueDead(tx, tenantId, outboxId, deps.clock.now()))) return false;
    await deps.queue.enqueue('deliver-outbound', { outboxId }, { tx });
    return true;
  });
}
