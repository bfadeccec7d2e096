// renderOutbound: every OutboundMessage kind, to a member and to an app group chat (WC/90236, WC/94888).
import { describe, expect, it } from 'vitest';
import type { ButtonCard } from '../../src/channels/outbound-message.js';
import { BUTTON_STYLE, renderOutbound } from '../../src/channels/wecom/render.js';

const user = { kind: 'user', userId: 'ZhangSan' } as const;
const chat = { kind: 'chat', chatId: 'wrkSFfCgAAtMQKg4xqDatM5C9IDHFpTw' } as const;
const AGENT = 1000002;

function card(buttons: number, extra: Partial<ButtonCard> = {}): ButtonCard {
  return {
    taskId: 'stage-confirm_42@t1',
    title: '确认客户阶段',
    buttons: Array.from({ length: buttons }, (_, i) => ({ key: `k${i}`, text: `选项${i + 1}`, primary: i === 0 })),
    ...extra,
  };
}

describe('renderOutbound to a member (message/send)', () => {
  it('renders text with the duplicate-check safety net', () => {
    expect(renderOutbound({ kind: 'text', text: '你好' }, user, AGENT)).toEqual({
      path: '/cgi-bin/message/send',
      body: {
        touser: 'ZhangSan',
        agentid: AGENT,
        msgtype: 'text',
        text: { content: '你好' },
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      },
    });
  });

  it('renders markdown', () => {
    const r = renderOutbound({ kind: 'markdown', markdown: '**战报**' }, user, AGENT);
    expect(r.path).toBe('/cgi-bin/message/send');
    expect(r.body).toMatchObject({ msgtype: 'markdown', markdown: { content: '**战报**' }, enable_duplicate_check: 1, duplicate_check_interval: 1800 });
  });

  it('renders a button_interaction template card with 6 buttons, one highlighted', () => {
    const r = renderOutbound(
      { kind: 'button_card', card: card(6, { description: '上次：初步接触', fields: [{ label: '客户', value: '华东建材' }] }) },
      user,
      AGENT,
    );
    expect(r.path).toBe('/cgi-bin/message/send');
    expect(r.body).toMatchObject({ touser: 'ZhangSan', agentid: AGENT, msgtype: 'template_card', enable_duplicate_check: 1, duplicate_check_interval: 1800 });
    const tc = r.body.template_card as Record<string, unknown>;
    expect(tc).toEqual({
      card_type: 'button_interaction',
      main_title: { title: '确认客户阶段', desc: '上次：初步接触' },
      task_id: 'stage-confirm_42@t1',
      horizontal_content_list: [{ keyname: '客户', value: '华东建材' }],
      button_list: Array.from({ length: 6 }, (_, i) => ({
        text: `选项${i + 1}`,
        style: i === 0 ? BUTTON_STYLE.primary : BUTTON_STYLE.plain,
        key: `k${i}`,
      })),
    });
    expect(BUTTON_STYLE).toEqual({ primary: 1, plain: 4 });
  });

  it('omits desc and horizontal_content_list when absent', () => {
    const tc = renderOutbound({ kind: 'button_card', card: card(2) }, user, AGENT).body.template_card as Record<string, unknown>;
    expect(tc.main_title).toEqual({ title: '确认客户阶段' });
    expect(tc).not.toHaveProperty('horizontal_content_list');
  });

  it('truncates card texts to WeCom limits and keeps at most 6 fields', () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ label: `预计成交金额${i}`, value: '很'.repeat(40) }));
    const long = card(1, { title: '标'.repeat(50), description: '述'.repeat(60), fields });
    long.buttons[0]!.text = '这是一个非常非常长的按钮文案';
    const tc = renderOutbound({ kind: 'button_card', card: long }, user, AGENT).body.template_card as {
      main_title: { title: string; desc: string };
      horizontal_content_list: { keyname: string; value: string }[];
      button_list: { text: string }[];
    };
    expect(Array.from(tc.main_title.title)).toHaveLength(36);
    expect(tc.main_title.title.endsWith('…')).toBe(true);
    expect(Array.from(tc.main_title.desc)).toHaveLength(44);
    expect(tc.horizontal_content_list).toHaveLength(6);
    expect(tc.horizontal_content_list[0]).toEqual({ keyname: '预计成交…', value: `${'很'.repeat(29)}…` });
    expect(Array.from(tc.button_list[0]!.text)).toHaveLength(10);
  });

  it('never splits a surrogate pair when truncating', () => {
    const tc = renderOutbound({ kind: 'button_card', card: card(1, { title: '🎉'.repeat(40) }) }, user, AGENT).body
      .template_card as { main_title: { title: string } };
    expect(tc.main_title.title).toBe(`${'🎉'.repeat(35)}…`);
  });

  it('throws on more than 6 buttons, none, duplicate keys or a bad task_id', () => {
    expect(() => renderOutbound({ kind: 'button_card', card: card(7) }, user, AGENT)).toThrow(/1–6 buttons/);
    expect(() => renderOutbound({ kind: 'button_card', card: card(0) }, user, AGENT)).toThrow(/1–6 buttons/);
    const dup = card(2);
    dup.buttons[1]!.key = 'k0';
    expect(() => renderOutbound({ kind: 'button_card', card: dup }, user, AGENT)).toThrow(/unique/);
    expect(() => renderOutbound({ kind: 'button_card', card: card(1, { taskId: 'has space' }) }, user, AGENT)).toThrow(/task_id/);
    expect(() => renderOutbound({ kind: 'button_card', card: card(1, { taskId: 'a'.repeat(129) }) }, user, AGENT)).toThrow(/task_id/);
  });

  it('renders card_update as update_template_card that greys the button out with the label', () => {
    const r = renderOutbound({ kind: 'card_update', responseCode: 'RC_abc', taskId: 't1', label: '已确认：方案报价' }, user, AGENT);
    expect(r).toEqual({
      path: '/cgi-bin/message/update_template_card',
      body: { userids: ['ZhangSan'], agentid: AGENT, response_code: 'RC_abc', button: { replace_name: '已确认：方案报价' } },
    });
  });
});

