// One robot message in, from the HTTP callback or a Stream frame: check the signature (HTTP only; a
// Stream connection is authenticated when it opens), refuse a signature replayed with another message,
// parse, drop group messages not addressed to the bot, and hand the event to the inbox with its
// sessionWebhook and the numbered-choice reader.
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import type { AcceptResult, InboundExtras } from '../channel.js';
import type { InboundEvent } from '../inbound-event.js';
import { parseChoiceReply } from './choices.js';
import { parseRobotMessage } from './codec.js';
import { verifyCallbackSignature } from './sign.js';

export interface DingtalkReceiveDeps {
  appSecret: string;
  /** The org the app belongs to when configured; messages from another org are refused. */
  corpId: string | null;
  /** The organisation id the tenant is registered under for DingTalk. */
  orgId: string;
  clock: Clock;
  /** 'replayed' when this signature already came with a different message. */
  recordSignature(signature: string, dedupeKey: string): Promise<'fresh' | 'same_message' | 'replayed'>;
  accept(event: InboundEvent, extras: InboundExtras): Promise<AcceptResult>;
}

export type ReceiveOutcome = AcceptResult | { status: 'ignored'; reason: 'not_mentioned' };

const unauthorized = (code: string, message: string) => new AppError(code, message, { status: 401 });

/**
 * With DINGTALK_CORP_ID set, both the robot's org (chatbotCorpId) and the sender's (senderCorpId) must be
 * that org, as strings: a missing, null or numeric id is not a match.
 */
function fromOrg(body: unknown, corpId: string): boolean {
  const b = (body ?? {}) as { chatbotCorpId?: unknown; senderCorpId?: unknown };
  return b.chatbotCorpId === corpId && b.senderCorpId === corpId;
}

export async function receiveRobotMessage(
  deps: DingtalkReceiveDeps, body: unknown, signed: { timestamp: string | undefined; sign: string | undefined } | null,
): Promise<ReceiveOutcome> {
  if (signed) {
    const check = verifyCallbackSignature({ timestamp: signed.timestamp, sign: signed.sign, appSecret: deps.appSecret, now: deps.clock.now() });
    if (!check.ok) throw unauthorized(`signature_${check.reason}`, `dingtalk callback signature ${check.reason.replace('_', ' ')}`);
  }
  const parsed = parseRobotMessage(body);
  if (deps.corpId && !fromOrg(body, deps.corpId)) {
    throw new AppError('unknown_org', 'message from another DingTalk organisation', { status: 403 });
  }
  const event: InboundEvent = { ...parsed.event, orgId: deps.orgId };
  // DingTalk signs only the timestamp: two genuine messages in one millisecond share a signature, and so
  // does a captured one replayed with another body. Neither is stored; a 503 asks for a retry, which
  // DingTalk signs afresh and an attacker cannot.
  if (signed && (await deps.recordSignature(signed.sign!, event.dedupeKey)) === 'replayed') {
    throw new AppError('signature_reused', 'dingtalk callback signature was already used for another message; retry', { status: 503, expose: true });
  }
  // DingTalk only forwards group messages that @ the bot; anything else is not for us.
  if (!parsed.mentioned) return { status: 'ignored', reason: 'not_mentioned' };
  const replyHandle = parsed.session
    ? { scope: event.chatId === null ? `user:${event.senderId}` : `chat:${parsed.conversationId}`, url: parsed.session.webhook, expiresAt: parsed.session.expiresAt }
    : null;
  return deps.accept(event, { replyHandle, readChoice: parseChoiceReply });
}
