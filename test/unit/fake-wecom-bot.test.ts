// The fake WeCom AI-bot server's own rules, spoken to with a raw WebSocket (no SDK): auth answers, displacement,
// reply windows, push and upload checks. The link and channel tests rely on these answers being right.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-ignore -- ws ships no types here
import { WebSocket as WsImpl } from 'ws';
import { startFakeWecomBot, WECOM_BOT_ERR, type FakeWecomBot } from '../../scripts/dev/fake-wecom-bot.js';

interface Ws {
  on(event: 'open', l: () => void): unknown;
  on(event: 'message', l: (d: unknown) => void): unknown;
  on(event: 'close', l: () => void): unknown;
  on(event: 'error', l: (e: unknown) => void): unknown;
  send(d: string): void;
  terminate(): void;
  readonly readyState: number;
}
const WebSocket = WsImpl as new (url: string) => Ws;

const BOT = 'aibUNIT';
const SECRET = 'unit-secret';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Client {
  readonly got: any[] = [];
  closed = false;
  private seq = 0;
  private constructor(readonly ws: Ws) {
    ws.on('message', (d) => this.got.push(JSON.parse(String(d))));
    ws.on('close', () => { this.closed = true; });
    ws.on('error', () => undefined);
  }
  static async open(url: string): Promise<Client> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); });
    return new Client(ws);
  }
  async waitFor(pred: (f: any) => boolean, ms = 1_000, from = 0): Promise<any> {
    const until = Date.now() + ms;
    for (;;) {
      const f = this.got.slice(from).find(pred);
      if (f) return f;
      if (Date.now() > until) throw new Error('client: no matching frame');
      await sleep(5);
    }
  }
  /** Sends a command and waits for the ack with its req_id. */
  async call(cmd: string, body: unknown, reqId = `${cmd}_${Date.now()}_${++this.seq}`): Promise<any> {
    const from = this.got.length; // several calls may share a req_id: only a newer ack answers this one
    this.ws.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    return this.waitFor((f) => !f.cmd && f.headers?.req_id === reqId, 1_000, from);
  }
  subscribe(secret = SECRET): Promise<any> {
    return this.call('aibot_subscribe', { bot_id: BOT, secret }, `aibot_subscribe_${Date.now()}_${++this.seq}`);
  }
}

let fake: FakeWecomBot;
const clients: Client[] = [];
const open = async () => {
  const c = await Client.open(fake.url);
  clients.push(c);
  return c;
};

beforeEach(async () => {
  fake = await startFakeWecomBot({ botId: BOT, secret: SECRET, replyWindowMs: 200 });
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await fake.stop();
});

describe('auth', () => {
  it('refuses a wrong secret with an errcode and accepts the right one', async () => {
    const c = await open();
    expect((await c.subscribe('wrong')).errcode).toBe(WECOM_BOT_ERR.authFailed);
    expect(await c.subscribe()).toEqual({ headers: { req_id: expect.any(String) }, errcode: 0, errmsg: 'ok' });
    expect(fake.connections()).toBe(1);
    expect(fake.authAttempts()).toBe(2);
  });

  it('can refuse without req_id, and answers nothing but auth before it', async () => {
    fake.refuseAuth('no_req_id', 1);
    const c = await open();
    c.ws.send(JSON.stringify({ cmd: 'aibot_subscribe', headers: { req_id: 'aibot_subscribe_1' }, body: { bot_id: BOT, secret: SECRET } }));
    const f = await c.waitFor((x) => x.errcode !== undefined);
    expect(f.headers).toBeUndefined();
    expect((await c.call('aibot_send_msg', { chatid: 'u' })).errcode).toBe(WECOM_BOT_ERR.invalidField);
    expect((await c.subscribe()).errcode).toBe(0);
  });

  it('a second authenticated connection displaces the first with disconnected_event', async () => {
    const a = await open();
    await a.subscribe();
    const b = await open();
    await b.subscribe();
    const ev = await a.waitFor((f) => f.cmd === 'aibot_event_callback');
    expect(ev.body).toMatchObject({ aibotid: BOT, msgtype: 'event', event: { eventtype: 'disconnected_event' } });
    await sleep(80);
    expect(a.closed).toBe(true);
    expect(fake.connections()).toBe(1);
  });

  it('acks pings unless told not to', async () => {
    const c = await open();
    await c.subscribe();
    expect((await c.call('ping', undefined, 'ping_1')).errcode).toBe(0);
    fake.setPingAcks(false);
    c.ws.send(JSON.stringify({ cmd: 'ping', headers: { req_id: 'ping_2' } }));
    await sleep(50);
    expect(c.got.some((f) => f.headers?.req_id === 'ping_2')).toBe(false);
  });
});

