// Try the bot without a WeCom corp or DingTalk org: starts a fake platform API and (unless --server is
// given) the real server on a local database, sends each message the way the platform does (a signed
// and encrypted WeCom callback, or a signed DingTalk robot callback), and prints what the bot sent back.
// `--choose 商务谈判` answers the card with that button (a WeCom click, a DingTalk numbered reply).
//
//   npm run simulate -- "刚去了恒信机械,客户问了价格,账期想要60天" --choose 商务谈判
//   npm run simulate -- --dingtalk "刚去了恒信机械,客户问了价格" --choose 商务谈判
//   npm run simulate -- --wecom-bot "刚去了恒信机械,客户问了价格" --choose 商务谈判   (WeCom AI bot, long connection)
//   npm run simulate -- --wecom-bot --voice "今天去了嘉禾物流,报价八十万,下周三带合同过去" --choose 确认
//   npm run simulate -- --server http://127.0.0.1:3000 "我的客户"   (server started with the SIM_* env below;
//     for --wecom-bot also WECOM_BOT_ID/WECOM_BOT_SECRET = SIM_BOT and WECOM_BOT_WS_URL=ws://127.0.0.1:3999)
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { buildEncryptedCallback } from '../src/channels/wecom/callback-builder.js';
import { createWecomCrypto } from '../src/channels/wecom/crypto.js';
import { dingtalkSign } from '../src/channels/dingtalk/sign.js';
import { loadConfig } from '../src/config/load-config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { silentLogger } from '../src/shared/logger.js';
import { startFakeWecomApi } from './dev/fake-wecom-api.js';
import { startFakeDingtalkApi } from './dev/fake-dingtalk-api.js';
import { startFakeWecomBot, type FakeClientFrame } from './dev/fake-wecom-bot.js';

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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: 'zhangsan' },
    choose: { type: 'string' },
    server: { type: 'string' },
    dingtalk: { type: 'boolean', default: false },
    'wecom-bot': { type: 'boolean', default: false },
    /** With --wecom-bot: send each message as a voice note whose transcript is the text. */
    voice: { type: 'boolean', default: false },
    'fake-port': { type: 'string', default: '3999' },
  },
});

if (positionals.length === 0) {
  console.error('usage: npm run simulate -- [--dingtalk | --wecom-bot [--voice]] [--user ID] [--choose 阶段] [--server URL] "消息" ["消息" …]');
  process.exit(2);
}

/** What the bot said, in platform-neutral form. */
interface Said {
  lines: string[];
  /** A card's buttons, in order (for --choose). */
  buttons: string[];
  answer?: (label: string) => Promise<void>;
}

interface Platform {
  send(text: string): Promise<void>;
  /** Everything said to the user so far. */
  said(): Said[];
  close(): Promise<void>;
}

const fakePort = values.server ? Number(values['fake-port']) : 0;
const user = values.user!;

