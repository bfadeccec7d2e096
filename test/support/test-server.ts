// Starts the whole server on a throwaway database with a fake WeCom API, and sends correctly signed and
// encrypted callbacks to it, the way WeCom does.
import { buildEncryptedCallback } from '../../src/channels/wecom/callback-builder.js';
import { createWecomCrypto, type WecomCrypto } from '../../src/channels/wecom/crypto.js';
import { createLanguage } from '../../src/app/nlp/create-language.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.js';
import type { FakeWecomBot } from '../../scripts/dev/fake-wecom-bot.js';
import { silentLogger, createLogger } from '../../src/shared/logger.js';
import type { Clock } from '../../src/shared/clock.js';
import { startFakeWecomApi, type FakeWecomApi } from '../../scripts/dev/fake-wecom-api.js';
import { startFakeDingtalkApi, type FakeDingtalkApi } from '../../scripts/dev/fake-dingtalk-api.js';
import { dingtalkSign } from '../../src/channels/dingtalk/sign.js';
import { createTestDb, type TestDb } from './test-db.js';
import type { Database } from '../../src/store/database.js';

/** Official sample credentials (platforms.md vector A) so fixtures look like real WeCom traffic. */
export const WECOM = {
  corpId: 'ww1436e0e65a779aee',
  agentId: '1000002',
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  secret: 'test-secret',
};
export const ADMIN_TOKEN = 'test-admin-token';

/** A WeCom AI bot as the admin console shows it (made-up values of the real shapes). */
export const WECOM_BOT = { botId: 'aibZbTestBot01', secret: 'zb-test-bot-secret-0123456789abcdef' };

/** A DingTalk internal app as the developer console shows it (made-up values of the real shapes). */
export const DINGTALK = {
  appKey: 'dingzb7x3kq9wlfmtest',
  appSecret: 'Hq3v9ZbT0xY7nR2kLmP5sW8dF1gJ4cA6eB9uI0oK3tN7yX2zQ5rV8wE1aD4fG7h',
  corpId: 'ding9f50b15bccd16741',
};