describe('callbacks and replies', () => {
  it('queues callbacks until a connection is up and validates passive replies', async () => {
    const msg = fake.pushText('u1', 'hi');
    const enter = fake.enterChat('u1');
    const click = fake.clickCard('u1', 'task-1', 'ok');
    expect(fake.queued()).toBe(3);
    const c = await open();
    await c.subscribe();
    await c.waitFor((f) => f.headers?.req_id === click.reqId);
    expect(c.got.find((f) => f.headers?.req_id === msg.reqId).body).toMatchObject({
      msgid: msg.msgid, aibotid: BOT, chattype: 'single', from: { userid: 'u1' }, msgtype: 'text', text: { content: 'hi' },
    });
    expect(c.got.find((f) => f.headers?.req_id === click.reqId).body.event).toEqual({
      eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: 'ok', task_id: 'task-1' },
    });

    const stream = { msgtype: 'stream', stream: { id: 's', finish: false, content: 'x' } };
    expect((await c.call('aibot_respond_msg', stream, msg.reqId)).errcode).toBe(0);
    expect((await c.call('aibot_respond_msg', stream, msg.reqId)).errcode).toBe(0); // several replies per message req_id
    expect((await c.call('aibot_respond_msg', { msgtype: 'text', text: { content: 'x' } }, msg.reqId)).errcode).toBe(WECOM_BOT_ERR.invalidMsgType);
    expect((await c.call('aibot_respond_msg', stream, enter.reqId)).errcode).toBe(WECOM_BOT_ERR.invalidReqId);
    const card = { msgtype: 'template_card', template_card: { card_type: 'button_interaction', task_id: 't' } };
    expect((await c.call('aibot_respond_msg', card, msg.reqId)).errcode).toBe(0);
    expect((await c.call('aibot_respond_msg', card, msg.reqId)).errcode).toBe(WECOM_BOT_ERR.invalidReqId);
    const update = { response_type: 'update_template_card', template_card: { task_id: 'task-1' } };
    expect((await c.call('aibot_respond_update_msg', update, click.reqId)).errcode).toBe(0);
    const welcome = { msgtype: 'text', text: { content: '欢迎' } };
    expect((await c.call('aibot_respond_welcome_msg', welcome, enter.reqId)).errcode).toBe(0);
    expect((await c.call('aibot_respond_welcome_msg', welcome, enter.reqId)).errcode).toBe(WECOM_BOT_ERR.invalidReqId);
    await sleep(250); // past the 200 ms window
    expect((await c.call('aibot_respond_update_msg', update, click.reqId)).errcode).toBe(WECOM_BOT_ERR.invalidReqId);
  });

  it('redelivers the same msgid and records every client frame', async () => {
    const c = await open();
    await c.subscribe();
    const p = fake.pushVoice('u1', '语音转写');
    const again = fake.redeliver(p.msgid);
    await c.waitFor((f) => f.headers?.req_id === again.reqId);
    expect(c.got.filter((f) => f.body?.msgid === p.msgid)).toHaveLength(2);
    expect(fake.frames().map((f) => f.cmd)).toEqual(['aibot_subscribe']);
  });
});

