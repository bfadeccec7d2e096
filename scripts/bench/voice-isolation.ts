// Do voice notes stall other callbacks? (issue 12: 5 MB of junk AMR froze every request for ~8 s.)
// Encrypted WeCom text callbacks arrive at a fixed rate (open loop: latency is counted from when a
// request was due, so a stalled event loop shows up in full) while a voice note is processed in the
// same process; prints the ack p50/p99/max of those callbacks for each case, and the longest time the
// event loop was held.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildEncryptedCallback } from '../../src/channels/wecom/callback-builder.js';
import { createWecomCrypto } from '../../src/channels/wecom/crypto.js';
import { loadConfig } from '../../src/config/load-config.js';
import { amrToWav } from '../../src/providers/audio/amr-to-wav.js';
import { startServer } from '../../src/server.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { Queryable } from '../../src/store/database.js';
import { startFakeModelApi } from '../dev/fake-model-api.js';
import { startFakeWecomApi } from '../dev/fake-wecom-api.js';

const SIM = {
  WECOM_CORP_ID: 'ww1436e0e65a779aee', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'bench-secret',
  WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
};
const crypto = createWecomCrypto({ token: SIM.WECOM_TOKEN, encodingAesKey: SIM.WECOM_ENCODING_AES_KEY, receiveId: SIM.WECOM_CORP_ID });
const RATE_PER_SECOND = 50;
const MIN_WINDOW_MS = 2000;
const MB = 1024 * 1024;

let msgId = 9_000_000_000_000;

function callback(xmlBody: string): { path: string; body: string } {
  const now = Math.floor(Date.now() / 1000);
  const xml = `<xml><ToUserName><![CDATA[${SIM.WECOM_CORP_ID}]]></ToUserName>${xmlBody}<CreateTime>${now}</CreateTime><MsgId>${msgId++}</MsgId><AgentID>1000002</AgentID></xml>`;
  const cb = buildEncryptedCallback(crypto, xml, { timestamp: now, nonce: String(msgId) });
  return { path: `/wecom/callback?${new URLSearchParams(cb.query)}`, body: cb.body };
}
const textCallback = (i: number) => callback(`<FromUserName><![CDATA[ack${i % 50}]]></FromUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[帮助]]></Content>`);
const voiceCallback = (user: string, mediaId: string) =>
  callback(`<FromUserName><![CDATA[${user}]]></FromUserName><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[${mediaId}]]></MediaId><Format><![CDATA[amr]]></Format>`);

function post(agent: Agent, base: URL, item: { path: string; body: string }): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: base.hostname, port: base.port, path: item.path, method: 'POST', agent, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(item.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(item.body);
  });
}

interface Acks { n: number; errors: number; p50: number; p99: number; max: number; processingMs: number; loopDelayMaxMs: number }

/** Text callbacks every 1/RATE s until `work` has finished and at least MIN_WINDOW_MS have passed. */
async function acksDuring(url: string, work: () => Promise<unknown>): Promise<Acks> {
  const base = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const bodies = Array.from({ length: 4000 }, (_, i) => textCallback(i)); // encrypted up front, off the clock
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  let endAt = Infinity;
  // How long the event loop itself was held: what a decode on the main thread costs everyone else,
  // apart from database queueing (PGlite has one connection, shared with the job workers).
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const finished = work().then(() => performance.now() - started);
  void finished.then((ms) => (endAt = started + Math.max(ms, MIN_WINDOW_MS)), () => (endAt = 0));
  // Every request due before the end is sent, late ones at once: a stall is counted, not skipped.
  for (let i = 0; ; i++) {
    const due = started + (i * 1000) / RATE_PER_SECOND;
    if (due > endAt) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(post(agent, base, bodies[i % bodies.length]!).then((status) => {
      if (status !== 200) errors++;
      latencies.push(performance.now() - due);
    }));
  }
  const processingMs = await finished;
  await Promise.all(inFlight);
  loop.disable();
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { n: latencies.length, errors, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? 0, processingMs, loopDelayMaxMs: loop.max / 1e6 };
}

const fmt = (name: string, a: Acks) =>
  `${name.padEnd(66)} acks ${String(a.n).padStart(4)}  p50 ${a.p50.toFixed(1).padStart(6)} ms  p99 ${a.p99.toFixed(1).padStart(7)} ms  ` +
  `max ${a.max.toFixed(0).padStart(5)} ms  errors ${a.errors}  event loop blocked ≤ ${a.loopDelayMaxMs.toFixed(0).padStart(4)} ms  (voice work ${a.processingMs.toFixed(0)} ms)`;

