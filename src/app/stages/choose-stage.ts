// A tap on a stage card button: stores the stage with the card's touch as evidence, exactly once.
// Double taps and late taps on an already answered card change nothing; the points go to the owner.
import { stageMoveAwards } from '../../domain/points/report-points.js';
import { appendAwards } from '../../store/repos/points-repo.js';
import type { Queryable } from '../../store/database.js';
import { getCustomer, recordTouchTime } from '../../store/repos/customers-repo.js';
import { getPrompt, resolvePrompt } from '../../store/repos/stages-repo.js';
import { insertTouch } from '../../store/repos/touches-repo.js';
import type { AppDeps } from '../app-deps.js';
import { displayName, mayMoveStage } from '../customers/ownership.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { recordStageChange } from './record-stage-change.js';
import { askLostReasonAfterTap } from '../lost-reasons/ask-lost-reason.js';
import { STAGE_KEY_PREFIX } from './stage-prompt.js';

export async function chooseStage(
  tx: Queryable,
  deps: Pick<AppDeps, 'stages' | 'reportRules' | 'logger'>,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const { tenantId, event } = ctx;
  const { stages } = deps;
  const stage = click.actionKey.slice(STAGE_KEY_PREFIX.length);
  const prompt = await getPrompt(tx, tenantId, click.taskId);
  if (!prompt || !stages.has(stage) || prompt.userId !== event.senderId) return [];
  if (!(await resolvePrompt(tx, tenantId, click.taskId, stage, event.sentAt))) return [];
  const customer = await getCustomer(tx, tenantId, prompt.customerId);
  if (!customer) return [];
  // The card may predate a hand-over (转给): only the owner or their manager moves the stage now.
  if (!(await mayMoveStage(tx, tenantId, event.senderId, customer))) {
    return [toUser(event.senderId, { kind: 'text', text: msg.people.ownerDecides(customer.name, await displayName(tx, tenantId, customer.ownerUserId)) })];
  }
  const label = stages.label(stage);
  const confirmation: Reply = click.responseCode
    ? toUser(event.senderId, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label: msg.stageChosen(label) })
    : toUser(event.senderId, { kind: 'text', text: msg.stageSaved(customer.name, label) });
  if (customer.stage === stage) return [confirmation];
  const announced = await recordStageChange(tx, deps, {
    tenantId, customer, toStage: stage, userId: event.senderId, evidenceTouchId: prompt.touchId, promptTaskId: click.taskId, changedAt: event.sentAt,
  });
  await insertTouch(tx, {
    tenantId, customerId: customer.id, userId: event.senderId, kind: 'stage_change',
    text: `${customer.stage ?? '-'} → ${stage}`, topics: [], inboxId: ctx.inboxId, occurredAt: event.sentAt,
  });
  await recordTouchTime(tx, tenantId, customer.id, event.sentAt);
  const from = stages.has(customer.stage) ? customer.stage : null;
  // Stage points are the owner's, also when their manager taps.
  await appendAwards(tx, tenantId, customer.ownerUserId, stageMoveAwards({ from, to: stage, customerId: customer.id, ref: `card:${click.taskId}` }, stages), event.sentAt);
  // A loss asks why (issue 15 item 8): the lost-reason card follows the confirmation.
  const whyLost = stage === stages.lost ? await askLostReasonAfterTap(tx, deps, tenantId, click.taskId) : [];
  return [confirmation, ...announced, ...whyLost];
}
