// A rep's text, read before anything is stored (issue 10 "Intent first"): small talk and questions about
// the bot are answered, pending questions get their answer, corrections go to what they correct, unclear
// text gets help; only sales updates reach recordUpdate and create customers and touches. A new user's
// first small talk, question or unclear text gets the welcome with three example messages.
import { parseCustomerCorrection } from '../../domain/customers/customer-correction.js';
import type { Understanding } from '../../domain/understanding/understand-message.js';
import type { Queryable } from '../../store/database.js';
import { listCustomerNames } from '../../store/repos/customers-repo.js';
import { latestOpenDraftOf } from '../../store/repos/report-drafts-repo.js';
import type { AppDeps } from '../app-deps.js';
import { correctCustomer } from '../customers/correct-customer.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { answerReportQuestion } from '../reports/report-actions.js';
import { answerReschedule } from '../commitments/reschedule-commitment.js';
import { answerLostReason } from '../lost-reasons/answer-lost-reason.js';
import { answerHandoffQuestion } from '../handoffs/answer-handoff.js';
import { reviseWithCorrection } from '../reports/draft-flow.js';
import { answerPendingByText } from '../updates/attach-customer.js';
import { recordUpdate } from '../updates/record-update.js';
import type { EventContext } from './event-context.js';

/** An open draft this recent is what "金额改成50万" typed without tapping 修改 corrects. */
const OPEN_DRAFT_WINDOW_MS = 24 * 3_600_000;

export async function routeText(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string, isNewUser: boolean): Promise<Reply[]> {
  const say = (t: string): Reply[] => [toUser(ctx.event.senderId, { kind: 'text', text: t })];
  const known = await listCustomerNames(tx, ctx.tenantId);
  const u = deps.nlp.understand(text, known, ctx.event.sentAt);
  const welcome = isNewUser ? say(msg.welcome) : [];
  switch (u.intent.kind) {
    case 'small_talk':
      return isNewUser ? welcome : smallTalkReply(u, say);
    case 'bot_question':
      return [...welcome, ...say(msg.help)];
  }
  const answered = (await answerReportQuestion(tx, deps, ctx, text))
    ?? (await answerReschedule(tx, deps, ctx, text, u))
    ?? (await answerLostReason(tx, deps, ctx, text, u))
    ?? (await answerHandoffQuestion(tx, deps, ctx, text, u))
    ?? (await correction(tx, deps, ctx, text, u));
  if (answered) return answered;
  const named = await answerPendingByText(tx, deps, ctx, text, known, u);
  if (named) return named;
  // A first message that is a real update is simply handled: the rep already knows what to send.
  if (u.intent.kind === 'unclear') return isNewUser ? welcome : say(msg.unclear);
  return recordUpdate(tx, deps, ctx, text, u, known);
}

function smallTalkReply(u: Understanding, say: (t: string) => Reply[]): Reply[] {
  if (u.intent.kind !== 'small_talk') return [];
  switch (u.intent.tone) {
    case 'greeting':
      return say(msg.chitchat.greeting);
    case 'presence':
      return say(msg.chitchat.presence);
    case 'thanks':
      return say(msg.chitchat.thanks);
    case 'ack':
      return []; // "好的", "收到", 👍: nothing to answer, and answering invites a loop
  }
}

/** "客户是X" / "不是A是B" fix the customer; "金额改成50万" fixes the rep's open draft; null for other texts. */
async function correction(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string, u: Understanding): Promise<Reply[] | null> {
  if (u.intent.kind !== 'correction') return null;
  const who = parseCustomerCorrection(text);
  if (who) {
    const replies = await correctCustomer(tx, deps, ctx, who);
    if (replies.length > 0) return replies;
    return null; // "不是价格,是交期": reads like a correction, but is an ordinary note
  }
  const since = new Date(ctx.event.sentAt.getTime() - OPEN_DRAFT_WINDOW_MS);
  const draft = await latestOpenDraftOf(tx, ctx.tenantId, ctx.event.senderId, since);
  if (!draft) return [toUser(ctx.event.senderId, { kind: 'text', text: msg.nothingToCorrect })];
  return reviseWithCorrection(tx, deps, { tenantId: ctx.tenantId, userId: ctx.event.senderId, draftId: draft.id }, text, ctx.event.sentAt);
}