async function wecom(baseUrl: () => string): Promise<Platform & { apiBase: string }> {
  const fake = await startFakeWecomApi({ port: fakePort });
  const crypto = createWecomCrypto({ token: SIM.WECOM_TOKEN, encodingAesKey: SIM.WECOM_ENCODING_AES_KEY, receiveId: SIM.WECOM_CORP_ID });
  let msgId = BigInt(Date.now()) * 1000n;
  const head = (type: string) =>
    `<xml><ToUserName><![CDATA[${SIM.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;
  const post = async (xml: string) => {
    const cb = buildEncryptedCallback(crypto, xml, { timestamp: Math.floor(Date.now() / 1000), nonce: String(Math.random()).slice(2, 10) });
    const res = await fetch(`${baseUrl()}/wecom/callback?${new URLSearchParams(cb.query)}`, { method: 'POST', body: cb.body });
    if (res.status !== 200) throw new Error(`server answered ${res.status}: ${await res.text()}`);
  };
  return {
    apiBase: fake.url,
    send: (text) => post(`${head('text')}<Content><![CDATA[${text}]]></Content><MsgId>${msgId++}</MsgId><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`),
    said: () =>
      fake.sent().map((call): Said => {
        const b = call.body as any;
        if (call.path.endsWith('update_template_card')) return { lines: [`[卡片已更新] ${b.button?.replace_name}`], buttons: [] };
        if (b.msgtype === 'text') return { lines: b.text.content.split('\n'), buttons: [] };
        if (b.msgtype === 'markdown') return { lines: b.markdown.content.split('\n'), buttons: [] };
        if (b.msgtype !== 'template_card') return { lines: [JSON.stringify(b)], buttons: [] };
        const c = b.template_card;
        return {
          lines: [
            `[卡片] ${c.main_title?.title}${c.main_title?.desc ? ` — ${c.main_title.desc}` : ''}`,
            ...(c.horizontal_content_list ?? []).map((f: any) => `  ${f.keyname}: ${f.value}`),
            `  按钮: ${c.button_list.map((x: any) => (x.style === 1 ? `[${x.text}]` : x.text)).join('  ')}`,
          ],
          buttons: c.button_list.map((x: any) => x.text),
          answer: async (label) => {
            const key = c.button_list.find((x: any) => x.text === label).key;
            await post(`${head('event')}<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${c.task_id}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[sim-${Date.now()}]]></ResponseCode><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`);
          },
        };
      }),
    close: () => fake.close(),
  };
}

async function dingtalk(baseUrl: () => string): Promise<Platform & { apiBase: string }> {
  const fake = await startFakeDingtalkApi({ port: fakePort, appKey: SIM.DINGTALK_APP_KEY, appSecret: SIM.DINGTALK_APP_SECRET });
  let seq = 0;
  const send = async (text: string) => {
    const createAt = Date.now();
    const body = {
      msgtype: 'text', text: { content: text }, msgId: `msgSim${createAt}${++seq}==`, createAt, conversationType: '1',
      conversationId: `cidSim${user}==`, senderId: `$:LWCP_v1:$${user}`, senderStaffId: user, senderNick: user,
      senderCorpId: SIM.DINGTALK_CORP_ID, chatbotCorpId: SIM.DINGTALK_CORP_ID, chatbotUserId: '$:LWCP_v1:$bot', isAdmin: false,
      robotCode: SIM.DINGTALK_APP_KEY, sessionWebhook: fake.openSession(), sessionWebhookExpiredTime: createAt + 90 * 60_000,
    };
    const timestamp = String(Date.now());
    const res = await fetch(`${baseUrl()}/dingtalk/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp, sign: dingtalkSign(timestamp, SIM.DINGTALK_APP_SECRET) },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`server answered ${res.status}: ${await res.text()}`);
  };
  return {
    apiBase: fake.url,
    send,
    said: () =>
      fake.sent().map((call): Said => {
        const b = call.body as any;
        const text: string = b.msgtype === 'markdown' ? b.markdown.text : b.msgtype === 'text' ? b.text.content
          : b.msgParam ? (JSON.parse(b.msgParam).text ?? JSON.parse(b.msgParam).content ?? b.msgParam) : JSON.stringify(b);
        const buttons = [...text.matchAll(/回复 (\d+) (.+)/g)].map((m) => m[2]!.trim());
        return {
          lines: text.split('\n').filter((l) => l.trim() !== ''),
          buttons,
          answer: async (label) => send(String(buttons.indexOf(label) + 1)),
        };
      }),
    close: () => fake.close(),
  };
}

