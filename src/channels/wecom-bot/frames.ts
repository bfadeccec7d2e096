// Decodes the WeCom AI bot's callback frames (aibot_msg_callback / aibot_event_callback, WC/101463) into
// the one InboundEvent union, with what the sender needs to answer on the frame (its req_id). Pure.
// Shapes: scratch/aibot-design.md §1 (SDK typings, corrected where a real-device probe disagrees).
import type { InboundEvent } from '../inbound-event.js';

/** One frame as the long connection delivers it: `{cmd, headers:{req_id}, body}`. */
export interface BotFrame {
  cmd: string;
  headers: { req_id: string };
  body: unknown;
}

/** How the frame's req_id may be answered: a message takes replies, enter_chat a welcome, a click an update. */
export type ReplyKind = 'msg' | 'welcome' | 'click';

export type DecodedFrame =
  | {
      kind: 'event';
      event: InboundEvent;
      reqId: string;
      replyKind: ReplyKind;
      chatType: 'single' | 'group';
      /** The platform userid of the sender (the event's senderId before the app edge). */
      userId: string;
    }
  /** Not for the inbox: handled by the link (disconnected_event) or refused (foreign bot, unreadable). */
  | { kind: 'ignored'; reason: 'disconnected_event' | 'foreign_bot' | 'not_a_callback' | 'malformed'; detail?: string };

const MSG_CMD = 'aibot_msg_callback';
const EVENT_CMD = 'aibot_event_callback';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** In a group only @-messages reach the bot; the mention itself is not part of what the rep said. */
export function stripMention(text: string): string {
  return text.replace(/^\s*[@＠]\S+[\s\u2005\u00a0]*/u, '').trim();
}

/** create_time is seconds in WeCom callbacks; a millisecond value is accepted too. */
function sentAt(v: unknown, now: Date): Date {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return now;
  return new Date(n > 1e12 ? n : n * 1000);
}

/**
 * `botId`: WECOM_BOT_ID; a frame naming another bot (aibotid) is refused. The connection is authenticated
 * with our credentials, so a frame without aibotid is taken as ours.
 */
export function decodeFrame(frame: BotFrame, opts: { botId: string; now: Date }): DecodedFrame {
  if (frame.cmd !== MSG_CMD && frame.cmd !== EVENT_CMD) return { kind: 'ignored', reason: 'not_a_callback', detail: String(frame.cmd) };
  const reqId = str(frame.headers?.req_id);
  const body = obj(frame.body);
  if (!reqId || !body) return { kind: 'ignored', reason: 'malformed', detail: 'no req_id or body' };
  const aibotid = str(body.aibotid);
  if (aibotid !== null && aibotid !== opts.botId) return { kind: 'ignored', reason: 'foreign_bot' };
  const event = obj(body.event);
  const eventType = str(event?.eventtype);
  // Never stored: the link stays down rather than fighting the other connection (design §1).
  if (eventType === 'disconnected_event') return { kind: 'ignored', reason: 'disconnected_event' };
  const userId = str(obj(body.from)?.userid);
  if (!userId) return { kind: 'ignored', reason: 'malformed', detail: 'no from.userid' };
  const chatType = body.chattype === 'group' ? 'group' : 'single';
  const chatId = chatType === 'group' ? str(body.chatid) : null;
  if (chatType === 'group' && !chatId) return { kind: 'ignored', reason: 'malformed', detail: 'group frame without chatid' };
  const msgid = str(body.msgid) ?? (typeof body.msgid === 'number' ? String(body.msgid) : null);
  const dedupeKey = msgid ?? (eventType ? `${eventType}:${reqId}` : null);
  if (!dedupeKey) return { kind: 'ignored', reason: 'malformed', detail: 'no msgid' };
  const base = {
    channel: 'wecom_bot' as const,
    orgId: opts.botId,
    dedupeKey,
    senderId: userId,
    chatId,
    conversationKey: chatId ? `wecom_bot:${opts.botId}:group:${chatId}:${userId}` : `wecom_bot:${opts.botId}:${userId}`,
    sentAt: sentAt(body.create_time, opts.now),
  };
  const out = (e: InboundEvent, replyKind: ReplyKind): DecodedFrame => ({ kind: 'event', event: e, reqId, replyKind, chatType, userId });
  if (frame.cmd === EVENT_CMD) {
    if (!event || !eventType) return { kind: 'ignored', reason: 'malformed', detail: 'event without eventtype' };
    switch (eventType) {
      case 'enter_chat':
        return out({ ...base, type: 'enter_chat' }, 'welcome');
      case 'template_card_event': {
        // Real frames nest the click under template_card_event; the SDK's typing says flat. Read both.
        const click = obj(event.template_card_event) ?? event;
        const taskId = str(click.task_id);
        const actionKey = str(click.event_key);
        if (!taskId || !actionKey) return { kind: 'ignored', reason: 'malformed', detail: 'card click without task_id/event_key' };
        return out({ ...base, type: 'card_action', taskId, actionKey, responseCode: reqId }, 'click');
      }
      default:
        // feedback_event and anything new: stored (= logged), answered with nothing.
        return out({ ...base, type: 'unsupported', platformType: `event:${eventType}` }, 'msg');
    }
  }
  const msgtype = str(body.msgtype) ?? 'unknown';
  switch (msgtype) {
    case 'text': {
      const raw = str(obj(body.text)?.content) ?? '';
      const text = chatType === 'group' ? stripMention(raw) : raw.trim();
      if (!text) return out({ ...base, type: 'unsupported', platformType: 'empty' }, 'msg');
      return out({ ...base, type: 'text', text }, 'msg');
    }
    case 'voice': {
      // WeCom sends the transcript, not the audio: nothing to download, no ASR (issue 14).
      const transcript = str(obj(body.voice)?.content)?.trim() || null;
      return out({ ...base, type: 'voice', mediaId: null, format: 'text', recognition: transcript }, 'msg');
    }
    default:
      return out({ ...base, type: 'unsupported', platformType: msgtype }, 'msg');
  }
}