describe('renderOutbound to an app group chat (appchat/send)', () => {
  it('renders text and markdown with chatid and no duplicate-check flags', () => {
    expect(renderOutbound({ kind: 'text', text: '早报' }, chat, AGENT)).toEqual({
      path: '/cgi-bin/appchat/send',
      body: { chatid: chat.chatId, msgtype: 'text', text: { content: '早报' } },
    });
    expect(renderOutbound({ kind: 'markdown', markdown: '# 榜单' }, chat, AGENT)).toEqual({
      path: '/cgi-bin/appchat/send',
      body: { chatid: chat.chatId, msgtype: 'markdown', markdown: { content: '# 榜单' } },
    });
  });

  it('renders a button card as text with numbered options', () => {
    const r = renderOutbound(
      { kind: 'button_card', card: card(3, { description: '请选择', fields: [{ label: '客户', value: '华东建材' }] }) },
      chat,
      AGENT,
    );
    expect(r).toEqual({
      path: '/cgi-bin/appchat/send',
      body: { chatid: chat.chatId, msgtype: 'text', text: { content: '确认客户阶段\n请选择\n客户：华东建材\n1. 选项1\n2. 选项2\n3. 选项3' } },
    });
  });

  it('refuses a card_update for a chat', () => {
    expect(() => renderOutbound({ kind: 'card_update', responseCode: 'RC', taskId: 't', label: 'x' }, chat, AGENT)).toThrow(/group chat/);
  });
});

describe('images', () => {
  const png = { kind: 'image', base64: 'iVBORw0KGgo=', md5: '0123456789abcdef0123456789abcdef' } as const;
  it('go to a member or an app group chat by the uploaded media id', () => {
    expect(renderOutbound(png, chat, AGENT, 'MEDIA_1')).toEqual({
      path: '/cgi-bin/appchat/send',
      body: { chatid: chat.chatId, msgtype: 'image', image: { media_id: 'MEDIA_1' } },
    });
    expect(renderOutbound(png, user, AGENT, 'MEDIA_1').body).toMatchObject({ touser: 'ZhangSan', agentid: AGENT, msgtype: 'image', image: { media_id: 'MEDIA_1' } });
  });
  it('go to a group robot inline, and are refused elsewhere without an upload', () => {
    expect(renderOutbound(png, { kind: 'wecom_webhook', key: 'k' }, AGENT).body).toEqual({ msgtype: 'image', image: { base64: png.base64, md5: png.md5 } });
    expect(() => renderOutbound(png, chat, AGENT)).toThrow(/media\/upload/);
  });
});

describe('recipients', () => {
  it.each(['@all', 'a|b', 'x y', ''])('never renders a touser that is not one UserID (%s)', (userId) => {
    expect(() => renderOutbound({ kind: 'text', text: '你好' }, { kind: 'user', userId }, AGENT)).toThrow(/UserID/);
  });
});
