// Decoding the WeCom AI bot's callback frames (issue 14) into InboundEvents, with their reply handles.
import { describe, expect, it } from 'vitest';
import { decodeFrame, stripMention, type BotFrame } from '../../src/channels/wecom-bot/frames.js';

const BOT = 'aibZbTest01';
const now = new Date('2026-03-02T08:00:00Z');
const msgFrame = (body: Record<string, unknown>, reqId = 'reqM1'): BotFrame => ({
  cmd: 'aibot_msg_callback', headers: { req_id: reqId },
  body: { msgid: 'm1', aibotid: BOT, chattype: 'single', from: { userid: 'zhangsan' }, create_time: 1772438400, ...body },
});
const eventFrame = (event: Record<string, unknown>, body: Record<string, unknown> = {}): BotFrame => ({
  cmd: 'aibot_event_callback', headers: { req_id: 'reqE1' },
  body: { msgid: 'e1', aibotid: BOT, from: { userid: 'zhangsan' }, msgtype: 'event', event, ...body },
});
const decode = (f: BotFrame) => decodeFrame(f, { botId: BOT, now });

describe('wecom bot frames', () => {
  it('decodes a text message with its reply handle and time', () => {
    const d = decode(msgFrame({ msgtype: 'text', text: { content: ' 刚去了恒信机械 ' } }));
    expect(d).toMatchObject({
      kind: 'event', reqId: 'reqM1', replyKind: 'msg', chatType: 'single', userId: 'zhangsan',
      event: {
        channel: 'wecom_bot', orgId: BOT, dedupeKey: 'm1', senderId: 'zhangsan', chatId: null, type: 'text', text: '刚去了恒信机械',
        conversationKey: `wecom_bot:${BOT}:zhangsan`,
      },
    });
    expect(d.kind === 'event' && d.event.sentAt.toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('strips the @mention of a group message and keeps the group per sender', () => {
    const d = decode(msgFrame({ chattype: 'group', chatid: 'wrkSFfCgAAxx', msgtype: 'text', text: { content: '@战报助手 我的客户' } }));
    expect(d).toMatchObject({ kind: 'event', chatType: 'group', event: { type: 'text', text: '我的客户', chatId: 'wrkSFfCgAAxx', conversationKey: `wecom_bot:${BOT}:group:wrkSFfCgAAxx:zhangsan` } });
    expect(stripMention('＠bot\u2005你好')).toBe('你好');
  });

  it('turns a voice message into its transcript: no media, no ASR; an empty one has no recognition', () => {
    expect(decode(msgFrame({ msgtype: 'voice', voice: { content: '今天去了嘉禾物流' } }))).toMatchObject({
      kind: 'event', event: { type: 'voice', mediaId: null, format: 'text', recognition: '今天去了嘉禾物流' },
    });
    expect(decode(msgFrame({ msgtype: 'voice', voice: { content: '  ' } }))).toMatchObject({ kind: 'event', event: { type: 'voice', recognition: null } });
  });

  it('marks image, file, video and mixed messages unsupported', () => {
    for (const t of ['image', 'file', 'video', 'mixed']) {
      expect(decode(msgFrame({ msgtype: t, [t]: {} }))).toMatchObject({ kind: 'event', event: { type: 'unsupported', platformType: t } });
    }
  });

  it('reads a card click nested (real frames) or flat (SDK typing)', () => {
    const nested = decode(eventFrame({ eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: 'stage:x:negotiation', task_id: 'T1' } }));
    const flat = decode(eventFrame({ eventtype: 'template_card_event', event_key: 'stage:x:negotiation', task_id: 'T1' }));
    for (const d of [nested, flat]) {
      expect(d).toMatchObject({ kind: 'event', replyKind: 'click', event: { type: 'card_action', taskId: 'T1', actionKey: 'stage:x:negotiation', responseCode: 'reqE1' } });
    }
    expect(decode(eventFrame({ eventtype: 'template_card_event', template_card_event: { task_id: 'T1' } }))).toMatchObject({ kind: 'ignored', reason: 'malformed' });
  });

  it('maps enter_chat to a welcome handle, feedback to a logged event, and leaves disconnected_event to the link', () => {
    expect(decode(eventFrame({ eventtype: 'enter_chat' }))).toMatchObject({ kind: 'event', replyKind: 'welcome', event: { type: 'enter_chat' } });
    expect(decode(eventFrame({ eventtype: 'feedback_event', feedback_event: { id: 'f1', type: 1 } }))).toMatchObject({
      kind: 'event', event: { type: 'unsupported', platformType: 'event:feedback_event' },
    });
    expect(decode(eventFrame({ eventtype: 'disconnected_event' }))).toEqual({ kind: 'ignored', reason: 'disconnected_event' });
  });

  it('refuses another bot, frames without a sender, and other commands', () => {
    expect(decode(msgFrame({ aibotid: 'aibSomeoneElse', msgtype: 'text', text: { content: 'x' } }))).toMatchObject({ kind: 'ignored', reason: 'foreign_bot' });
    expect(decode(msgFrame({ from: {}, msgtype: 'text', text: { content: 'x' } }))).toMatchObject({ kind: 'ignored', reason: 'malformed' });
    expect(decode({ cmd: 'ping', headers: { req_id: 'p' }, body: {} })).toMatchObject({ kind: 'ignored', reason: 'not_a_callback' });
    // Without aibotid the frame came over our authenticated connection: ours.
    expect(decode(msgFrame({ aibotid: undefined, msgtype: 'text', text: { content: 'x' } }))).toMatchObject({ kind: 'event' });
  });

  it('keys an event without msgid by its type and req_id', () => {
    expect(decode(eventFrame({ eventtype: 'enter_chat' }, { msgid: undefined }))).toMatchObject({ kind: 'event', event: { dedupeKey: 'enter_chat:reqE1' } });
  });
});
