// The one place a customer's stage changes by someone's word (a stage card tap, a confirmed report, and
// any later path such as the console): stores the stage with its history row, and returns what the move
// announces — a 喜报 to the team on the customer's first win (app/wins/win-post.ts).
import type { Queryable } from '../../store/database.js';
import { setStage, type Customer } from '../../store/repos/customers-repo.js';
import { insertStageChange } from '../../store/repos/stages-repo.js';
import { enteredStageBefore } from '../../store/repos/wins-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { Reply } from '../outbound/reply.js';
import { winPost } from '../wins/win-post.js';

export async function recordStageChange(
  tx: Queryable,
  deps: Pick<AppDeps, 'stages' | 'reportRules' | 'logger'>,
  c: {
    tenantId: string; customer: Customer; toStage: string; userId: string;
    evidenceTouchId: string | null; promptTaskId: string | null; changedAt: Date;
  },
): Promise<Reply[]> {
  const { tenantId, customer, toStage } = c;
  const wins = toStage === deps.stages.won;
  // Asked before the row below exists: a customer that was ever won before is not announced again.
  const firstWin = wins && !(await enteredStageBefore(tx, tenantId, customer.id, toStage));
  await setStage(tx, tenantId, customer.id, toStage);
  await insertStageChange(tx, {
    tenantId, customerId: customer.id, fromStage: customer.stage, toStage, userId: c.userId,
    evidenceTouchId: c.evidenceTouchId, promptTaskId: c.promptTaskId, changedAt: c.changedAt,
  });
  return firstWin ? winPost(tx, deps, { tenantId, customer, wonAt: c.changedAt }) : [];
}
