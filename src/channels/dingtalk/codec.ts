// DingTalk robot-message codec (pure): the callback JSON — identical for the HTTP callback body and the
// Stream frame's `data` — into one InboundEvent plus the reply routing the sender needs later.
// Field shapes: platforms.md §3.1/§3.2 (receive-message doc; dingtalk-stream SDK fixtures).
import { AppError } from '../../shared/errors.js';
import type { InboundEvent } from '../inbound-event.js';

export class DingtalkPayloadError extends AppError {
  constructor(message: string) {
    super('dingtalk_bad_payload', message, { status: 400 });
    this.name = 'DingtalkPayloadError';
  }
}

export interface ParsedRobotMessage {
  event: InboundEvent;
  /** The conversation's reply URL (no token needed) until it expires; null when absent. */
  session: { webhook: string; expiresAt: Date } | null;
  /** openConversationId for groupMessages/send (group) — also present for single chats. */
  conversationId: string;
  conversationType: 'single' | 'group';
  robotCode: string | null;
  /** Single chats always address the bot; in groups DingTalk only delivers @-messages (§3.1). */
  mentioned: boolean;
}

export interface ParseOptions {
  /** The app's own corpId, used only when the payload names neither sender nor bot corp. */
  corpIdFallback?: string;
}

// DingTalk's own ASR text arrives in `recognition`; the bytes behind `downloadCode` are AMR.
// Evidence is third-party: connectors that download robot voice notes treat them as AMR (e.g.
// agentscope-ai/QwenPaw#3681 "skipping the AMR file download"); no open.dingtalk.com page states the
// format. DingtalkClient.downloadMessageFile sniffs the bytes, so trust its contentType over this.
export const DINGTALK_AUDIO_FORMAT = 'amr';

type Json = Record<string, unknown>;
type Base = Omit<Extract<InboundEvent, { type: 'enter_chat' }>, 'type'>;

export function parseRobotMessage(body: unknown, opts: ParseOptions = {}): ParsedRobotMessage {
  const m = asObject(body, 'body');
  const msgId = requiredString(m, 'msgId');
  const msgtype = requiredString(m, 'msgtype');
  const senderId = requiredString(m, 'senderStaffId');
  const conversationId = requiredString(m, 'conversationId');
  const conversationType = readConversationType(m.conversationType);
  const sentAt = readMillis(m.createAt, 'createAt');
  const orgId = optionalString(m, 'senderCorpId') ?? optionalString(m, 'chatbotCorpId') ?? nonEmpty(opts.corpIdFallback);
  if (orgId === undefined) throw new DingtalkPayloadError('payload has neither senderCorpId nor chatbotCorpId');
  const isGroup = conversationType === 'group';
  const senderName = optionalString(m, 'senderNick')?.trim().slice(0, 64);

  const base: Base = {
    channel: 'dingtalk',
    orgId,
    dedupeKey: msgId,
    senderId,
    chatId: isGroup ? conversationId : null,
    conversationKey: isGroup ? `dingtalk:${orgId}:group:${conversationId}:${senderId}` : `dingtalk:${orgId}:${senderId}`,
    sentAt,
    ...(senderName ? { senderName } : {}),
  };
  return {
    event: decodeContent(m, msgtype, base, isGroup),
    session: readSession(m),
    conversationId,
    conversationType,
    robotCode: optionalString(m, 'robotCode') ?? null,
    mentioned: !isGroup || m.isInAtList === true,
  };
}

function decodeContent(m: Json, msgtype: string, base: Base, isGroup: boolean): InboundEvent {
  switch (msgtype) {
    case 'text': {
      const text = requiredString(asObject(m.text, 'text'), 'content', 'text.content', true);
      return { ...base, type: 'text', text: isGroup && onlyBotMentioned(m) ? stripLeadingMention(text) : text.trim() };
    }
    case 'audio': {
      const content = asObject(m.content, 'content');
      const recognition = optionalString(content, 'recognition', 'content.recognition')?.trim();
      return {
        ...base,
        type: 'voice',
        mediaId: requiredString(content, 'downloadCode', 'content.downloadCode'),
        format: DINGTALK_AUDIO_FORMAT,
        recognition: recognition ? recognition : null,
      };
    }
    default:
      // picture, richText, file, video, … are logged and answered by the app, not errors (principle 2).
      return { ...base, type: 'unsupported', platformType: msgtype };
  }
}

/**
 * DingTalk removes the bot's own "@name" from group text (the doc sample reads " 你好"), but some
 * clients leave it. A leading "@word" is only stripped when the bot is the sole @-target, so a
 * colleague's mention such as "@张三 签了" is never eaten.
 */
function onlyBotMentioned(m: Json): boolean {
  if (m.isInAtList !== true) return false;
  const atUsers = Array.isArray(m.atUsers) ? m.atUsers : [];
  const botId = optionalString(m, 'chatbotUserId');
  if (atUsers.length === 0) return true;
  return atUsers.length === 1 && botId !== undefined && (atUsers[0] as { dingtalkId?: unknown } | null)?.dingtalkId === botId;
}

function stripLeadingMention(text: string): string {
  return text.trim().replace(/^@\S+\s*/u, '').trim();
}

function readSession(m: Json): ParsedRobotMessage['session'] {
  const webhook = optionalString(m, 'sessionWebhook');
  const expires = m.sessionWebhookExpiredTime;
  if (webhook === undefined || expires === undefined || expires === null) return null;
  if (!/^https?:\/\//i.test(webhook)) throw new DingtalkPayloadError('sessionWebhook is not an http(s) URL');
  return { webhook, expiresAt: readMillis(expires, 'sessionWebhookExpiredTime') };
}

function readConversationType(v: unknown): 'single' | 'group' {
  // The doc sends a string ("1"/"2"); numbers are accepted defensively.
  if (v === '1' || v === 1) return 'single';
  if (v === '2' || v === 2) return 'group';
  throw new DingtalkPayloadError('conversationType must be "1" (single) or "2" (group)');
}

function readMillis(v: unknown, field: string): Date {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[0-9]{1,16}$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new DingtalkPayloadError(`${field} is not a millisecond timestamp`);
  return new Date(n);
}

function asObject(v: unknown, field: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new DingtalkPayloadError(`${field} must be a JSON object`);
  return v as Json;
}

function requiredString(o: Json, key: string, label = key, allowEmpty = false): string {
  const v = o[key];
  if (typeof v !== 'string') throw new DingtalkPayloadError(`${label} is missing or not a string`);
  if (!allowEmpty && v.trim() === '') throw new DingtalkPayloadError(`${label} is empty`);
  return v;
}

/** Absent, null or blank → undefined; any other non-string is a malformed payload. */
function optionalString(o: Json, key: string, label = key): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new DingtalkPayloadError(`${label} is not a string`);
  return nonEmpty(v);
}

function nonEmpty(v: string | undefined): string | undefined {
  return v !== undefined && v.trim() !== '' ? v : undefined;
}
