// U+0000 and lone surrogates at every door: a WeCom callback, a DingTalk HTTP callback, the mini-program
// and the admin API. PostgreSQL refuses both in text, so each used to end in a 500 (and, for the chat
// platforms, in retries and a lost message). Now the message is stored clean, acked and answered.
import { describe, expect, it } from 'vitest';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { useServerWithAsr } from '../support/server-with-asr.js';
import type { LoginResponse } from '../../src/shared/mp-api.js';
import { dingtalkText } from '../support/dingtalk-payloads.js';
import { eventually, WECOM, type TestServer } from '../support/test-server.js';
import { contentOf, sentTo } from '../support/wecom-chat.js';

let t: TestServer;
let model: FakeModelApi;

useServerWithAsr((s) => ({ t, model } = s));

let msgId = 7400000000000000000n;

/** A WeCom text message with `content` written into the XML as is (entities, CDATA or raw bytes). */
const wecomText = (from: string, contentXml: string) =>
  `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${contentXml}</Content><MsgId>${msgId++}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;

const storedTexts = async (sender: string) =>
  (await t.db.query<{ text: string }>(`select event->>'text' as text from inbox where event->>'senderId' = $1 order by id`, [sender])).map((r) => r.text);

describe('WeCom callback', () => {
  it('accepts &#0; and answers the message', async () => {
    const res = await t.postCallback(wecomText('hygieneNul', '帮&#0;助'));
    expect(res).toEqual({ status: 200, body: '' });
    expect(await storedTexts('hygieneNul')).toEqual(['帮助']);
    const reply = await eventually(() => sentTo(t, 'hygieneNul')[0]);
    expect(contentOf(reply)).toContain('战报'); // the help text
  });

  it('accepts &#xD800; (a lone surrogate) as U+FFFD and answers', async () => {
    const res = await t.postCallback(wecomText('hygieneSur', '刚去了恒信机械&#xD800;,客户问了价格'));
    expect(res).toEqual({ status: 200, body: '' });
    expect(await storedTexts('hygieneSur')).toEqual(['刚去了恒信机械\uFFFD,客户问了价格']);
    await eventually(() => sentTo(t, 'hygieneSur').length > 0);
  });

  it('accepts a raw NUL inside CDATA and answers', async () => {
    const res = await t.postCallback(wecomText('hygieneRaw', '<![CDATA[帮\u0000助]]>'));
    expect(res).toEqual({ status: 200, body: '' });
    expect(await storedTexts('hygieneRaw')).toEqual(['帮助']);
    await eventually(() => sentTo(t, 'hygieneRaw').length > 0);
  });
});

describe('DingTalk HTTP callback', () => {
  const sessionReplies = (user: string) =>
    t.dingtalk.sent().filter((c) => c.path === '/robot/sendBySession' && String(c.query.session).startsWith(`s${user}`));

  it('accepts \\u0000 in text.content and answers', async () => {
    const res = await t.postDingtalk(dingtalkText(t.dingtalk, 'dtHygieneA', '帮\u0000助'));
    expect(res.status).toBe(200);
    expect(await storedTexts('dtHygieneA')).toEqual(['帮助']);
    await eventually(() => sessionReplies('dtHygieneA').length > 0);
  });

  it('accepts a NUL in msgId and a lone surrogate in the sender nick', async () => {
    const body = { ...dingtalkText(t.dingtalk, 'dtHygieneB', '帮助'), msgId: 'msg\u0000Nul==', senderNick: '\uDC00张' };
    expect((await t.postDingtalk(body)).status).toBe(200);
    const rows = await t.db.query<{ key: string }>(`select dedupe_key as key from inbox where event->>'senderId' = 'dtHygieneB'`);
    expect(rows.map((r) => r.key)).toEqual(['msgNul==']);
    await eventually(() => sessionReplies('dtHygieneB').length > 0);
  });
});

describe('mini-program', () => {
  it('/mp/visits stores a question with \\u0000 and a lone surrogate', async () => {
    await t.send('PUT', '/api/teams/hygiene-shops', { name: '门店组', memberUserIds: [], managerUserIds: [] });
    expect((await t.send('PUT', '/api/stores/hygiene-1', { name: '徐汇店', teamKey: 'hygiene-shops', city: '上海' })).status).toBe(200);
    const qr = (await t.send('POST', '/api/stores/hygiene-1/qrcodes', { purpose: 'visit' })).json.url as string;
    t.fake.miniCodes.set('code-hygiene', { userid: 'staff-hygiene' });
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${t.server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as any };
    };
    const session = ((await post('/mp/login', { code: 'code-hygiene' })).json as LoginResponse).session;
    const res = await post('/mp/visits', { qr, question: '宝宝湿疹\u0000用什么润肤霜\ud800', customerName: '王\u0000女士' }, session);
    expect(res.status).toBe(200);
    expect(res.json.visit).toMatchObject({ question: '宝宝湿疹用什么润肤霜\uFFFD', customerName: '王女士' });
    expect(res.json.suggestions.length).toBeGreaterThan(0);
  });
});

describe('admin API', () => {
  it('answers ?q=%00 with 200', async () => {
    const res = await t.api('/api/customers?q=%00');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json.items)).toBe(true);
    expect((await t.api('/api/reports?q=%E6%81%92%00')).status).toBe(200);
  });

  it('stores a team name with a NUL, cleaned', async () => {
    const res = await t.send('PUT', '/api/teams/hygiene-east', { name: '华东\u0000一组', memberUserIds: [], managerUserIds: [] });
    expect(res.status).toBe(200);
    const teams = await t.api('/api/teams');
    expect(teams.json.items.find((x: any) => x.key === 'hygiene-east')).toMatchObject({ name: '华东一组' });
  });

  it('drops %00 from a path parameter instead of failing', async () => {
    const res = await t.send('PUT', '/api/stores/hygiene%002', { name: '静安\ud800店', teamKey: 'hygiene-shops' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ key: 'hygiene2', name: '静安\uFFFD店' });
    expect((await t.api('/api/customers/c%00x')).status).toBe(404);
  });
});
