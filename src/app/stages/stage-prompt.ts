// After an update: send the stage card when the update's words point past the customer's current stage
// (or it has none), or say the deal was won or lost (the rep confirms with a tap); otherwise a short
// acknowledgement. On someone else's customer: no card, a 撞单 notice to the owner instead.
import type { StageCatalog, StageId } from '../../domain/stages/stage-catalog.js';
import type { Queryable } from '../../store/database.js';
import type { Customer } from '../../store/repos/customers-repo.js';
import { insertPrompt } from '../../store/repos/stages-repo.js';
import type { Touch } from '../../store/repos/touches-repo.js';
import { clashFor } from '../customers/ownership.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg, topicLabels } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';

/** Stage buttons carry this prefix; the rest of the key is the stage id. */
export const STAGE_KEY_PREFIX = 'stage:';

/** `current` may be a stage no longer configured: it is treated like no stage. */
export function shouldPrompt(current: string | null, suggested: StageId | null, stages: StageCatalog): boolean {
  const info = stages.info(current);
  if (info?.terminal) return false;
  // A lead (issue 15) is asked like a customer without a stage: any update is the moment to qualify it.
  if (!info || info.id === stages.lead) return true;
  if (suggested === stages.lost) return true;
  return suggested !== null && stages.isAdvance(info.id, suggested);
}

/** `suggestion`: the stage the language rules or the LLM read (default ids), mapped onto the configured stages. */
export async function stagePromptOrAck(
  tx: Queryable, ctx: EventContext, customer: Customer, touch: Touch, suggestion: StageId | null, stages: StageCatalog,
): Promise<Reply[]> {
  const userId = ctx.event.senderId;
  // Someone else's customer: the touch stays, the owner decides the stage (no card to tap), and is told.
  const clash = await clashFor(tx, { tenantId: ctx.tenantId, reporterId: userId, at: ctx.event.sentAt, text: touch.text, kind: 'update' }, customer);
  if (clash) return clash;
  const suggested = stages.fromLanguage(suggestion);
  if (!shouldPrompt(customer.stage, suggested, stages)) {
    const label = customer.stage ? stages.label(customer.stage) : null;
    return [toUser(userId, { kind: 'text', text: msg.recorded(customer.name, label) })];
  }
  // Deterministic per touch so a retried transaction produces the same card.
  const taskId = `stg-${touch.id}`;
  await insertPrompt(tx, {
    taskId, tenantId: ctx.tenantId, customerId: customer.id, userId, touchId: touch.id, suggestedStage: suggested,
  });
  const topics = touch.topics.map((t) => topicLabels[t] ?? t).join('、');
  return [
    toUser(userId, {
      kind: 'button_card',
      card: {
        taskId,
        title: msg.stageCardTitle(customer.name),
        description: suggested !== null && stages.info(suggested)?.terminal ? msg.stageCardConfirm(stages.label(suggested)) : msg.stageCardDesc(topics),
        fields: [
          { label: msg.fieldCurrentStage, value: customer.stage ? stages.label(customer.stage) : msg.notSet },
          ...(suggested ? [{ label: msg.fieldSuggested, value: stages.label(suggested) }] : []),
        ],
        buttons: stages.stages.filter((s) => s.id !== stages.lead).map((s) => ({ key: `${STAGE_KEY_PREFIX}${s.id}`, text: s.label, primary: s.id === suggested })),
      },
    }),
  ];
}