export interface TestServer {
  server: RunningServer;
  fake: FakeWecomApi;
  /** The fake api.dingtalk.com + oapi.dingtalk.com. */
  dingtalk: FakeDingtalkApi;
  crypto: WecomCrypto;
  db: Database;
  config: AppConfig;
  /** POSTs a callback carrying this decrypted XML; returns status and body. */
  postCallback(xml: string, opts?: { timestamp?: number; nonce?: string }): Promise<{ status: number; body: string }>;
  /** POSTs a DingTalk robot message signed with the app secret (or the given headers). */
  postDingtalk(body: object, opts?: { timestamp?: string; sign?: string }): Promise<{ status: number; body: string }>;
  api(path: string, token?: string): Promise<{ status: number; json: any }>;
  /** Sends a JSON body to the admin API with the admin token. */
  send(method: string, path: string, body: unknown): Promise<{ status: number; json: any }>;
  /** Restarts the server process state on the same database (crash/restart tests), optionally reconfigured. */
  restart(opts?: { workers?: boolean; config?: Partial<AppConfig> }): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestServer(
  opts: {
    workers?: boolean; clock?: Clock; testDb?: TestDb; env?: Record<string, string>; dingtalk?: FakeDingtalkApi;
    /** A folder with every config/*.jsonc file (a custom stage file, say) instead of the repository's config/. */
    configDir?: string;
    /** Connect the WeCom AI bot channel to this fake long-connection server (WECOM_BOT_* set for it). */
    wecomBot?: FakeWecomBot;
    wecomBotTimings?: ServerOptions['wecomBotTimings'];
  } = {},
): Promise<TestServer> {
  const testDb = opts.testDb ?? (await createTestDb());
  const fake = await startFakeWecomApi({ corpId: WECOM.corpId, secret: WECOM.secret });
  // Instances sharing a database share the DingTalk fake too: any of them may deliver a reply.
  const dingtalk = opts.dingtalk ?? (await startFakeDingtalkApi({ appKey: DINGTALK.appKey, appSecret: DINGTALK.appSecret, robotCode: DINGTALK.appKey }));
  let config = loadConfig(
    {
      PORT: '0',
      WECOM_CORP_ID: WECOM.corpId,
      WECOM_AGENT_ID: WECOM.agentId,
      WECOM_SECRET: WECOM.secret,
      WECOM_TOKEN: WECOM.token,
      WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey,
      WECOM_API_BASE: fake.url,
      DINGTALK_APP_KEY: DINGTALK.appKey,
      DINGTALK_APP_SECRET: DINGTALK.appSecret,
      DINGTALK_CORP_ID: DINGTALK.corpId,
      DINGTALK_API_BASE: dingtalk.url,
      DINGTALK_OAPI_BASE: dingtalk.url,
      ADMIN_TOKEN,
      ...(opts.wecomBot ? { WECOM_BOT_ID: WECOM_BOT.botId, WECOM_BOT_SECRET: WECOM_BOT.secret, WECOM_BOT_WS_URL: opts.wecomBot.url } : {}),
      ...opts.env,
    },
    {
      worker: {
        pollingIntervalSeconds: 0.5,
        inboxMaxAttempts: 3,
        outbox: { maxAttempts: 4, retryBaseMs: 100, rateLimitBaseMs: 300, perRecipientPerMinute: 28, perRobotPerMinute: 18 },
        sweepIntervalSeconds: 1,
      },
      ...(opts.configDir ? { paths: { configDir: opts.configDir } } : {}),
    },
  );
  const logger = process.env.ZB_TEST_LOG ? createLogger({ level: process.env.ZB_TEST_LOG }) : silentLogger();
  const language = createLanguage(config.paths.configDir);
  const crypto = createWecomCrypto({ token: WECOM.token, encodingAesKey: WECOM.encodingAesKey, receiveId: WECOM.corpId });
  const wecomBotTimings = opts.wecomBotTimings;
  let server = await startServer(config, { logger, language, db: testDb.db, clock: opts.clock, workers: opts.workers, schedules: false, wecomBotTimings });
  let nonce = 1000;

  const harness: TestServer = {
    get server() {
      return server;
    },
    fake,
    dingtalk,
    crypto,
    db: testDb.db,
    get config() {
      return config;
    },
    async postCallback(xml, o = {}) {
      const timestamp = o.timestamp ?? Math.floor((opts.clock?.now() ?? new Date()).getTime() / 1000);
      const cb = buildEncryptedCallback(crypto, xml, { timestamp, nonce: o.nonce ?? String(nonce++) });
      const res = await fetch(`${server.url}/wecom/callback?${new URLSearchParams(cb.query)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body: cb.body,
      });
      return { status: res.status, body: await res.text() };
    },
    async postDingtalk(body, o = {}) {
      const timestamp = o.timestamp ?? String((opts.clock?.now() ?? new Date()).getTime());
      const sign = o.sign ?? dingtalkSign(timestamp, DINGTALK.appSecret);
      const res = await fetch(`${server.url}/dingtalk/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', timestamp, sign },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.text() };
    },
    async api(path, token = ADMIN_TOKEN) {
      const res = await fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    async send(method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    async restart(r = {}) {
      await server.stop();
      if (r.config) config = { ...config, ...r.config };
      server = await startServer(config, { logger, language, db: testDb.db, clock: opts.clock, workers: r.workers, schedules: false, wecomBotTimings });
    },
    async stop() {
      await server.stop();
      await fake.close();
      if (!opts.dingtalk) await dingtalk.close();
      if (!opts.testDb) await testDb.cleanup();
    },
  };
  return harness;
}

/** Polls until the predicate holds (or throws after the timeout): the worker is asynchronous. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let msgId = BigInt('7300000000000000000');

export function textXml(from: string, content: string, createTime = Math.floor(Date.now() / 1000), id?: string): string {
  const mid = id ?? String(msgId++);
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${mid}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

export function cardClickXml(from: string, taskId: string, key: string, createTime = Math.floor(Date.now() / 1000)): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-${taskId}-${key}]]></ResponseCode><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

export function imageXml(from: string, createTime = Math.floor(Date.now() / 1000)): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://p.qpic.cn/x]]></PicUrl><MediaId><![CDATA[media-1]]></MediaId><MsgId>${String(msgId++)}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}

export function voiceXml(from: string, mediaId: string, createTime = Math.floor(Date.now() / 1000)): string {
  return `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[${mediaId}]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>${String(msgId++)}</MsgId><AgentID>${WECOM.agentId}</AgentID></xml>`;
}
