// A deal just moved to lost (a stage card tap, or a confirmed report whose stage is lost): the one who
// moved it gets the lost-reason card. Asked once per loss: the card is about that stage change.
import type { Queryable } from '../../store/database.js';
import { getLostChange, lostChangeOfPrompt, lostChangeOfReport } from '../../store/repos/lost-reasons-repo.js';
import type { AppDeps } from '../app-deps.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { lostReasonCard } from './lost-reason-card.js';

async function cardFor(tx: Queryable, tenantId: string, stageChangeId: string | null): Promise<Reply[]> {
  const change = stageChangeId ? await getLostChange(tx, tenantId, stageChangeId) : null;
  if (!change || change.reason !== null) return [];
  return [toUser(change.userId, { kind: 'button_card', card: lostReasonCard(change.id, change.customerName) })];
}

/** After a stage card tap: the card when the tap moved the deal to lost. */
export async function askLostReasonAfterTap(tx: Queryable, deps: Pick<AppDeps, 'stages'>, tenantId: string, promptTaskId: string): Promise<Reply[]> {
  return cardFor(tx, tenantId, await lostChangeOfPrompt(tx, tenantId, promptTaskId, deps.stages.lost));
}

/** After a confirmed report: the card when the report moved the deal to lost. */
export async function askLostReasonAfterReport(tx: Queryable, deps: Pick<AppDeps, 'stages'>, tenantId: string, reportId: string): Promise<Reply[]> {
  return cardFor(tx, tenantId, await lostChangeOfReport(tx, tenantId, reportId, deps.stages.lost));
}
