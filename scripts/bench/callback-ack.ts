// Ack latency and throughput for encrypted WeCom callbacks: the full server (verify, decrypt, inbox
// insert + job, with workers running) against a bare Koa server that only verifies, decrypts and
// answers 200 — the ceiling for this machine. Prints both and the ratio.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import getRawBody from 'raw-body';
import { buildEncryptedCallback } from '../../src/channels/wecom/callback-builder.js';
import { openCallback } from '../../src/channels/wecom/codec.js';
import { createWecomCrypto } from '../../src/channels/wecom/crypto.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startServer } from '../../src/server.js';
import { silentLogger } from '../../src/shared/logger.js';
import { startFakeWecomApi } from '../dev/fake-wecom-api.js';
import { runLoad, type LoadResult } from './load.js';

const SIM = {
  WECOM_CORP_ID: 'ww1436e0e65a779aee', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'bench-secret',
  WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
};
const crypto = createWecomCrypto({ token: SIM.WECOM_TOKEN, encodingAesKey: SIM.WECOM_ENCODING_AES_KEY, receiveId: SIM.WECOM_CORP_ID });

function makeBodies(n: number, users: number): { path: string; body: string }[] {
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: n }, (_, i) => {
    const xml = `<xml><ToUserName><![CDATA[${SIM.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[rep${i % users}]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content><MsgId>${8_000_000_000_000 + i}</MsgId><AgentID>1000002</AgentID></xml>`;
    const cb = buildEncryptedCallback(crypto, xml, { timestamp: now, nonce: String(100000 + i) });
    return { path: `/wecom/callback?${new URLSearchParams(cb.query)}`, body: cb.body };
  });
}

async function bareServer(): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use(async (ctx) => {
    const body = await getRawBody(ctx.req, { limit: 64 * 1024, encoding: 'utf8' });
    const q = ctx.query as Record<string, string>;
    openCallback(crypto, { msgSignature: q.msg_signature!, timestamp: q.timestamp!, nonce: q.nonce!, body }, { now: new Date(), maxSkewSeconds: 600 });
    ctx.status = 200;
    ctx.body = '';
  });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const fmt = (name: string, r: LoadResult) =>
  `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms   errors ${r.errors}`;

export async function benchCallbackAck(opts: { requests?: number; concurrency?: number } = {}): Promise<void> {
  const requests = opts.requests ?? Number(process.env.BENCH_REQUESTS ?? 2000);
  const concurrency = opts.concurrency ?? 32;
  console.log(`\n# WeCom callback ack: ${requests} requests, concurrency ${concurrency}`);

  const bare = await bareServer();
  await runLoad(bare.url, makeBodies(200, 50), concurrency); // warm-up
  const bareResult = await runLoad(bare.url, makeBodies(requests, 200), concurrency);
  await bare.close();
  console.log(fmt('bare Koa + decrypt + 200', bareResult));

  const targets: { name: string; env: Record<string, string> }[] = [{ name: 'full server (PGlite)', env: {} }];
  if (process.env.BENCH_DATABASE_URL) targets.push({ name: 'full server (PostgreSQL)', env: { DATABASE_URL: process.env.BENCH_DATABASE_URL } });
  for (const target of targets) {
    const dir = mkdtempSync(join(tmpdir(), 'zb-bench-'));
    const fake = await startFakeWecomApi();
    const config = loadConfig({ ...SIM, DATA_DIR: dir, PORT: '0', WECOM_API_BASE: fake.url, ...target.env });
    const server = await startServer(config, { logger: silentLogger() });
    await server.deps.db.execute('delete from inbox');
    const full = await runLoad(server.url, makeBodies(requests, 200), concurrency);
    console.log(fmt(target.name, full), `  ratio to bare: ${(full.rps / bareResult.rps).toFixed(2)}`);
    await server.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
