// Routes one normalised inbound event to its use case and returns the replies to send.
import { own } from '../../shared/own.js';
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import { matchCommand } from '../commands/chat-commands.js';
import { lookUpQuestion } from '../lookups/people-commands.js';
import { personOfAccount } from '../people/resolve-sender.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { handleReportAction } from '../reports/report-actions.js';
import { REPORT_KEY_PREFIX } from '../reports/report-card.js';
import { handleRating, RATING_KEY_PREFIX } from '../reports/rate-report.js';
import { reportTextOf, startTextReport, startVoiceReport } from '../reports/start-report.js';
import { chooseStage } from '../stages/choose-stage.js';
import { handleCommitmentAction } from '../commitments/commitment-actions.js';
import { COMMITMENT_KEY_PREFIX } from '../commitments/commitment-card.js';
import { handleLostReasonClick } from '../lost-reasons/lost-reason-actions.js';
import { LOST_KEY_PREFIX } from '../lost-reasons/lost-reason-card.js';
import { STAGE_KEY_PREFIX } from '../stages/stage-prompt.js';
import { chooseCustomerByClick, CUSTOMER_KEY_PREFIX } from '../updates/attach-customer.js';
import type { EventContext } from './event-context.js';
import { routeText } from './route-text.js';

const UNSUPPORTED_LABELS: Record<string, string> = {
  image: '图片', video: '视频', shortvideo: '视频', location: '位置', link: '链接', file: '文件', mixed: '图文消息',
};

export async function handleEvent(tx: Queryable, deps: AppDeps, received: EventContext): Promise<Reply[]> {
  const { ctx, isNewUser } = await asPerson(tx, received);
  const { event } = ctx;
  const reply = (text: string) => [toUser(event.senderId, { kind: 'text', text })];
  switch (event.type) {
    case 'text': {
      const command = matchCommand(event.text) ?? lookUpQuestion(event.text);
      const answered = command ? await command(tx, deps, ctx) : null;
      if (answered) return answered;
      const reportText = reportTextOf(event.text);
      if (reportText) return startTextReport(tx, deps, ctx, reportText);
      return routeText(tx, deps, ctx, event.text, isNewUser);
    }
    case 'card_action':
      if (event.actionKey.startsWith(REPORT_KEY_PREFIX)) return handleReportAction(tx, deps, ctx, event);
      if (event.actionKey.startsWith(RATING_KEY_PREFIX)) return handleRating(tx, ctx, event);
      if (event.actionKey.startsWith(STAGE_KEY_PREFIX)) return chooseStage(tx, deps, ctx, event);
      if (event.actionKey.startsWith(CUSTOMER_KEY_PREFIX)) return chooseCustomerByClick(tx, deps, ctx, event);
      if (event.actionKey.startsWith(COMMITMENT_KEY_PREFIX)) return handleCommitmentAction(tx, ctx, event);
      if (event.actionKey.startsWith(LOST_KEY_PREFIX)) return handleLostReasonClick(tx, deps, ctx, event);
      deps.logger.warn({ actionKey: event.actionKey }, 'card action with an unknown key ignored');
      return [];
    case 'voice':
      return startVoiceReport(tx, deps, ctx, event);
    case 'enter_chat':
      return isNewUser ? reply(msg.welcome) : [];
    case 'unsupported': {
      // Platform events we don't act on (subscribe, LOCATION …) get no reply; user messages get a hint.
      if (event.platformType.startsWith('event:')) return [];
      return reply(msg.unsupported(own(UNSUPPORTED_LABELS, event.platformType) ?? '这类消息'));
    }
  }
}

/** The edge: the platform sender becomes the person the rest of the app works with (see EventContext). */
async function asPerson(tx: Queryable, ctx: EventContext): Promise<{ ctx: EventContext; isNewUser: boolean }> {
  const account = ctx.account ?? { channel: ctx.event.channel, platformId: ctx.event.senderId };
  const person = await personOfAccount(tx, ctx.tenantId, account, {
    name: ctx.prepared.newUserName, keys: ctx.prepared.senderKeys ?? null, wrote: true,
  });
  return { ctx: { ...ctx, account, event: { ...ctx.event, senderId: person.userId } }, isNewUser: person.isNew };
}
