// Try the bot without a WeCom corp: starts a fake WeCom API and (unless --server is given) the real
// server on a local database, sends each message as a correctly signed and encrypted WeCom callback,
// and prints what the bot sent back. `--choose 商务谈判` taps that button on the stage card.
//
//   npm run simulate -- "刚去了恒信机械,客户问了价格,账期想要60天" --choose 商务谈判
//   npm run simulate -- --server http://127.0.0.1:3000 "我的客户"   (server started with the SIM_* env below)
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { buildEncryptedCallback } from '../src/channels/wecom/callback-builder.js';
import { createWecomCrypto } from '../src/channels/wecom/crypto.js';
import { loadConfig } from '../src/config/load-config.js';
import { startServer, type RunningServer } from '../src/server.js';
import { silentLogger } from '../src/shared/logger.js';
import { startFakeWecomApi, type RecordedCall } from './dev/fake-wecom-api.js';

/** Credentials of the simulated corp (the official WeCom sample values). */
export const SIM = {
  WECOM_CORP_ID: 'ww1436e0e65a779aee',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'simulator-secret',
  WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: 'zhangsan' },
    choose: { type: 'string' },
    server: { type: 'string' },
    'fake-port': { type: 'string', default: '3999' },
  },
});

if (positionals.length === 0) {
  console.error('usage: npm run simulate -- [--user ID] [--choose 阶段] [--server URL] "消息" ["消息" …]');
  process.exit(2);
}

const fake = await startFakeWecomApi({ port: values.server ? Number(values['fake-port']) : 0 });
let server: RunningServer | null = null;
let baseUrl = values.server ?? '';
if (!values.server) {
  // Its own database under DATA_DIR, so simulated customers never mix with real ones.
  const dataDir = join(process.env.DATA_DIR ?? 'data', 'simulator');
  const config = loadConfig({ ...process.env, ...SIM, DATA_DIR: dataDir, DATABASE_URL: '', WECOM_API_BASE: fake.url, PORT: '0' });
  server = await startServer(config, { logger: silentLogger() });
  baseUrl = server.url;
}
const crypto = createWecomCrypto({ token: SIM.WECOM_TOKEN, encodingAesKey: SIM.WECOM_ENCODING_AES_KEY, receiveId: SIM.WECOM_CORP_ID });
let msgId = BigInt(Date.now()) * 1000n;

async function post(xml: string): Promise<void> {
  const cb = buildEncryptedCallback(crypto, xml, { timestamp: Math.floor(Date.now() / 1000), nonce: String(Math.random()).slice(2, 10) });
  const res = await fetch(`${baseUrl}/wecom/callback?${new URLSearchParams(cb.query)}`, { method: 'POST', body: cb.body });
  if (res.status !== 200) throw new Error(`server answered ${res.status}: ${await res.text()}`);
}

const head = (type: string) =>
  `<xml><ToUserName><![CDATA[${SIM.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[${values.user}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;

async function waitForReplies(after: number, quietMs = 1500, maxMs = 15_000): Promise<RecordedCall[]> {
  const start = Date.now();
  let lastCount = fake.sent().length;
  let lastChange = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 100));
    const n = fake.sent().length;
    if (n !== lastCount) {
      lastCount = n;
      lastChange = Date.now();
    }
    if (n > after && Date.now() - lastChange > quietMs) break;
  }
  return fake.sent().slice(after);
}

function show(call: RecordedCall): void {
  const b = call.body as any;
  if (call.path.endsWith('update_template_card')) return console.log(`  [卡片已更新] ${b.button?.replace_name}`);
  if (b.msgtype === 'text') return console.log(`  ${b.text.content.replace(/\n/g, '\n  ')}`);
  if (b.msgtype === 'markdown') return console.log(`  ${b.markdown.content.replace(/\n/g, '\n  ')}`);
  if (b.msgtype === 'template_card') {
    const c = b.template_card;
    console.log(`  [卡片] ${c.main_title?.title}${c.main_title?.desc ? ` — ${c.main_title.desc}` : ''}`);
    for (const f of c.horizontal_content_list ?? []) console.log(`    ${f.keyname}: ${f.value}`);
    console.log(`    按钮: ${c.button_list.map((x: any) => (x.style === 1 ? `[${x.text}]` : x.text)).join('  ')}`);
    return;
  }
  console.log(`  ${JSON.stringify(b)}`);
}

try {
  for (const text of positionals) {
    console.log(`\n${values.user} → ${text}`);
    const before = fake.sent().length;
    await post(`${head('text')}<Content><![CDATA[${text}]]></Content><MsgId>${msgId++}</MsgId><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`);
    const replies = await waitForReplies(before);
    console.log('bot →');
    replies.forEach(show);
    const card = replies.map((r) => (r.body as any)?.template_card).find(Boolean);
    const button = values.choose && card?.button_list.find((b: any) => b.text.includes(values.choose));
    if (button) {
      console.log(`\n${values.user} 点了「${button.text}」`);
      const n = fake.sent().length;
      await post(`${head('event')}<Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${button.key}]]></EventKey><TaskId><![CDATA[${card.task_id}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[sim-${Date.now()}]]></ResponseCode><AgentID>${SIM.WECOM_AGENT_ID}</AgentID></xml>`);
      console.log('bot →');
      (await waitForReplies(n)).forEach(show);
    }
  }
} finally {
  await server?.stop();
  await fake.close();
}
