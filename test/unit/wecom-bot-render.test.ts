// Rendering for the WeCom AI bot (issue 14): passive replies and pushes, byte cuts, errcode classes, and the
// sender's choice between answering on the frame and pushing.
import { describe, expect, it } from 'vitest';
import type { ButtonCard } from '../../src/channels/outbound-message.js';
import { botFailure, classifyBotFailure, isStaleReply, toBotDeliveryError } from '../../src/channels/wecom-bot/errors.js';
import { cardUpdateBody, cutBytes, pushBody, streamBody, streamWithCardBody, welcomeBody } from '../../src/channels/wecom-bot/render.js';
import { createWecomBotSender, type BotTransport } from '../../src/channels/wecom-bot/sender.js';
import { fixedClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';

const card: ButtonCard = {
  taskId: 'report-1', title: '战报 · 嘉禾物流', description: '报价八十万',
  buttons: [{ key: 'report:1:confirm', text: '确认', primary: true }, { key: 'report:1:edit', text: '修改' }, { key: 'report:1:void', text: '作废' }],
};

describe('wecom bot render', () => {
  it('pushes text and markdown as markdown (the bot refuses msgtype text), cards as template cards, images by media_id', () => {
    expect(pushBody({ kind: 'text', text: '你好' })).toEqual({ msgtype: 'markdown', markdown: { content: '你好' } });
    expect(pushBody({ kind: 'markdown', markdown: '**排行**' })).toEqual({ msgtype: 'markdown', markdown: { content: '**排行**' } });
    const c = pushBody({ kind: 'button_card', card }) as any;
    expect(c.msgtype).toBe('template_card');
    expect(c.template_card).toMatchObject({ card_type: 'button_interaction', task_id: 'report-1', main_title: { title: '战报 · 嘉禾物流' } });
    expect(c.template_card.button_list.map((b: any) => b.text)).toEqual(['确认', '修改', '作废']);
    expect(pushBody({ kind: 'image', base64: 'AA==', md5: 'x' }, 'MEDIA1')).toEqual({ msgtype: 'image', image: { media_id: 'MEDIA1' } });
    expect(() => pushBody({ kind: 'image', base64: 'AA==', md5: 'x' })).toThrow(/upload/);
  });

  it('renders streams, stream + card, welcomes and whole-card updates', () => {
    expect(streamBody('s1', '正在整理战报…', false)).toEqual({ msgtype: 'stream', stream: { id: 's1', finish: false, content: '正在整理战报…' } });
    expect(streamWithCardBody('s1', card.title, card)).toMatchObject({ msgtype: 'stream_with_template_card', stream: { id: 's1', finish: true }, template_card: { task_id: 'report-1' } });
    expect(welcomeBody({ kind: 'text', text: '你好' })).toEqual({ msgtype: 'text', text: { content: '你好' } });
    expect(welcomeBody({ kind: 'image', base64: '', md5: '' })).toBeNull();
    const u = cardUpdateBody(card, '已确认', ['zhangsan']) as any;
    expect(u).toMatchObject({ response_type: 'update_template_card', userids: ['zhangsan'], template_card: { task_id: 'report-1' } });
    expect(u.template_card.button_list).toEqual([{ text: '已确认', style: 4, key: 'noop:report-1' }]);
  });

  it('cuts content to 20480 UTF-8 bytes on a character boundary', () => {
    const long = '战'.repeat(10_000); // 30 000 bytes
    const cut = cutBytes(long);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(20_480);
    expect(cut.endsWith('…')).toBe(true);
    expect(cutBytes('短')).toBe('短');
  });

  it('classifies errcodes and normalises the SDK rejecting with the ack frame', () => {
    expect(classifyBotFailure(botFailure({ headers: { req_id: 'r' }, errcode: 45009, errmsg: 'freq' }))).toBe('rate_limited');
    expect(classifyBotFailure(botFailure({ errcode: 40008, errmsg: 'invalid message type' }))).toBe('permanent');
    expect(classifyBotFailure(botFailure({ errcode: 86201, errmsg: '' }))).toBe('permanent');
    expect(classifyBotFailure(botFailure(Object.assign(new Error('not linked'), { kind: 'not_linked', errcode: null })))).toBe('retryable');
    expect(classifyBotFailure(botFailure(Object.assign(new Error('ack timeout'), { kind: 'timeout', errcode: null })))).toBe('retryable');
    expect(isStaleReply({ errcode: 846605 })).toBe(true);
    expect(isStaleReply({ errcode: 846608 })).toBe(true);
    expect(toBotDeliveryError({ errcode: 40058, errmsg: 'bad' })).toMatchObject({ failureClass: 'permanent', platformCode: 40058 });
  });
});

function fakeLink(fail: Record<string, number> = {}) {
  const calls: { op: 'reply' | 'send'; reqId?: string; cmd?: string; chatId?: string; body: any }[] = [];
  const answer = (cmd: string) => (fail[cmd] ? { errcode: fail[cmd]!, errmsg: 'x' } : { errcode: 0, errmsg: 'ok' });
  const link: BotTransport = {
    state: () => 'linked',
    reply: async (reqId, cmd, body) => (calls.push({ op: 'reply', reqId, cmd, body }), answer(cmd)),
    send: async (chatId, body) => (calls.push({ op: 'send', chatId, body }), answer('aibot_send_msg')),
    upload: async () => 'MEDIA1',
  };
  return { link, calls };
}

describe('wecom bot sender', () => {
  const texts = { draftingSlow: '还在整理', cardDone: (l: string) => `✅ ${l}` };
  const make = (link: BotTransport, clock = fixedClock('2026-03-02T08:00:00Z')) =>
    ({ clock, sender: createWecomBotSender({ link: () => link, store: { findCard: async () => card }, texts, clock, logger: silentLogger() }) });
  const me = { kind: 'user' as const, userId: 'zhangsan' };

  it('streams progress on the message, then finishes it with the card; a second card is pushed', async () => {
    const { link, calls } = fakeLink();
    const { sender } = make(link);
    sender.noteFrame({ reqId: 'R1', replyKind: 'msg', userId: 'zhangsan', chatType: 'single' });
    await sender.send(me, { kind: 'text', text: '正在整理战报…', progress: true });
    await sender.send(me, { kind: 'button_card', card });
    await sender.send(me, { kind: 'button_card', card: { ...card, taskId: 'report-2' } });
    expect(calls.map((c) => [c.op, c.cmd ?? c.chatId, c.body.msgtype])).toEqual([
      ['reply', 'aibot_respond_msg', 'stream'], ['reply', 'aibot_respond_msg', 'stream_with_template_card'], ['send', 'zhangsan', 'template_card'],
    ]);
    expect(calls[1]!.body.stream.id).toBe(calls[0]!.body.stream.id);
    sender.close();
  });

  it('when closing, writes nothing new, hands rows on, and drains the sends already on the wire', async () => {
    let ack!: () => void;
    const acked = new Promise<void>((r) => (ack = r));
    const { link, calls } = fakeLink();
    const slow: BotTransport = { ...link, send: async (chatId, body) => { calls.push({ op: 'send', chatId, body }); await acked; return { errcode: 0, errmsg: 'ok' }; } };
    const { sender } = make(slow);
    const first = sender.send(me, { kind: 'text', text: '第一条' });
    sender.close();
    expect(sender.heldElsewhere()).toBe(true);
    await expect(sender.send(me, { kind: 'text', text: '第二条' })).rejects.toMatchObject({ failureClass: 'retryable' });
    let drained = false;
    const draining = sender.drain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(drained).toBe(false); // the first send still waits for its ack
    ack();
    await Promise.all([first, draining]);
    expect(calls.map((c) => JSON.stringify(c.body).includes('第一条'))).toEqual([true]);
  });

  it('updates a clicked card within its window, and pushes the choice after it', async () => {
    const { link, calls } = fakeLink();
    const { sender, clock } = make(link);
    sender.noteFrame({ reqId: 'C1', replyKind: 'click', userId: 'zhangsan', chatType: 'single' });
    await sender.send(me, { kind: 'card_update', responseCode: 'C1', taskId: 'report-1', label: '已确认' });
    sender.noteFrame({ reqId: 'C2', replyKind: 'click', userId: 'zhangsan', chatType: 'single' });
    clock.advance(6_000);
    await sender.send(me, { kind: 'card_update', responseCode: 'C2', taskId: 'report-1', label: '已确认' });
    expect(calls.map((c) => [c.op, c.cmd ?? c.body.msgtype])).toEqual([['reply', 'aibot_respond_update_msg'], ['send', 'markdown']]);
    expect(calls[1]!.body.markdown.content).toBe('✅ 已确认');
  });

  it('falls back to a push when WeCom says the reply window closed (846605), answers groups privately, and pushes to chats', async () => {
    const { link, calls } = fakeLink({ aibot_respond_msg: 846605 });
    const { sender } = make(link);
    sender.noteFrame({ reqId: 'R1', replyKind: 'msg', userId: 'zhangsan', chatType: 'single' });
    await sender.send(me, { kind: 'text', text: '已记录' });
    sender.noteFrame({ reqId: 'G1', replyKind: 'msg', userId: 'lisi', chatType: 'group' });
    await sender.send({ kind: 'user', userId: 'lisi' }, { kind: 'text', text: '好的' });
    await sender.send({ kind: 'chat', chatId: 'wrkGroup1' }, { kind: 'image', base64: 'AA==', md5: 'm' });
    expect(calls.map((c) => [c.op, c.cmd ?? c.chatId])).toEqual([
      ['reply', 'aibot_respond_msg'], ['send', 'zhangsan'], ['send', 'lisi'], ['send', 'wrkGroup1'],
    ]);
    expect(calls[3]!.body).toEqual({ chatid: 'wrkGroup1', msgtype: 'image', image: { media_id: 'MEDIA1' } });
  });

  it('welcomes once within the enter_chat window and refuses robot webhooks', async () => {
    const { link, calls } = fakeLink();
    const { sender } = make(link);
    sender.noteFrame({ reqId: 'W1', replyKind: 'welcome', userId: 'zhangsan', chatType: 'single' });
    await sender.send(me, { kind: 'text', text: '你好,我是战报助手' });
    await sender.send(me, { kind: 'text', text: '第二条' });
    expect(calls.map((c) => [c.op, c.cmd ?? c.chatId, c.body.msgtype])).toEqual([['reply', 'aibot_respond_welcome_msg', 'text'], ['send', 'zhangsan', 'markdown']]);
    await expect(sender.send({ kind: 'wecom_webhook', key: 'k' }, { kind: 'text', text: 'x' })).rejects.toMatchObject({ failureClass: 'permanent' });
  });

  it('is held elsewhere and retryable while not linked', async () => {
    const link: BotTransport = { ...fakeLink().link, state: () => 'waiting_lease' };
    const { sender } = make(link);
    expect(sender.heldElsewhere()).toBe(true);
    await expect(sender.send(me, { kind: 'text', text: 'x' })).rejects.toMatchObject({ failureClass: 'retryable' });
  });
});
