// The WeCom AI-bot link against the fake long-connection server (scripts/dev/fake-wecom-bot.ts) on a real database:
// lease-held connection, auth failures and timeouts, heartbeat loss, disconnected_event, lease hand-over, frames
// queued during a drop, reply/send/upload with refusals as WecomBotError, and a draining stop().
import { pino, type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeWecomBot, WECOM_BOT_ERR, type FakeWecomBot } from '../../scripts/dev/fake-wecom-bot.js';
import {
  startWecomBotLink, WecomBotError, type WecomBotFrame, type WecomBotLink, type WecomBotLinkOptions, type WecomBotLinkState,
} from '../../src/channels/wecom-bot/link.js';
import { ensureTenant } from '../../src/store/repos/tenants-repo.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const BOT_ID = 'aibFAKEbot0001';
const SECRET = 'bot-secret-not-real-0123456789';
const LEASE = `wecom-bot:${BOT_ID}`;
const TIMINGS = {
  leaseTtlMs: 1_500, leaseRenewMs: 100, authTimeoutMs: 250, authRetryMs: 600, displacedCooldownMs: 800, heartbeatMs: 60, reconnectBaseMs: 20,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => {
    resolve = res;
  });
  return { promise, resolve };
}

let tdb: TestDb;
let fake: FakeWecomBot;
let logLines: string[];
let logger: Logger;
let received: WecomBotFrame[];
const running: WecomBotLink[] = [];

beforeEach(async () => {
  tdb = await createTestDb();
  await ensureTenant(tdb.db, 'default', 'Default');
  fake = await startFakeWecomBot({ botId: BOT_ID, secret: SECRET });
  logLines = [];
  logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  received = [];
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((l) => l.stop()));
  await fake.stop();
  await tdb.cleanup();
});

function start(over: Partial<WecomBotLinkOptions> = {}): WecomBotLink {
  const link = startWecomBotLink({
    botId: BOT_ID,
    secret: SECRET,
    wsUrl: fake.url,
    db: tdb.db,
    holder: 'host-a:1:aaaa',
    logger,
    onFrame: async (f) => void received.push(f),
    timings: TIMINGS,
    ...over,
  });
  running.push(link);
  return link;
}

async function reachState(link: WecomBotLink, s: WecomBotLinkState, timeoutMs = 3_000): Promise<void> {
  await waitUntil(() => link.state() === s, timeoutMs, `state ${s} (now ${link.state()})`);
}

async function leaseHolder(): Promise<string | null> {
  const rows = await tdb.db.query<{ holder: string }>('select holder from leases where name = $1', [LEASE]);
  return rows[0]?.holder ?? null;
}

function logs(): Array<Record<string, unknown>> {
  return logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function refusal(p: Promise<unknown>): Promise<WecomBotError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(WecomBotError);
  return e as WecomBotError;
}