/** The AI bot: messages are frames the fake long-connection server pushes; answers are the frames written back. */
async function wecomBot(): Promise<Platform & { apiBase: string; botEnv: Record<string, string> }> {
  const api = await startFakeWecomApi({ port: 0 });
  const bot = await startFakeWecomBot({ port: fakePort, botId: SIM_BOT.WECOM_BOT_ID, secret: SIM_BOT.WECOM_BOT_SECRET });
  const mine = new Set<string>();
  const push = (p: { reqId: string }) => void mine.add(p.reqId);
  const card = (c: any): Said => ({
    lines: [
      `[卡片] ${c.main_title?.title}${c.main_title?.desc ? ` — ${c.main_title.desc}` : ''}`,
      ...(c.horizontal_content_list ?? []).map((f: any) => `  ${f.keyname}: ${f.value}`),
      `  按钮: ${c.button_list.map((x: any) => (x.style === 1 ? `[${x.text}]` : x.text)).join('  ')}`,
    ],
    buttons: c.button_list.map((x: any) => x.text),
    answer: async (label) => push(bot.clickCard(user, c.task_id, c.button_list.find((x: any) => x.text === label).key)),
  });
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
    botEnv: { ...SIM_BOT, WECOM_BOT_WS_URL: bot.url },
    send: async (text) => push(values.voice ? bot.pushVoice(user, text) : bot.pushText(user, text)),
    said: () => {
      // A stream bubble is one message whose content is replaced: show each once, as it ended.
      const out: Said[] = [];
      const streams = new Map<string, number>();
      for (const f of bot.frames()) {
        const ours = f.cmd === 'aibot_send_msg' ? f.body?.chatid === user : f.cmd.startsWith('aibot_respond_') && mine.has(f.reqId);
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

let server: RunningServer | null = null;
let baseUrl = values.server ?? '';
const platform = values.dingtalk ? await dingtalk(() => baseUrl) : values['wecom-bot'] ? await wecomBot() : await wecom(() => baseUrl);
if (!values.server) {
  // Its own database under DATA_DIR, so simulated customers never mix with real ones.
  const dataDir = join(process.env.DATA_DIR ?? 'data', 'simulator');
  const config = loadConfig({
    ...process.env, ...SIM, DATA_DIR: dataDir, DATABASE_URL: '', PORT: '0',
    WECOM_API_BASE: platform.apiBase, DINGTALK_API_BASE: platform.apiBase, DINGTALK_OAPI_BASE: platform.apiBase, DINGTALK_MODE: 'http',
    ...('botEnv' in platform ? (platform.botEnv as Record<string, string>) : {}),
  });
  server = await startServer(config, { logger: silentLogger() });
  baseUrl = server.url;
  if (values['wecom-bot']) {
    // Wait for the lease and the long connection before the first message (it would wait in the fake's queue anyway).
    const until = Date.now() + 15_000;
    while (server.deps.senders.wecom_bot && (server.deps.senders.wecom_bot as { heldElsewhere(): boolean }).heldElsewhere() && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function waitForReplies(after: number, quietMs = 1500, maxMs = 15_000): Promise<Said[]> {
  const start = Date.now();
  let lastCount = platform.said().length;
  let lastChange = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 100));
    const n = platform.said().length;
    if (n !== lastCount) {
      lastCount = n;
      lastChange = Date.now();
    }
    if (n > after && Date.now() - lastChange > quietMs) break;
  }
  return platform.said().slice(after);
}

const show = (replies: Said[]) => {
  console.log('bot →');
  for (const r of replies) console.log(`  ${r.lines.join('\n  ')}`);
};

try {
  for (const text of positionals) {
    console.log(`\n${user} → ${text}`);
    const before = platform.said().length;
    await platform.send(text);
    const replies = await waitForReplies(before);
    show(replies);
    const card = replies.find((r) => r.buttons.length > 0 && r.answer);
    const label = values.choose && card?.buttons.find((b) => b.includes(values.choose!));
    if (card && label) {
      console.log(`\n${user} 选了「${label}」`);
      const n = platform.said().length;
      await card.answer!(label);
      show(await waitForReplies(n));
    }
  }
} finally {
  await server?.stop();
  await platform.close();
}
