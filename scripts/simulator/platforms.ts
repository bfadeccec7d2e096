// The simulated platforms: each sends a user's message the way the platform does and reads back, from
// its fake API, what the bot said. The acting user and the time come from the session (`as`, `clock`).
import { readFileSync } from 'node:fs';
import { buildEncryptedCallback } from '../../src/channels/wecom/callback-builder.js';
import { createWecomCrypto } from '../../src/channels/wecom/crypto.js';
import { dingtalkSign } from '../../src/channels/dingtalk/sign.js';
import { startFakeWecomApi, type FakeWecomApi } from '../dev/fake-wecom-api.js';
import type { FakeDirectory } from '../dev/fake-directory.js';
import { startFakeDingtalkApi } from '../dev/fake-dingtalk-api.js';
import { startFakeWecomBot, type FakeClientFrame } from '../dev/fake-wecom-bot.js';

/** Credentials of the simulated corp and org (the official WeCom sample values; made-up DingTalk ones). */
export const SIM = {
  WECOM_CORP_ID: 'ww1436e0e65a779aee',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'simulator-secret',
  WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  DINGTALK_APP_KEY: 'dingsimulatorappkey1',
  DINGTALK_APP_SECRET: 'simulator-dingtalk-app-secret-0123456789abcdef',
  DINGTALK_CORP_ID: 'dingsimulatorcorp001',
};

/** The simulated AI bot (only with --wecom-bot: otherwise the server would dial the real WeCom). */
export const SIM_BOT = { WECOM_BOT_ID: 'aibSimulatorBot01', WECOM_BOT_SECRET: 'simulator-bot-secret-0123456789abcdef' };

/** What the bot said, in platform-neutral form. */
export interface Said {
  lines: string[];
  /** A card's buttons, in order (for tap / choose). */
  buttons: string[];
  answer?: (label: string) => Promise<void>;
}

export interface Session {
  user(): string;
  now(): Date;
  baseUrl(): string;
}

export interface Platform {
  apiBase: string;
  env: Record<string, string>;
  send(text: string): Promise<void>;
  /**
   * A voice note: the file's bytes as the platform delivers them, and what was said (DingTalk sends its own
   * recognition with the message; WeCom leaves it to our ASR). Absent where the platform has no voice here.
   */
  sendVoice?(file: string, transcript: string): Promise<void>;
  /** Everything said to the user so far. */
  said(): Said[];
  /** The fake company directory, where the platform has one here. */
  directory?: FakeDirectory;
  /** Records a display name for a user id (the platform's user/get). */
  name(userid: string, name: string): void;
  close(): Promise<void>;
}

const cardView = (c: any, answer: (label: string) => Promise<void>): Said => ({
  lines: [
    `[卡片] ${c.main_title?.title}${c.main_title?.desc ? ` — ${c.main_title.desc}` : ''}`,
    ...(c.horizontal_content_list ?? []).map((f: any) => `  ${f.keyname}: ${f.value}`),
    `  按钮: ${c.button_list.map((x: any) => (x.style === 1 ? `[${x.text}]` : x.text)).join('  ')}`,
  ],
  buttons: c.button_list.map((x: any) => x.text),
  answer,
});

/** The WeCom app channel, with the primitives the browser page (`--web`) drives directly. */
export interface WecomPlatform extends Platform {
  fake: FakeWecomApi;
  /** A voice note of these bytes, delivered like WeCom's: a media id in the callback, the bytes at media/get. */
  sendVoiceBytes(bytes: Buffer, contentType: string): Promise<void>;
  /** A tap on a template card's button (template_card_event), with the response code WeCom would issue. */
  click(taskId: string, key: string, responseCode: string): Promise<void>;
}

