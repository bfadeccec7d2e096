// After an update: send the stage card when the update's words point past the customer's current stage
// (or it has none), or say the deal was won or lost (the rep confirms with a tap); otherwise a short
// acknowledgement.
import { STAGES, stageLabel, type StageId } from '../../domain/stages/stage-ids.js';
import { isAdvance } from '../../domain/stages/suggest-stage.js';
import type { Queryable } from '../../store/database.js';
import type { Customer } from '../../store/repos/customers-repo.js';
import { insertPrompt } from '../../store/repos/stages-repo.js';
import type { Touch } from '../../store/repos/touches-repo.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg, topicLabels } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';

/** Stage buttons carry this prefix; the rest of the key is the stage id. */
export const STAGE_KEY_PREFIX = 'stage:';

export function shouldPrompt(current: string | null, suggested: StageId | null): boolean {
  if (current === 'won' || current === 'lost') return false;
  if (!current) return true;
  if (suggested === 'lost') return true;
  return suggested !== null && isAdvance(current as StageId, suggested);
}

export async function stagePromptOrAck(
  tx: Queryable, ctx: EventContext, customer: Customer, touch: Touch, suggested: StageId | null,
): Promise<Reply[]> {
  const userId = ctx.event.senderId;
  if (!shouldPrompt(customer.stage, suggested)) {
    const label = customer.stage ? stageLabel(customer.stage as StageId) : null;
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
        description: suggested === 'won' || suggested === 'lost' ? msg.stageCardConfirm(stageLabel(suggested)) : msg.stageCardDesc(topics),
        fields: [
          { label: msg.fieldCurrentStage, value: customer.stage ? stageLabel(customer.stage as StageId) : msg.notSet },
          ...(suggested ? [{ label: msg.fieldSuggested, value: stageLabel(suggested) }] : []),
        ],
        buttons: STAGES.map((s) => ({ key: `${STAGE_KEY_PREFIX}${s.id}`, text: s.label, primary: s.id === suggested })),
      },
    }),
  ];
}
