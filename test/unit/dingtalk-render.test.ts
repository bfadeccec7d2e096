// DingTalk rendering: OutboundMessage → webhook bodies and OpenAPI {msgKey, msgParam}; cards as numbered
// reply choices (and parsing the reply back); byte limits cut on UTF-8 boundaries; images need an upload.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ButtonCard, OutboundMessage } from '../../src/channels/outbound-message.js';
import {
  decodeImage,
  DINGTALK_LIMITS,
  DingtalkRenderError,
  markdownTitle,
  numberedChoices,
  parseChoiceReply,
  toRobotMessage,
  toSessionWebhookBody,
  truncateUtf8,
} from '../../src/channels/dingtalk/render.js';

const reportCard: ButtonCard = {
  taskId: 'rpt-1-v1',
  title: '战报草稿 · 华为',
  description: '客户同意下周签合同',
  fields: [{ label: '金额', value: '100万' }, { label: '下一步', value: '发合同(03-05)' }],
  buttons: [
    { key: 'report:confirm:1', text: '确认', primary: true },
    { key: 'report:edit:1', text: '修改' },
    { key: 'report:void:1', text: '作废' },
  ],
};
const stageCard: ButtonCard = {
  taskId: 'stg-9',
  title: '「华为」推进到哪个阶段？',
  buttons: ['需求探询', '方案演示', '商务谈判', '合同签署', '赢单', '丢单'].map((label, i) => ({ key: `stage:${i}`, text: label })),
};
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const param = (m: { msgParam: string } | null) => JSON.parse(m!.msgParam) as Record<string, string>;

describe('toSessionWebhookBody', () => {
  it('text, with @ of the sender in a group', () => {
    expect(toSessionWebhookBody({ kind: 'text', text: '已记录' })).toEqual({ msgtype: 'text', text: { content: '已记录' } });
    expect(toSessionWebhookBody({ kind: 'text', text: '已记录' }, { atUserIds: ['rep1'] })).toEqual({
      msgtype: 'text', text: { content: '已记录' }, at: { atUserIds: ['rep1'] },
    });
  });

  it('markdown gets a plain title from its first line', () => {
    const md = '## **本周排行榜** 🏆\n\n1. 张三 120 分';
    expect(toSessionWebhookBody({ kind: 'markdown', markdown: md })).toEqual({
      msgtype: 'markdown', markdown: { title: '本周排行榜 🏆', text: md },
    });
  });

  it('button_card → markdown with numbered choices', () => {
    const body = toSessionWebhookBody({ kind: 'button_card', card: reportCard });
    expect(body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '战报草稿 · 华为',
        text: '#### 战报草稿 · 华为\n\n客户同意下周签合同\n\n- **金额**：100万\n- **下一步**：发合同(03-05)\n\n回复 1 确认\n\n回复 2 修改\n\n回复 3 作废',
      },
    });
  });

  it('card_update → null (DingTalk robot messages cannot be edited)', () => {
    expect(toSessionWebhookBody({ kind: 'card_update', responseCode: 'rc', taskId: 't', label: '已确认' })).toBeNull();
  });

  it('image needs an uploaded URL; with one it is a markdown image', () => {
    const img: OutboundMessage = { kind: 'image', base64: 'aGk=', md5: 'x' };
    expect(() => toSessionWebhookBody(img)).toThrow(DingtalkRenderError);
    expect(toSessionWebhookBody(img, { photoURL: 'https://cdn.example.com/board.png' })).toEqual({
      msgtype: 'markdown', markdown: { title: '图片', text: '![图片](https://cdn.example.com/board.png)' },
    });
  });

  it('whole body stays ≤ 20 000 bytes; CJK is cut on a character boundary with an ellipsis', () => {
    const long = '战'.repeat(10_000); // 30 000 bytes
    const body = toSessionWebhookBody({ kind: 'text', text: long })!;
    const size = bytes(JSON.stringify(body));
    expect(size).toBeLessThanOrEqual(DINGTALK_LIMITS.webhookBodyBytes);
    expect(size).toBeGreaterThan(DINGTALK_LIMITS.webhookBodyBytes - 10);
    const content = (body as { text: { content: string } }).text.content;
    expect(content.endsWith('…')).toBe(true);
    expect(content.includes('\uFFFD')).toBe(false);
    expect(/^战+…$/.test(content)).toBe(true);
  });

  it('JSON escaping (quotes, newlines) is counted against the limit', () => {
    const body = toSessionWebhookBody({ kind: 'text', text: '"\n'.repeat(8_000) }, { maxBytes: 1_000 })!;
    expect(bytes(JSON.stringify(body))).toBeLessThanOrEqual(1_000);
  });

  it('a huge card keeps all its choices; only the head is cut', () => {
    const card = { ...reportCard, description: '细节'.repeat(10_000) };
    const body = toSessionWebhookBody({ kind: 'button_card', card })!;
    const text = (body as { markdown: { text: string } }).markdown.text;
    expect(bytes(JSON.stringify(body))).toBeLessThanOrEqual(DINGTALK_LIMITS.webhookBodyBytes);
    expect(text.endsWith('…\n\n回复 1 确认\n\n回复 2 修改\n\n回复 3 作废')).toBe(true);
  });
});