export async function wecom(s: Session, port: number): Promise<WecomPlatform> {
  const fake = await startFakeWecomApi({ port });
  const crypto = createWecomCrypto({ token: SIM.WECOM_TOKEN, encodingAesKey: SIM.WECOM_ENCODING_AES_KEY, receiveId: SIM.WECOM_CORP_ID });
  let msgId = BigInt(Date.now()) * 1000n;
  let mediaSeq = 0;
  const ts = () => Math.floor(s.now().getTime() / 1000);
  const head = (type: string) =>
    `<xml><ToUserName><![CDATA[${SIM.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[${s.user()}]]></FromUserName><CreateTime>${ts()}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;
  const post = async (xml: string) => {
    const cb = buildEncryptedCallback(crypto, xml, { timestamp: ts(), nonce: String(Math.random()).slice(2, 10) });
    const res = await fetch(`${s.baseUrl()}/wecom/callback?${new URLSearchParams(cb.query)}`, { method: 'POST', body: cb.body });
    if (res.status !== 200) throw new Error(`server answered ${res.status}: ${await res.text()}`);
  };
  const sendVoiceBytes = async (bytes: Buffer, contentType: string) => {
    const mediaId = `sim-voice-${Date.now()}-${++mediaSeq}`;
    fake.media.set(mediaId, { bytes, contentType });
    await post(`${head('voice')}<MediaId><![CDATA[${mediaId}]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>${msgId++}</MsgId><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`);
  };
  const click = (taskId: string, key: string, responseCode: string) =>
    post(`${head('event')}<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`);
  return {
    fake,
    directory: fake.directory,
    apiBase: fake.url,
    env: {},
    name: (id, name) => void fake.users.set(id, name),
    send: (text) => post(`${head('text')}<Content><![CDATA[${text}]]></Content><MsgId>${msgId++}</MsgId><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`),
    // WeCom app voice notes are AMR; the server downloads them with media/get and decodes them.
    sendVoice: (file) => sendVoiceBytes(readFileSync(file), 'voice/amr'),
    sendVoiceBytes,
    click,
    said: () =>
      fake.sent().map((call): Said => {
        const b = call.body as any;
        if (call.path.endsWith('update_template_card')) return { lines: [`[卡片已更新] ${b.button?.replace_name}`], buttons: [] };
        if (b.msgtype === 'text') return { lines: b.text.content.split('\n'), buttons: [] };
        if (b.msgtype === 'markdown') return { lines: b.markdown.content.split('\n'), buttons: [] };
        if (b.msgtype !== 'template_card') return { lines: [JSON.stringify(b)], buttons: [] };
        const c = b.template_card;
        return cardView(c, (label) => click(c.task_id, c.button_list.find((x: any) => x.text === label).key, `sim-${Date.now()}`));
      }),
    close: () => fake.close(),
  };
}

export async function dingtalk(s: Session, port: number): Promise<Platform> {
  const fake = await startFakeDingtalkApi({ port, appKey: SIM.DINGTALK_APP_KEY, appSecret: SIM.DINGTALK_APP_SECRET });
  let seq = 0;
  const post = async (message: Record<string, unknown>) => {
    const createAt = s.now().getTime();
    const user = s.user();
    const body = {
      ...message, msgId: `msgSim${Date.now()}${++seq}==`, createAt, conversationType: '1',
      conversationId: `cidSim${user}==`, senderId: `$:LWCP_v1:$${user}`, senderStaffId: user, senderNick: user,
      senderCorpId: SIM.DINGTALK_CORP_ID, chatbotCorpId: SIM.DINGTALK_CORP_ID, chatbotUserId: '$:LWCP_v1:$bot', isAdmin: false,
      robotCode: SIM.DINGTALK_APP_KEY, sessionWebhook: fake.openSession(), sessionWebhookExpiredTime: createAt + 90 * 60_000,
    };
    const timestamp = String(Date.now());
    const res = await fetch(`${s.baseUrl()}/dingtalk/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, SIM.DINGTALK_APP_SECRET) },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`server answered ${res.status}: ${await res.text()}`);
  };
  const send = (text: string) => post({ msgtype: 'text', text: { content: text } });
  return {
    apiBase: fake.url,
    env: {},
    name: () => {},
    send,
    // A robot voice message: the bytes behind a downloadCode, and DingTalk's own recognition of them.
    sendVoice: async (file, transcript) => {
      const downloadCode = `simVoice${Date.now()}${++seq}`;
      fake.files.set(downloadCode, { bytes: readFileSync(file), contentType: 'audio/amr' });
      await post({ msgtype: 'audio', content: { downloadCode, duration: 10_000, recognition: transcript } });
    },
    said: () =>
      fake.sent().map((call): Said => {
        const b = call.body as any;
        const text: string = b.msgtype === 'markdown' ? b.markdown.text : b.msgtype === 'text' ? b.text.content
          : b.msgParam ? (JSON.parse(b.msgParam).text ?? JSON.parse(b.msgParam).content ?? b.msgParam) : JSON.stringify(b);
        const buttons = [...text.matchAll(/回复 (\d+) (.+)/g)].map((m) => m[2]!.trim());
        return { lines: text.split('\n').filter((l) => l.trim() !== ''), buttons, answer: async (label) => send(String(buttons.indexOf(label) + 1)) };
      }),
    close: () => fake.close(),
  };
}

