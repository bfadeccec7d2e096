// DingTalk robot-message codec: recorded-shape callbacks (platforms.md §3.1/§3.2) → InboundEvent plus
// reply routing; malformed bodies are typed errors, unknown message types are 'unsupported'.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DingtalkPayloadError, parseRobotMessage } from '../../src/channels/dingtalk/codec.js';

const CORP = 'ding5c2f4657eb6378fe19e25c0b3f73fd63';
const REP = '01234567891234567';
const SINGLE_CID = 'cidq3LmZ8XvTr2KpW9sNb4Hy7Jc1Fd6Ge0Au5Ro=';
const GROUP_CID = 'cidGr0Up7Km3Lq9Zx4Vb8Nm1Cr5Hy3JdTw2Ps6Ef=';
const BOT_ID = '$:LWCP_v1:$Q8m2Ja0Lk7Hq3WnZt9VbX4cRy1sDf6Gp';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/dingtalk/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function expectPayloadError(body: unknown, pattern: RegExp, opts = {}): void {
  let caught: unknown;
  try {
    parseRobotMessage(body, opts);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(DingtalkPayloadError);
  expect((caught as DingtalkPayloadError).code).toBe('dingtalk_bad_payload');
  expect((caught as Error).message).toMatch(pattern);
}

describe('text', () => {
  it('single chat: trimmed text, 1:1 conversation key, session and routing', () => {
    const p = parseRobotMessage(fixture('text-single.json'));
    expect(p.event).toEqual({
      channel: 'dingtalk',
      type: 'text',
      orgId: CORP,
      dedupeKey: 'msgT7Wk2Lq9Zx4Vb8Nm1Cr5Hy3Jd==',
      senderId: REP,
      chatId: null,
      conversationKey: `dingtalk:${CORP}:${REP}`,
      sentAt: new Date(1740790800123),
      senderName: '张三',
      text: '今天拜访了华为，客户对报价有异议',
    });
    expect(p.session).toEqual({
      webhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=7d3a1c9e5b2f4a6d8c0e1f3a5b7c9d2e',
      expiresAt: new Date(1740796200246),
    });
    expect(p).toMatchObject({ conversationId: SINGLE_CID, conversationType: 'single', robotCode: 'dingq8zv2mk4xw1rtnba', mentioned: true });
  });

  it('group @-message: chatId and a per-group, per-sender conversation key', () => {
    const p = parseRobotMessage(fixture('text-group.json'));
    expect(p.event).toMatchObject({
      type: 'text',
      text: '本周排行榜',
      senderId: 'manager001',
      chatId: GROUP_CID,
      conversationKey: `dingtalk:${CORP}:group:${GROUP_CID}:manager001`,
      sentAt: new Date(1740790860618),
    });
    expect(p).toMatchObject({ conversationType: 'group', conversationId: GROUP_CID, mentioned: true });
  });

  it('group: a leftover "@bot " is stripped when the bot is the only @-target', () => {
    const body = { ...fixture('text-group.json'), text: { content: '@战报助手 本周排行榜' } };
    expect(parseRobotMessage(body).event).toMatchObject({ type: 'text', text: '本周排行榜' });
  });

  it('group: a colleague\'s @mention is kept when others were @-ed too', () => {
    const body = {
      ...fixture('text-group.json'),
      text: { content: '@张三 签了华为 100 万' },
      atUsers: [{ dingtalkId: BOT_ID }, { dingtalkId: '$:LWCP_v1:$other', staffId: 'zhangsan' }],
    };
    expect(parseRobotMessage(body).event).toMatchObject({ type: 'text', text: '@张三 签了华为 100 万' });
  });

  it('single chat never strips a leading @word', () => {
    const body = { ...fixture('text-single.json'), text: { content: '@张三 明天一起去' } };
    expect(parseRobotMessage(body).event).toMatchObject({ text: '@张三 明天一起去' });
  });

  it('group message that does not @ the bot → mentioned false, text untouched', () => {
    const body = { ...fixture('text-group.json'), isInAtList: false, text: { content: '@王五 收到' } };
    const p = parseRobotMessage(body);
    expect(p.mentioned).toBe(false);
    expect(p.event).toMatchObject({ text: '@王五 收到' });
  });

  it('whitespace-only text becomes an empty text event (not an error)', () => {
    expect(parseRobotMessage({ ...fixture('text-single.json'), text: { content: '   ' } }).event).toMatchObject({ type: 'text', text: '' });
  });
});

describe('audio', () => {
  it('→ voice with the downloadCode as media id and DingTalk\'s own recognition', () => {
    const p = parseRobotMessage(fixture('audio-single.json'));
    expect(p.event).toMatchObject({
      type: 'voice',
      dedupeKey: 'msgA9Ud1Io4Vx7Zc2Qw5Er8Ty0Up==',
      mediaId: 'mIofN681YE3fAudioCodeExampleQiMFIZMEPWAhjFjD1g5L/SdG/3lCmLWzqy7s5q3xZP0gXOtjqyc7cG4bLnKOAVcl=',
      format: 'amr',
      recognition: '刚见完客户，对方同意下周签合同',
    });
  });

  it('absent or blank recognition → null (our ASR transcribes)', () => {
    const base = fixture('audio-single.json');
    const content = base.content as Record<string, unknown>;
    expect(parseRobotMessage({ ...base, content: { ...content, recognition: undefined } }).event).toMatchObject({ recognition: null });
    expect(parseRobotMessage({ ...base, content: { ...content, recognition: '  ' } }).event).toMatchObject({ recognition: null });
  });
});

describe('other message types → unsupported', () => {
  it.each([
    ['picture-single.json', 'picture'],
    ['richtext-single.json', 'richText'],
    ['file-single.json', 'file'],
  ])('%s', (file, platformType) => {
    const p = parseRobotMessage(fixture(file));
    expect(p.event).toMatchObject({ type: 'unsupported', platformType, senderId: REP, orgId: CORP });
  });

  it('video and unknown future types', () => {
    const base = fixture('picture-single.json');
    expect(parseRobotMessage({ ...base, msgtype: 'video' }).event).toMatchObject({ type: 'unsupported', platformType: 'video' });
    expect(parseRobotMessage({ ...base, msgtype: 'interactiveCard' }).event).toMatchObject({ platformType: 'interactiveCard' });
  });
});

describe('org id, session and field tolerance', () => {
  it('orgId: senderCorpId, else chatbotCorpId, else the configured fallback', () => {
    const base = fixture('text-single.json');
    expect(parseRobotMessage({ ...base, senderCorpId: undefined }).event.orgId).toBe(CORP);
    const bare = { ...base, senderCorpId: undefined, chatbotCorpId: undefined };
    expect(parseRobotMessage(bare, { corpIdFallback: 'dingFALLBACK' }).event.orgId).toBe('dingFALLBACK');
    expectPayloadError(bare, /senderCorpId nor chatbotCorpId/);
  });

  it('no sessionWebhook → session null; numeric-string times and numeric conversationType are accepted', () => {
    const base = fixture('text-single.json');
    expect(parseRobotMessage({ ...base, sessionWebhook: undefined }).session).toBeNull();
    const p = parseRobotMessage({ ...base, createAt: '1740790800123', conversationType: 1, sessionWebhookExpiredTime: '1740796200246' });
    expect(p.event.sentAt).toEqual(new Date(1740790800123));
    expect(p.session?.expiresAt).toEqual(new Date(1740796200246));
  });

  it('robotCode absent → null', () => {
    expect(parseRobotMessage({ ...fixture('text-single.json'), robotCode: undefined }).robotCode).toBeNull();
  });
});

describe('malformed bodies throw DingtalkPayloadError', () => {
  const base = fixture('text-single.json');
  it.each([
    ['null', null, /body must be a JSON object/],
    ['an array', [base], /body must be a JSON object/],
    ['a string', JSON.stringify(base), /body must be a JSON object/],
    ['no msgId', { ...base, msgId: undefined }, /msgId is missing/],
    ['empty msgId', { ...base, msgId: '' }, /msgId is empty/],
    ['no msgtype', { ...base, msgtype: undefined }, /msgtype is missing/],
    ['no senderStaffId (e.g. an outside-org sender)', { ...base, senderStaffId: undefined }, /senderStaffId is missing/],
    ['numeric senderStaffId', { ...base, senderStaffId: 12345 }, /senderStaffId is missing or not a string/],
    ['no conversationId', { ...base, conversationId: undefined }, /conversationId/],
    ['conversationType "3"', { ...base, conversationType: '3' }, /conversationType/],
    ['createAt not a number', { ...base, createAt: 'yesterday' }, /createAt is not a millisecond timestamp/],
    ['createAt missing', { ...base, createAt: undefined }, /createAt/],
    ['senderCorpId not a string', { ...base, senderCorpId: 42 }, /senderCorpId is not a string/],
    ['text is not an object', { ...base, text: 'hi' }, /text must be a JSON object/],
    ['text.content missing', { ...base, text: {} }, /text\.content is missing/],
    ['sessionWebhook not http(s)', { ...base, sessionWebhook: 'javascript:alert(1)' }, /sessionWebhook/],
    ['sessionWebhookExpiredTime garbage', { ...base, sessionWebhookExpiredTime: 'soon' }, /sessionWebhookExpiredTime/],
  ])('%s', (_name, body, pattern) => {
    expectPayloadError(body, pattern);
  });

  it('audio without downloadCode', () => {
    const audio = fixture('audio-single.json');
    expectPayloadError({ ...audio, content: { recognition: 'x' } }, /content\.downloadCode/);
    expectPayloadError({ ...audio, content: undefined }, /content must be a JSON object/);
  });
});
