// A hand-off question (承诺穿透) that another question interrupted — the lost-reason card of the same
// report — is asked again once that one is settled, so the rep knows what the next text answers.
import type { Queryable } from '../../store/database.js';
import type { HandoffFieldPending } from '../../store/repos/chat-context-repo.js';
import { getHandoff } from '../../store/repos/handoffs-repo.js';
import type { AppDeps } from '../app-deps.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { handoffRulesOf } from './handoff-rules-of.js';
import { handoffTexts as t } from './handoff-texts.js';

export async function askHandoffAgain(tx: Queryable, deps: Pick<AppDeps, 'config'>, tenantId: string, userId: string, pending: HandoffFieldPending): Promise<Reply[]> {
  const h = await getHandoff(tx, tenantId, pending.handoffId);
  const field = handoffRulesOf(deps).fields.get(pending.field);
  if (!h || h.status !== 'collecting' || !field) return [];
  return [toUser(userId, { kind: 'text', text: t.askAgain(field.label, field.question) })];
}