describe('toRobotMessage', () => {
  it('text → sampleText {content}', () => {
    const m = toRobotMessage({ kind: 'text', text: '今日战报已生成' });
    expect(m?.msgKey).toBe('sampleText');
    expect(param(m)).toEqual({ content: '今日战报已生成' });
  });

  it('markdown → sampleMarkdown {title, text}', () => {
    const m = toRobotMessage({ kind: 'markdown', markdown: '> [查看详情](https://x.example/r/1)\n正文' });
    expect(m?.msgKey).toBe('sampleMarkdown');
    expect(param(m)).toEqual({ title: '查看详情', text: '> [查看详情](https://x.example/r/1)\n正文' });
  });

  it('button_card → sampleMarkdown with numbered choices', () => {
    const m = toRobotMessage({ kind: 'button_card', card: stageCard });
    expect(m?.msgKey).toBe('sampleMarkdown');
    const p = param(m);
    expect(p.title).toBe('「华为」推进到哪个阶段？');
    expect(p.text).toContain('回复 1 需求探询\n\n回复 2 方案演示');
    expect(p.text).toContain('回复 6 丢单');
  });

  it('image → sampleImageMsg {photoURL} once uploaded; without it a typed error', () => {
    const img: OutboundMessage = { kind: 'image', base64: 'aGk=', md5: 'x' };
    expect(() => toRobotMessage(img)).toThrow(expect.objectContaining({ code: 'dingtalk_image_needs_upload' }));
    const m = toRobotMessage(img, { photoURL: '@lADPDfake' });
    expect(m).toEqual({ msgKey: 'sampleImageMsg', msgParam: '{"photoURL":"@lADPDfake"}' });
  });

  it('card_update → null', () => {
    expect(toRobotMessage({ kind: 'card_update', responseCode: 'rc', taskId: 't', label: 'x' })).toBeNull();
  });

  it('msgParam stays ≤ 15 000 bytes even with emoji (surrogate pairs) and escapes', () => {
    const m = toRobotMessage({ kind: 'markdown', markdown: `标题\n${'🏆"'.repeat(5_000)}` })!;
    expect(bytes(m.msgParam)).toBeLessThanOrEqual(DINGTALK_LIMITS.msgParamBytes);
    const text = param(m).text!;
    expect(text.endsWith('…')).toBe(true);
    expect(/[\uD800-\uDBFF]…$/.test(text)).toBe(false); // no lone high surrogate before the ellipsis
  });

  it('invalid cards are programming errors', () => {
    expect(() => toRobotMessage({ kind: 'button_card', card: { ...reportCard, buttons: [] } })).toThrow(DingtalkRenderError);
    const dup = { ...reportCard, buttons: [{ key: 'a', text: '1' }, { key: 'a', text: '2' }] };
    expect(() => toRobotMessage({ kind: 'button_card', card: dup })).toThrow(/unique/);
  });
});

