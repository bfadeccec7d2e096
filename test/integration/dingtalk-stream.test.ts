// DingTalk Stream mode against the local fake gateway (scripts/dev/fake-dingtalk-stream.ts): acks only after
// the inbox write, re-delivery when it fails, one connection per lease, reconnects, and a clean stop().
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDingtalkStream, TOPIC_ROBOT, type FakeDingtalkStream } from '../../scripts/dev/fake-dingtalk-stream.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { startDingtalkStream, type DingtalkStream, type DingtalkStreamOptions, type StreamLease } from '../../src/channels/dingtalk/stream.js';

const APP_KEY = 'dingappkeyfake001';
const APP_SECRET = 'app-secret-not-real-0123456789';
const BODY = {
  msgtype: 'text', msgId: 'msgFAKE001', createAt: 1740790800000, conversationType: '1', conversationId: 'cidFAKE',
  senderStaffId: 'staff-1', senderCorpId: 'dingcorp', chatbotCorpId: 'dingcorp', text: { content: ' 今天见了宏达塑业 ' },
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=abc', sessionWebhookExpiredTime: 1740796200000,
};

/** One row of a leases table, in memory: first come holds it until it releases or lets it expire. */
class MemoryLeaseStore {
  holder: string | null = null;
  expiresAt = 0;
  constructor(private readonly ttlMs = 1_000) {}

  lease(id: string): StreamLease {
    return {
      tryAcquire: async () => {
        const now = Date.now();
        if (this.holder !== null && this.holder !== id && this.expiresAt > now) return false;
        this.holder = id;
        this.expiresAt = now + this.ttlMs;
        return true;
      },
      renew: async () => {
        const now = Date.now();
        if (this.holder !== id || this.expiresAt <= now) return false;
        this.expiresAt = now + this.ttlMs;
        return true;
      },
      release: async () => {
        if (this.holder === id) this.holder = null;
      },
    };
  }

  /** Another instance takes over (as after our lease expired unnoticed). */
  steal(): void {
    this.holder = 'someone-else';
    this.expiresAt = Date.now() + 60_000;
  }
}