/** The AI bot: messages are frames the fake long-connection server pushes; answers are the frames written back. */
export async function wecomBot(s: Session, port: number, voiceText: boolean): Promise<Platform> {
  const api = await startFakeWecomApi({ port: 0 });
  const bot = await startFakeWecomBot({ port, botId: SIM_BOT.WECOM_BOT_ID, secret: SIM_BOT.WECOM_BOT_SECRET });
  const mine = new Set<string>();
  const push = (p: { reqId: string }) => void mine.add(p.reqId);
  const card = (c: any) => cardView(c, async (label) => push(bot.clickCard(s.user(), c.task_id, c.button_list.find((x: any) => x.text === label).key)));
  const view = (f: FakeClientFrame): Said => {
    const b = f.body as any;
    if (f.cmd === 'aibot_respond_update_msg') return { lines: [`[卡片已更新] ${b.template_card?.button_list?.[0]?.text ?? ''}`], buttons: [] };
    if (b.msgtype === 'stream') return { lines: [`${b.stream.finish ? '' : '(输入中) '}${b.stream.content}`], buttons: [] };
    if (b.msgtype === 'stream_with_template_card') return { ...card(b.template_card), lines: [b.stream.content, ...card(b.template_card).lines] };
    if (b.msgtype === 'template_card') return card(b.template_card);
    if (b.msgtype === 'markdown') return { lines: [`(推送) ${b.markdown.content}`], buttons: [] };
    if (b.msgtype === 'text') return { lines: b.text.content.split('\n'), buttons: [] };
    return { lines: [JSON.stringify(b)], buttons: [] };
  };
  return {
    apiBase: api.url,
    env: { ...SIM_BOT, WECOM_BOT_WS_URL: bot.url },
    name: (id, name) => void api.users.set(id, name),
    send: async (text) => push(voiceText ? bot.pushVoice(s.user(), text) : bot.pushText(s.user(), text)),
    said: () => {
      // A stream bubble is one message whose content is replaced: show each once, as it ended.
      const out: Said[] = [];
      const streams = new Map<string, number>();
      for (const f of bot.frames()) {
        const ours = f.cmd === 'aibot_send_msg' ? f.body?.chatid === s.user() : f.cmd.startsWith('aibot_respond_') && mine.has(f.reqId);
        if (!ours || f.errcode !== 0) continue;
        const id: string | undefined = f.body?.stream?.id;
        if (id !== undefined && streams.has(id)) out[streams.get(id)!] = view(f);
        else {
          if (id !== undefined) streams.set(id, out.length);
          out.push(view(f));
        }
      }
      return out;
    },
    close: async () => {
      await bot.stop();
      await api.close();
    },
  };
}