describe('connection', () => {
  it('takes the lease, subscribes with bot_id and secret, and never logs the secret', async () => {
    const link = start();
    await reachState(link, 'linked');
    await fake.waitForConnections(1);
    expect(await leaseHolder()).toBe('host-a:1:aaaa');
    const sub = fake.frames().find((f) => f.cmd === 'aibot_subscribe');
    expect(sub?.body).toMatchObject({ bot_id: BOT_ID, secret: SECRET });
    await fake.waitForFrame((f) => f.cmd === 'ping' && f.errcode === 0);
    expect(logLines.join('\n')).not.toContain(SECRET);
  });

  it('pauses as auth_failed after repeated refusals, then links once the credentials work', async () => {
    fake.refuseAuth('errcode');
    const link = start();
    await reachState(link, 'auth_failed');
    expect(fake.authAttempts()).toBe(3);
    expect(logs().some((l) => l.level === 50 && String(l.msg).includes('auth failed'))).toBe(true);
    await sleep(300);
    expect(fake.authAttempts()).toBe(3); // no retries during the pause
    fake.refuseAuth(false);
    await reachState(link, 'linked', 3_000);
    expect(fake.connections()).toBe(1);
  });

  it('times out an auth answer that never comes (refusal without req_id) and counts it as a failure', async () => {
    fake.refuseAuth('no_req_id');
    const link = start();
    await reachState(link, 'auth_failed', 4_000);
    expect(fake.authAttempts()).toBe(3);
    // The zombie sockets were closed (the server hears of a close a moment after the link gives up).
    await waitUntil(() => fake.sockets() === 0, 2_000, 'the zombie sockets to close');
    fake.refuseAuth(false);
    await reachState(link, 'linked', 3_000);
  });

  it('reconnects after heartbeat loss', async () => {
    const link = start();
    await reachState(link, 'linked');
    const before = fake.authAttempts();
    fake.setPingAcks(false);
    await waitUntil(() => fake.authAttempts() > before, 3_000, 'a reconnect');
    fake.setPingAcks(true);
    await reachState(link, 'linked');
    await sleep(400);
    expect(link.state()).toBe('linked');
    expect(fake.connections()).toBe(1);
  });

  it('reconnects after the server drops the socket', async () => {
    const link = start();
    await reachState(link, 'linked');
    fake.dropConnections();
    await waitUntil(() => fake.authAttempts() === 2, 3_000, 'a reconnect');
    await reachState(link, 'linked');
  });

  it('on disconnected_event stays down for the cool-down, keeps the lease, then comes back', async () => {
    const link = start();
    await reachState(link, 'linked');
    const attempts = fake.authAttempts();
    fake.displace();
    await reachState(link, 'displaced');
    await sleep(500); // inside the 800 ms cool-down, several lease renewals
    expect(link.state()).toBe('displaced');
    expect(fake.authAttempts()).toBe(attempts);
    expect(fake.sockets()).toBe(0);
    expect(await leaseHolder()).toBe('host-a:1:aaaa');
    await reachState(link, 'linked', 2_000);
    expect(fake.authAttempts()).toBe(attempts + 1);
    expect(received).toEqual([]); // disconnected_event is not a frame for the inbox
  });

  it('disconnects when the lease is taken away', async () => {
    const link = start();
    await reachState(link, 'linked');
    await tdb.db.execute(`update leases set holder = 'someone-else', expires_at = now() + interval '1 hour' where name = $1`, [LEASE]);
    await reachState(link, 'waiting_lease');
    await waitUntil(() => fake.sockets() === 0, 2_000, 'the socket to close');
  });
});

describe('two instances on one database', () => {
  it('keeps one connection at a time and hands over when the holder stops', async () => {
    const a = start({ holder: 'host-a:1:aaaa' });
    await reachState(a, 'linked');
    const b = start({ holder: 'host-b:2:bbbb' });
    await reachState(b, 'waiting_lease');
    for (let i = 0; i < 5; i += 1) {
      await sleep(60);
      expect(fake.sockets()).toBe(1);
      expect(b.state()).toBe('waiting_lease');
    }
    const first = fake.pushText('rep-1', '甲');
    await waitUntil(() => received.length === 1, 2_000, 'the first frame');

    await a.stop();
    expect(a.state()).toBe('stopped');
    await waitUntil(() => fake.sockets() === 0, 1_000, 'A\'s socket to close'); // a frame written to a dying socket is lost, as with WeCom
    const queued = fake.pushText('rep-1', '乙'); // no connection: waits in the fake
    await reachState(b, 'linked', 3_000);
    expect(await leaseHolder()).toBe('host-b:2:bbbb');
    await waitUntil(() => received.length === 2, 2_000, 'the queued frame');
    expect(received.map((f) => f.body.msgid)).toEqual([first.msgid, queued.msgid]);
    expect(fake.connections()).toBe(1);
    expect(new Set(fake.frames().filter((f) => f.cmd === 'aibot_subscribe' && f.errcode === 0).map((f) => f.conn)).size).toBe(2);
  });
});