function deferred(): { promise: Promise<void>; resolve(): void; reject(e: Error): void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

let fake: FakeDingtalkStream;
let store: MemoryLeaseStore;
let logLines: string[];
let logger: Logger;
const running: DingtalkStream[] = [];

beforeEach(async () => {
  fake = await startFakeDingtalkStream({ appKey: APP_KEY, appSecret: APP_SECRET });
  store = new MemoryLeaseStore();
  logLines = [];
  logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await fake.close();
});

async function start(overrides: Partial<DingtalkStreamOptions> & { id?: string } = {}): Promise<DingtalkStream> {
  const { id = 'instance-a', ...rest } = overrides;
  const s = await startDingtalkStream({
    apiBase: fake.url,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    logger,
    lease: store.lease(id),
    onRobotMessage: async () => undefined,
    leaseRetryMs: 100,
    leaseRenewMs: 100,
    reconnectMinMs: 50,
    reconnectMaxMs: 400,
    ...rest,
  });
  running.push(s);
  return s;
}

async function connected(s: DingtalkStream, connections = 1): Promise<void> {
  await waitUntil(() => s.isConnected(), 3_000, 'the client to connect');
  await fake.waitForConnections(connections, 3_000);
}

function logs(): Array<Record<string, unknown>> {
  return logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('robot messages and acks', () => {
  it('hands the parsed body to onRobotMessage and acks with 200 only after it resolved', async () => {
    const received: unknown[] = [];
    const store = deferred();
    const s = await start({ onRobotMessage: async (d) => { received.push(d); await store.promise; } });
    await connected(s);

    const messageId = await fake.pushRobotMessage(BODY);
    await waitUntil(() => received.length === 1, 2_000, 'onRobotMessage');
    expect(received[0]).toEqual(BODY);
    await sleep(150);
    expect(fake.acks()).toEqual([]);

    store.resolve();
    const ack = await fake.waitForAck(messageId, 2_000);
    expect(ack).toMatchObject({
      messageId, code: 200, message: 'OK',
      headers: { contentType: 'application/json', messageId },
      data: { response: { status: 'SUCCESS' } },
    });
  });

  it('does not ack when onRobotMessage throws; the re-delivery is stored and acked once', async () => {
    const calls: unknown[] = [];
    const s = await start({
      onRobotMessage: async (d) => {
        calls.push(d);
        if (calls.length === 1) throw new Error('inbox unavailable');
      },
    });
    await connected(s);

    const messageId = await fake.pushRobotMessage(BODY);
    await waitUntil(() => calls.length === 1, 2_000, 'the first delivery');
    await sleep(150);
    expect(fake.acks()).toEqual([]);
    expect(logs().some((l) => l.level === 50 && String(l.msg).includes('not acked') && l.messageId === messageId)).toBe(true);

    expect(await fake.redeliverUnacked()).toBe(1);
    await fake.waitForAck(messageId, 2_000);
    await sleep(100);
    expect(calls).toEqual([BODY, BODY]);
    expect(fake.acks().filter((a) => a.messageId === messageId)).toHaveLength(1);
    expect(await fake.redeliverUnacked()).toBe(0);
  });

  it('acks malformed data as rejected (not re-delivered forever) without calling onRobotMessage or logging the content', async () => {
    let calls = 0;
    const s = await start({ onRobotMessage: async () => void calls++ });
    await connected(s);

    const messageId = await fake.pushCallbackData('{"text":{"content":"客户电话 13812345678"');
    const ack = await fake.waitForAck(messageId, 2_000);
    expect(ack).toMatchObject({ code: 200, data: { response: { status: 'REJECTED', reason: 'malformed_data' } } });
    expect(calls).toBe(0);
    const warn = logs().find((l) => l.level === 40 && l.messageId === messageId);
    expect(warn?.reason).toMatch(/not valid JSON/);
    expect(logLines.join('\n')).not.toContain('13812345678');
  });

  it('does not ack on a connection that died while the message was being stored; the re-delivery is acked', async () => {
    const gate = deferred();
    let calls = 0;
    const s = await start({
      onRobotMessage: async () => {
        calls++;
        if (calls === 1) await gate.promise;
      },
    });
    await connected(s);
    const messageId = await fake.pushRobotMessage(BODY);
    await waitUntil(() => calls === 1, 2_000, 'the first delivery');

    fake.dropConnections();
    await waitUntil(() => !s.isConnected(), 2_000, 'the drop');
    gate.resolve();
    await connected(s);
    expect(fake.acks()).toEqual([]);

    await fake.redeliverUnacked();
    await fake.waitForAck(messageId, 2_000);
    expect(calls).toBe(2);
  });

  it('lets stores in flight finish and acks them during stop()', async () => {
    const gate = deferred();
    const s = await start({ onRobotMessage: () => gate.promise });
    await connected(s);
    const messageId = await fake.pushRobotMessage(BODY);
    await sleep(50);

    const stopping = s.stop();
    setTimeout(() => gate.resolve(), 50);
    await stopping;
    expect(fake.acks().map((a) => a.messageId)).toEqual([messageId]);
    expect(fake.connections()).toBe(0);
  });

  it('answers the gateway ping with the SDK echo', async () => {
    const s = await start();
    await connected(s);
    const messageId = await fake.sendSystem('ping', { opaque: 'p-1' });
    await waitUntil(() => fake.systemReplies().length === 1, 2_000, 'the ping echo');
    expect(fake.systemReplies()[0]).toMatchObject({ messageId, code: 200, message: 'OK', data: { opaque: 'p-1' }, headers: { topic: 'ping' } });
  });
});

describe('gateway open call', () => {
  it('POSTs to apiBase with the SDK body, subscribing to robot messages only', async () => {
    const s = await start();
    await connected(s);
    expect(fake.openRequests()).toEqual([
      { clientId: APP_KEY, ua: '', subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }], accept: 'application/json', ok: true },
    ]);
  });

  it('refuses to start without credentials', async () => {
    await expect(start({ appSecret: '' })).rejects.toMatchObject({ code: 'dingtalk_stream_config' });
    expect(fake.openRequests()).toEqual([]);
  });

  it('keeps retrying with backoff on bad credentials and never logs the secret or a ticket', async () => {
    const s = await start({ appSecret: 'wrong-secret-value-42' });
    await waitUntil(() => fake.openRequests().length >= 3, 3_000, 'three open attempts');
    expect(s.isConnected()).toBe(false);
    expect(s.holdsLease()).toBe(true);
    const failures = logs().filter((l) => l.msg === 'dingtalk stream connect failed');
    expect(failures[0]).toMatchObject({ attempt: 1, reason: 'gateway open failed: HTTP 401 InvalidAuthentication' });
    expect(logLines.join('\n')).not.toContain('wrong-secret-value-42');
  });

  it('logs neither the app secret nor any ticket over a whole session', async () => {
    const s = await start();
    await connected(s);
    await fake.waitForAck(await fake.pushRobotMessage(BODY), 2_000);
    fake.dropConnections();
    await waitUntil(() => fake.openCalls() === 2 && s.isConnected(), 3_000, 'a reconnect');
    await s.stop();

    const all = logLines.join('\n');
    expect(fake.tickets()).toHaveLength(2);
    for (const t of fake.tickets()) expect(all).not.toContain(t);
    expect(all).not.toContain(APP_SECRET);
    expect(all).not.toContain('ticket=');
  });
});