/** `#!AMR` + random bytes: what "5 MB of junk AMR" means in issue 12. */
const junkAmr = (bytes: number) => Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), randomBytes(bytes)]);
/** A 12.2 kbit/s note of `seconds` with random payloads: decodes at full cost, like real speech. */
const speechAmr = (seconds: number) =>
  Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), ...Array.from({ length: seconds * 50 }, () => Buffer.concat([Buffer.from([0x3c]), randomBytes(31)]))]);

/** Until the text callbacks of the previous case are processed, so each case starts from an empty inbox. */
async function drained(db: Queryable): Promise<void> {
  const pending = async () => (await db.query<{ n: number }>(`select count(*)::int as n from inbox where status = 'pending'`))[0]!.n;
  while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 100));
}

/** Until the note is settled (its reply is queued in the outbox; delivery is not what is measured). */
async function noteSettled(db: Queryable, user: string): Promise<void> {
  const settled = async () => (await db.query(
    `select 1 from report_notes n join inbox i on i.id = n.inbox_id where i.event->>'senderId' = $1 and n.status in ('failed', 'drafted')`, [user])).length > 0;
  while (!(await settled())) await new Promise((r) => setTimeout(r, 50));
}

export async function benchVoiceIsolation(): Promise<void> {
  console.log(`\n# Ack latency of WeCom callbacks (${RATE_PER_SECOND}/s, open loop, PGlite) while a voice note is processed`);
  const dir = mkdtempSync(join(tmpdir(), 'zb-bench-voice-'));
  const fake = await startFakeWecomApi({ corpId: SIM.WECOM_CORP_ID, secret: SIM.WECOM_SECRET });
  const model = await startFakeModelApi();
  const config = loadConfig({ ...SIM, DATA_DIR: dir, PORT: '0', WECOM_API_BASE: fake.url, ASR_BASE_URL: model.url, ASR_API_KEY: 'bench' });
  const server = await startServer(config, { logger: silentLogger() });
  try {
    // Warm-up, not printed: the decoder thread's start-up and the server's first requests are not measured.
    await amrToWav(speechAmr(1));
    await acksDuring(server.url, async () => undefined);
    await drained(server.deps.db);
    console.log(fmt('no voice note (baseline)', await acksDuring(server.url, async () => undefined)));

    await drained(server.deps.db);
    fake.media.set('junk-5mb', { bytes: junkAmr(5 * MB), contentType: 'voice/amr' });
    // Posted first, so its job is not queued behind the text callbacks of the window.
    await post(new Agent(), new URL(server.url), voiceCallback('voice-junk', 'junk-5mb'));
    console.log(fmt('5 MB junk AMR over WeCom (refused at the 2 MB download cap)', await acksDuring(server.url, () => noteSettled(server.deps.db, 'voice-junk'))));

    const junk = junkAmr(5 * MB);
    await drained(server.deps.db);
    console.log(fmt('5 MB junk AMR at the decoder (DingTalk path: frame count refuses)', await acksDuring(server.url, () => amrToWav(junk).catch(() => null))));

    const longest = Array.from({ length: 8 }, () => speechAmr(120));
    await drained(server.deps.db);
    console.log(fmt('8 notes of 120 s decoded in the worker thread', await acksDuring(server.url, () => Promise.all(longest.map((b) => amrToWav(b))))));
    // For contrast only: the same decoding on the event loop, as before issue 12.
    const { default: decodeAmr } = await import('@audio/decode-amr'); // loaded here only, never by the server
    await drained(server.deps.db);
    console.log(fmt('  the same 8 decoded on the main thread (before)', await acksDuring(server.url, async () => {
      for (const b of longest) await decodeAmr(b);
    })));

    if (process.env.BENCH_AUDIO_UNCAPPED) {
      // ~6 s and ~1 GB RSS: the whole junk file decoded, as if there were no duration cap.
      await drained(server.deps.db);
      console.log(fmt('5 MB junk AMR decoded in full in the worker (no cap)', await acksDuring(server.url, () => amrToWav(junk, { maxSeconds: Infinity }))));
    }
  } finally {
    await server.stop();
    await fake.close();
    await model.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