describe('frames', () => {
  it('calls onFrame once per frame with cmd, req_id and body; frames pushed during a drop arrive after the reconnect', async () => {
    const link = start();
    await reachState(link, 'linked');
    const pushed = [
      fake.pushText('rep-1', '今天见了宏达塑业'),
      fake.pushVoice('rep-1', '下午去了华东物流'),
      fake.enterChat('rep-1'),
      fake.clickCard('rep-1', 'task-1', 'confirm:1'),
      fake.feedback('rep-1', 'fb-1', 1),
      fake.pushText('rep-2', '@机器人 群里问一下', { chatid: 'group-1' }),
    ];
    await waitUntil(() => received.length === pushed.length, 2_000, 'all frames');
    expect(received.map((f) => f.headers.req_id)).toEqual(pushed.map((p) => p.reqId));
    expect(received[0]).toMatchObject({ cmd: 'aibot_msg_callback', body: { msgtype: 'text', text: { content: '今天见了宏达塑业' }, from: { userid: 'rep-1' } } });
    expect(received[1]?.body).toMatchObject({ msgtype: 'voice', voice: { content: '下午去了华东物流' } });
    expect(received[3]).toMatchObject({
      cmd: 'aibot_event_callback',
      body: { event: { eventtype: 'template_card_event', template_card_event: { task_id: 'task-1', event_key: 'confirm:1' } } },
    });
    expect(received[5]?.body).toMatchObject({ chattype: 'group', chatid: 'group-1' });

    fake.dropConnections();
    const during = [fake.pushText('rep-1', '一'), fake.pushText('rep-1', '二'), fake.pushVoice('rep-1', '三')];
    expect(fake.queued()).toBe(3);
    await waitUntil(() => received.length === pushed.length + 3, 3_000, 'the frames queued during the drop');
    expect(received.slice(-3).map((f) => f.body.msgid)).toEqual(during.map((p) => p.msgid));
    await sleep(200);
    expect(received).toHaveLength(pushed.length + 3);
  });

  it('hands a redelivered msgid to onFrame again (dedupe is the inbox\'s job)', async () => {
    const link = start();
    await reachState(link, 'linked');
    const p = fake.pushText('rep-1', '你好');
    const again = fake.redeliver(p.msgid);
    await waitUntil(() => received.length === 2, 2_000, 'both deliveries');
    expect(received.map((f) => f.body.msgid)).toEqual([p.msgid, p.msgid]);
    expect(again.reqId).not.toBe(p.reqId);
  });

  it('a failing onFrame is logged and does not stop later frames', async () => {
    let n = 0;
    const link = start({ onFrame: async (f) => { n += 1; if (n === 1) throw new Error('db down'); received.push(f); } });
    await reachState(link, 'linked');
    fake.pushText('rep-1', '一');
    const second = fake.pushText('rep-1', '二');
    await waitUntil(() => received.length === 1, 2_000, 'the second frame');
    expect(received[0]?.body.msgid).toBe(second.msgid);
    expect(logs().some((l) => l.msg === 'wecom bot frame handler failed')).toBe(true);
  });
});