describe('lease', () => {
  it('lets only the holder connect; the other instance connects within its retry interval after the holder stops', async () => {
    const a = await start({ id: 'a' });
    await connected(a);
    const b = await start({ id: 'b' });
    await sleep(350);
    expect(a.holdsLease()).toBe(true);
    expect(b.holdsLease()).toBe(false);
    expect(b.isConnected()).toBe(false);
    expect(fake.connections()).toBe(1);
    expect(fake.openCalls()).toBe(1);

    await a.stop();
    expect(store.holder).toBeNull();
    const stoppedAt = Date.now();
    await waitUntil(() => b.isConnected(), 2_000, 'b to take over');
    expect(Date.now() - stoppedAt).toBeLessThan(1_000); // next retry (≤100 ms) + one connect, with slack for slow CI
    expect(b.holdsLease()).toBe(true);
    expect(fake.connections()).toBe(1);
    expect(fake.openCalls()).toBe(2);
  });

  it('disconnects at once when renew() says the lease is lost, and stays off while someone else holds it', async () => {
    const s = await start();
    await connected(s);
    store.steal();
    await waitUntil(() => !s.isConnected() && fake.connections() === 0, 1_000, 'the disconnect');
    expect(s.holdsLease()).toBe(false);
    await sleep(400);
    expect(fake.connections()).toBe(0);
    expect(fake.openCalls()).toBe(1);
    expect(logs().some((l) => l.msg === 'dingtalk stream lease lost; disconnecting')).toBe(true);
  });

  it('survives one failed renew but disconnects after repeated failures', async () => {
    const inner = store.lease('flaky');
    let failing = 1;
    const lease: StreamLease = {
      tryAcquire: () => inner.tryAcquire(),
      renew: async () => {
        if (failing > 0) {
          failing--;
          throw new Error('db timeout');
        }
        return inner.renew();
      },
      release: () => inner.release(),
    };
    const s = await start({ lease, leaseRenewMaxFailures: 2 });
    await connected(s);
    await sleep(350); // one failure, then successes
    expect(s.isConnected()).toBe(true);
    expect(s.holdsLease()).toBe(true);

    failing = 2;
    await waitUntil(() => !s.isConnected() && fake.connections() === 0, 1_000, 'the disconnect');
    expect(s.holdsLease()).toBe(false);
  });
});