describe('truncateUtf8', () => {
  it('returns short text unchanged', () => {
    expect(truncateUtf8('你好', 6)).toBe('你好');
  });

  it('never splits a multi-byte character and counts the ellipsis', () => {
    expect(truncateUtf8('你好世界', 8)).toBe('你…'); // 3 + 3 ellipsis = 6 ≤ 8; 你好… would be 9
    expect(truncateUtf8('你好世界', 9)).toBe('你好…');
    expect(truncateUtf8('a😀b', 6)).toBe('a😀b'); // exactly 6 bytes: unchanged
    expect(truncateUtf8('a😀b', 5)).toBe('a…'); // the 4-byte emoji does not fit with the ellipsis
    expect(truncateUtf8('abc', 2)).toBe('');
  });
});

describe('markdownTitle', () => {
  it.each([
    ['# 今日战报\n内容', '今日战报'],
    ['\n\n  ### **重点客户** 跟进\n', '重点客户 跟进'],
    ['![chart](https://x/y.png)\n', 'chart'],
    ['<font color="#ff0000">逾期提醒</font>：3 条', '逾期提醒：3 条'],
    ['- 第一条', '第一条'],
    ['', '消息'],
    ['\n#\n', '消息'],
  ])('%j → %j', (md, title) => {
    expect(markdownTitle(md)).toBe(title);
  });

  it('is cut to 30 characters', () => {
    const t = markdownTitle('长'.repeat(50));
    expect(Array.from(t)).toHaveLength(30);
    expect(t.endsWith('…')).toBe(true);
  });
});

describe('numberedChoices / parseChoiceReply', () => {
  const choices = numberedChoices(reportCard);
  const stages = numberedChoices(stageCard);

  it('numbers buttons from 1 in order', () => {
    expect(choices).toEqual([
      { key: 'report:confirm:1', text: '确认', number: 1 },
      { key: 'report:edit:1', text: '修改', number: 2 },
      { key: 'report:void:1', text: '作废', number: 3 },
    ]);
  });

  it.each([
    ['1', 'report:confirm:1'],
    ['１', 'report:confirm:1'],
    [' 2 ', 'report:edit:1'],
    ['回复1', 'report:confirm:1'],
    ['回复 3', 'report:void:1'],
    ['选2', 'report:edit:1'],
    ['选择 1', 'report:confirm:1'],
    ['1。', 'report:confirm:1'],
    ['确认', 'report:confirm:1'],
    ['确认！', 'report:confirm:1'],
    ['回复修改', 'report:edit:1'],
    ['　作废　', 'report:void:1'],
  ])('%j → %s', (text, key) => {
    expect(parseChoiceReply(text, choices)).toBe(key);
  });

  it('stage cards: the stage label or its number', () => {
    expect(parseChoiceReply('方案演示', stages)).toBe('stage:1');
    expect(parseChoiceReply('6', stages)).toBe('stage:5');
    expect(parseChoiceReply('赢单!', stages)).toBe('stage:4');
  });

  it.each([
    '今天拜访了1个客户',
    '我确认一下再说',
    '确认了',
    '1个',
    '第1',
    '回复',
    '0',
    '4',
    '12',
    '1.5',
    '',
    '   ',
    '2 3',
  ])('%j is not a choice', (text) => {
    expect(parseChoiceReply(text, choices)).toBeNull();
  });

  it('two buttons with the same text are only reachable by number', () => {
    const same = numberedChoices({ buttons: [{ key: 'a', text: '张伟' }, { key: 'b', text: '张伟' }] });
    expect(parseChoiceReply('张伟', same)).toBeNull();
    expect(parseChoiceReply('2', same)).toBe('b');
  });
});

describe('decodeImage', () => {
  it('returns the bytes when the md5 matches (either case)', () => {
    const png = Buffer.from('\x89PNG\r\n\x1a\nfake', 'latin1');
    const md5 = createHash('md5').update(png).digest('hex');
    expect(decodeImage({ base64: png.toString('base64'), md5 }).equals(png)).toBe(true);
    expect(decodeImage({ base64: png.toString('base64'), md5: md5.toUpperCase() }).equals(png)).toBe(true);
  });

  it('rejects a mismatched md5 or empty data', () => {
    expect(() => decodeImage({ base64: 'aGk=', md5: '0'.repeat(32) })).toThrow(DingtalkRenderError);
    expect(() => decodeImage({ base64: '', md5: createHash('md5').update('').digest('hex') })).toThrow(/empty/);
  });
});