describe('reply, send, upload', () => {
  it('passes acks through and turns refusals into WecomBotError with the errcode', async () => {
    const link = start();
    await reachState(link, 'linked');
    const msg = fake.pushText('rep-1', '今天见了宏达塑业');
    const enter = fake.enterChat('rep-1');
    const click = fake.clickCard('rep-1', 'task-9', 'confirm:9');
    await waitUntil(() => received.length === 3, 2_000, 'frames');

    const stream = { msgtype: 'stream', stream: { id: 's1', finish: true, content: '好的' } };
    expect(await link.reply(msg.reqId, 'aibot_respond_msg', stream)).toEqual({ errcode: 0, errmsg: 'ok' });
    let e = await refusal(link.reply(msg.reqId, 'aibot_respond_msg', { msgtype: 'text', text: { content: 'x' } }));
    expect(e).toMatchObject({ kind: 'refused', errcode: WECOM_BOT_ERR.invalidMsgType });
    e = await refusal(link.reply(msg.reqId, 'aibot_respond_msg', { msgtype: 'stream', stream: { id: 's2', finish: true, content: '字'.repeat(7_000) } }));
    expect(e.errcode).toBe(WECOM_BOT_ERR.invalidField);
    e = await refusal(link.reply(msg.reqId, 'aibot_respond_welcome_msg', { msgtype: 'text', text: { content: '欢迎' } }));
    expect(e.errcode).toBe(WECOM_BOT_ERR.invalidReqId);

    expect((await link.reply(enter.reqId, 'aibot_respond_welcome_msg', { msgtype: 'text', text: { content: '欢迎' } })).errcode).toBe(0);
    e = await refusal(link.reply(click.reqId, 'aibot_respond_update_msg', { response_type: 'update_template_card', template_card: { task_id: 'other' } }));
    expect(e.errcode).toBe(WECOM_BOT_ERR.invalidReqId);
    const upd = await link.reply(click.reqId, 'aibot_respond_update_msg', { response_type: 'update_template_card', template_card: { card_type: 'button_interaction', task_id: 'task-9' } });
    expect(upd.errcode).toBe(0);
    await expect(link.reply(msg.reqId, 'aibot_send_msg', {})).rejects.toThrow(TypeError);

    expect((await link.send('rep-1', { msgtype: 'markdown', markdown: { content: '**提醒**' } })).errcode).toBe(0);
    expect(fake.frames().find((f) => f.cmd === 'aibot_send_msg')?.body).toEqual({ chatid: 'rep-1', msgtype: 'markdown', markdown: { content: '**提醒**' } });
    e = await refusal(link.send('stranger', { msgtype: 'markdown', markdown: { content: 'hi' } }));
    expect(e).toMatchObject({ kind: 'refused', errcode: WECOM_BOT_ERR.noConversation });
    fake.failNext('aibot_send_msg', 45009);
    e = await refusal(link.send('rep-1', { msgtype: 'markdown', markdown: { content: 'hi' } }));
    expect(e).toMatchObject({ kind: 'refused', errcode: 45009 });
  });

  it('uploads through init/chunk/finish and the media_id is accepted; unknown media → 40007', async () => {
    const link = start();
    await reachState(link, 'linked');
    fake.pushText('rep-1', 'hi');
    await waitUntil(() => received.length === 1, 2_000, 'a frame');
    const small = Buffer.from('PNG fake chart bytes');
    const mediaId = await link.upload(small, { type: 'image', filename: 'board.png' });
    expect(fake.media(mediaId)?.data.equals(small)).toBe(true);
    const big = Buffer.alloc(512 * 1024 * 2 + 10, 7);
    const bigId = await link.upload(big, { type: 'file', filename: 'export.xlsx' });
    expect(fake.media(bigId)?.data.equals(big)).toBe(true);
    expect(fake.frames().filter((f) => f.cmd === 'aibot_upload_media_chunk').map((f) => f.body.chunk_index)).toEqual([0, 0, 1, 2]);

    expect((await link.send('rep-1', { msgtype: 'image', image: { media_id: mediaId } })).errcode).toBe(0);
    const e = await refusal(link.send('rep-1', { msgtype: 'image', image: { media_id: 'nope' } }));
    expect(e.errcode).toBe(WECOM_BOT_ERR.invalidMediaId);
    fake.failNext('aibot_upload_media_init', 40058);
    expect(await refusal(link.upload(small, { type: 'image', filename: 'a.png' }))).toMatchObject({ kind: 'refused', errcode: 40058 });
  });

  it('not linked → kind not_linked; an ack that never matches → kind timeout (the SDK waits 5 s)', async () => {
    fake.refuseAuth('errcode');
    const link = start();
    await reachState(link, 'auth_failed');
    expect(await refusal(link.send('rep-1', { msgtype: 'markdown', markdown: { content: 'x' } }))).toMatchObject({ kind: 'not_linked', errcode: null });
    fake.refuseAuth(false);
    await reachState(link, 'linked');
    fake.pushText('rep-1', 'hi');
    await waitUntil(() => received.length === 1, 2_000, 'a frame');
    fake.failNext('aibot_send_msg', 40058, { withoutReqId: true });
    const e = await refusal(link.send('rep-1', { msgtype: 'markdown', markdown: { content: 'x' } }));
    expect(e).toMatchObject({ kind: 'timeout', errcode: null });
  }, 15_000);
});

describe('stop', () => {
  it('waits for onFrame calls in flight, then disconnects and releases the lease', async () => {
    const gate = deferred();
    let started = 0;
    let finished = 0;
    const link = start({ onFrame: async () => { started += 1; await gate.promise; finished += 1; } });
    await reachState(link, 'linked');
    fake.pushText('rep-1', '一');
    await waitUntil(() => started === 1, 2_000, 'onFrame to start');
    let stopped = false;
    const stopping = link.stop().then(() => { stopped = true; });
    await sleep(150);
    expect(stopped).toBe(false);
    expect(fake.sockets()).toBe(1); // kept open while the frame is stored
    gate.resolve();
    await stopping;
    expect(finished).toBe(1);
    expect(link.state()).toBe('stopped');
    expect(await leaseHolder()).toBeNull();
    await waitUntil(() => fake.sockets() === 0, 1_000, 'the socket to close');
    expect(await refusal(link.send('rep-1', {}))).toMatchObject({ kind: 'not_linked' });
  });
});