describe('pushes and uploads', () => {
  it('pushes only to chats that talked first; markdown, size and media checks', async () => {
    const c = await open();
    await c.subscribe();
    expect((await c.call('aibot_send_msg', { chatid: 'u1', msgtype: 'markdown', markdown: { content: 'x' } })).errcode).toBe(WECOM_BOT_ERR.noConversation);
    fake.pushText('u1', 'hi');
    fake.pushText('u2', '@bot hi', { chatid: 'grp-1' });
    await c.waitFor((f) => f.body?.chatid === 'grp-1');
    expect((await c.call('aibot_send_msg', { chatid: 'u1', msgtype: 'markdown', markdown: { content: 'x' } })).errcode).toBe(0);
    expect((await c.call('aibot_send_msg', { chatid: 'grp-1', msgtype: 'markdown', markdown: { content: 'x' } })).errcode).toBe(0);
    expect((await c.call('aibot_send_msg', { chatid: 'u2', msgtype: 'markdown', markdown: { content: 'x' } })).errcode).toBe(WECOM_BOT_ERR.noConversation);
    expect((await c.call('aibot_send_msg', { chatid: 'u1', msgtype: 'text', text: { content: 'x' } })).errcode).toBe(WECOM_BOT_ERR.invalidMsgType);
    expect((await c.call('aibot_send_msg', { chatid: 'u1', msgtype: 'markdown', markdown: { content: 'x'.repeat(20_481) } })).errcode).toBe(WECOM_BOT_ERR.invalidField);
    expect((await c.call('aibot_send_msg', { chatid: 'u1', msgtype: 'image', image: { media_id: 'nope' } })).errcode).toBe(WECOM_BOT_ERR.invalidMediaId);
  });

  it('checks upload size and md5 and hands out media ids', async () => {
    const c = await open();
    await c.subscribe();
    const data = Buffer.from('chart');
    const md5 = createHash('md5').update(data).digest('hex');
    const init = await c.call('aibot_upload_media_init', { type: 'image', filename: 'a.png', total_size: data.length, total_chunks: 1, md5 });
    const uploadId = init.body.upload_id;
    expect((await c.call('aibot_upload_media_chunk', { upload_id: uploadId, chunk_index: 1, base64_data: data.toString('base64') })).errcode).toBe(WECOM_BOT_ERR.invalidField);
    expect((await c.call('aibot_upload_media_chunk', { upload_id: uploadId, chunk_index: 0, base64_data: Buffer.from('other').toString('base64') })).errcode).toBe(0);
    expect((await c.call('aibot_upload_media_finish', { upload_id: uploadId })).errcode).toBe(WECOM_BOT_ERR.invalidField); // md5 mismatch
    const init2 = await c.call('aibot_upload_media_init', { type: 'image', filename: 'a.png', total_size: data.length, total_chunks: 1, md5 });
    await c.call('aibot_upload_media_chunk', { upload_id: init2.body.upload_id, chunk_index: 0, base64_data: data.toString('base64') });
    const fin = await c.call('aibot_upload_media_finish', { upload_id: init2.body.upload_id });
    expect(fin).toMatchObject({ errcode: 0, body: { type: 'image', media_id: expect.any(String), created_at: expect.any(Number) } });
    expect(fake.media(fin.body.media_id)?.data.equals(data)).toBe(true);
  });

  it('failNext answers the next frame of that command with the errcode', async () => {
    const c = await open();
    await c.subscribe();
    fake.allowChat('u9');
    fake.failNext('aibot_send_msg', 45009);
    const body = { chatid: 'u9', msgtype: 'markdown', markdown: { content: 'x' } };
    expect((await c.call('aibot_send_msg', body)).errcode).toBe(45009);
    expect((await c.call('aibot_send_msg', body)).errcode).toBe(0);
  });
});