describe('reconnects', () => {
  it('reconnects with a fresh ticket when the gateway drops the socket, and keeps delivering', async () => {
    const received: unknown[] = [];
    const s = await start({ onRobotMessage: async (d) => void received.push(d) });
    await connected(s);
    fake.dropConnections();
    await waitUntil(() => fake.openCalls() === 2 && s.isConnected(), 2_000, 'the reconnect');
    await fake.waitForConnections(1, 1_000);

    const messageId = await fake.pushRobotMessage(BODY);
    await fake.waitForAck(messageId, 2_000);
    expect(received).toEqual([BODY]);
  });

  it('reconnects at once when the gateway announces a disconnect, but backs off if it keeps doing so', async () => {
    const s = await start({ reconnectMinMs: 10_000, reconnectMaxMs: 10_000 });
    await connected(s);
    await fake.sendSystem('disconnect');
    await waitUntil(() => fake.openCalls() === 2 && s.isConnected(), 2_000, 'the immediate reconnect');
    await fake.waitForConnections(1, 2_000);

    await fake.sendSystem('disconnect'); // again, on a connection only milliseconds old
    await waitUntil(() => !s.isConnected(), 2_000, 'the second close');
    await sleep(300);
    expect(fake.openCalls()).toBe(2);
  });

  it('drops a connection whose pongs stopped (half-open TCP) and reconnects', async () => {
    const s = await start({ heartbeatMs: 100 });
    await connected(s);
    fake.freezeConnections();
    await waitUntil(() => fake.openCalls() === 2 && s.isConnected(), 3_000, 'the heartbeat reconnect');
    expect(logs().some((l) => String(l.msg).includes('missed a pong'))).toBe(true);
    const messageId = await fake.pushRobotMessage(BODY);
    await fake.waitForAck(messageId, 2_000);
  });
});

describe('stop()', () => {
  it('does not reconnect when called during the reconnect wait (the SDK would)', async () => {
    const s = await start({ reconnectMinMs: 200, reconnectMaxMs: 200 });
    await connected(s);
    fake.dropConnections();
    await waitUntil(() => !s.isConnected(), 1_000, 'the drop');
    await s.stop();
    await sleep(500);
    expect(fake.openCalls()).toBe(1);
    expect(fake.connections()).toBe(0);
    expect(store.holder).toBeNull();
  });

  it('cancels a connect whose gateway open call is still in flight', async () => {
    fake.delayOpen(300);
    const s = await start();
    await sleep(50);
    await s.stop();
    await sleep(500);
    expect(fake.connections()).toBe(0);
    expect(fake.openRequests()).toHaveLength(1);
    expect(s.isConnected()).toBe(false);
  });

  it('is idempotent and leaves nothing running: a process that stops it exits by itself, with nothing on the console', () => {
    const url = (p: string) => pathToFileURL(join(repoRoot(), p)).href;
    const script = `
      import { startFakeDingtalkStream } from ${JSON.stringify(url('scripts/dev/fake-dingtalk-stream.ts'))};
      import { startDingtalkStream } from ${JSON.stringify(url('src/channels/dingtalk/stream.ts'))};
      import { silentLogger } from ${JSON.stringify(url('src/shared/logger.ts'))};
      const fake = await startFakeDingtalkStream({ appKey: 'k', appSecret: 's' });
      let holder = null;
      const lease = { tryAcquire: async () => (holder = 'me', true), renew: async () => true, release: async () => { holder = null; } };
      const s = await startDingtalkStream({ apiBase: fake.url, appKey: 'k', appSecret: 's', logger: silentLogger(), lease,
        onRobotMessage: async () => {}, leaseRetryMs: 100, leaseRenewMs: 100 });
      await fake.waitForConnections(1, 5000);
      await fake.waitForAck(await fake.pushRobotMessage({ msgId: 'm1' }), 5000);
      fake.dropConnections(); // a reconnect is pending when stop() comes
      await Promise.all([s.stop(), s.stop()]);
      await fake.close();
      process.stdout.write('stopped holder=' + holder);
    `;
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot(), encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('stopped holder=null'); // no SDK "connect success" / "Disconnecting." lines
    expect(r.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
