// A local stand-in for WeCom's AI-bot (智能机器人) long connection (scratch/aibot-design.md §1): aibot_subscribe
// auth, ping acks, callbacks pushed to the one authenticated connection (queued while none is up), reply and push
// validation with the error codes real servers were seen to answer, media upload, and disconnected_event.
// Independent of src/ on purpose, so a wire-format mistake there cannot hide behind a shared helper.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { closeServers, listenLocal, OPEN, stateWaiters, WebSocketServer, type WsConn } from './fake-ws-server.js';

/** Error codes the fake answers with (sources in the design: 3P probe logs; the auth code is a guess). */
export const WECOM_BOT_ERR = {
  authFailed: 40001,
  invalidMediaId: 40007,
  invalidMsgType: 40008,
  invalidField: 40058,
  noConversation: 86201,
  invalidReqId: 846605,
  streamExpired: 846608,
} as const;

const MAX_CONTENT_BYTES = 20_480;
const MAX_CHUNK_BYTES = 512 * 1024;
const MAX_CHUNKS = 100;
const MEDIA_TYPES = new Set(['image', 'file', 'voice', 'video']);

export interface FakeWecomBotOptions {
  botId: string;
  secret: string;
  port?: number;
  /** Welcome and card-update windows after the callback was delivered (default 5000). */
  replyWindowMs?: number;
  /** How long a message req_id takes stream replies (default 6 min); later → 846608. */
  streamWindowMs?: number;
}

export interface FakePush {
  reqId: string;
  msgid: string;
}

export interface FakeClientFrame {
  /** Connection number (1, 2, …, in order of arrival). */
  conn: number;
  cmd: string;
  reqId: string;
  body: any;
  at: number;
  /** What the fake answered; null when it sent no ack (ping acks off, failNext noAck). */
  errcode: number | null;
  errmsg: string | null;
  /** The ack's body (upload_id, media_id …). */
  ackBody?: any;
}

export interface FakeMedia {
  mediaId: string;
  type: string;
  filename: string;
  data: Buffer;
}

export interface PushOptions {
  /** Group chat id: makes the frame a group frame unless chattype says otherwise. */
  chatid?: string;
  chattype?: 'single' | 'group';
  /** Use this msgid instead of a fresh one. */
  msgid?: string;
}

export interface FailOptions {
  /** Answer without headers.req_id (seen for some 40058s): the client cannot match it. */
  withoutReqId?: boolean;
  /** Send no ack at all. */
  noAck?: boolean;
}

export type AuthRefusal = false | 'errcode' | 'no_req_id' | 'silent';

export interface FakeWecomBot {
  /** ws:// URL to pass as wsUrl. */
  url: string;
  port: number;
  /** Open, authenticated connections. */
  connections(): number;
  /** Open sockets, authenticated or not. */
  sockets(): number;
  /** aibot_subscribe frames received. */
  authAttempts(): number;
  /** Every client frame, in arrival order, with the fake's answer. */
  frames(): FakeClientFrame[];
  waitForFrame(pred: (f: FakeClientFrame) => boolean, timeoutMs?: number): Promise<FakeClientFrame>;
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  /** Refuse the next `times` auth attempts (default: until called with false): with an errcode ack, an ack without req_id, or no answer. */
  refuseAuth(mode: AuthRefusal, times?: number): void;
  /** Answer pings or not (off = heartbeat loss). */
  setPingAcks(on: boolean): void;
  /** The next `cmd` frame is answered with `errcode` instead of being processed. */
  failNext(cmd: string, errcode: number, opts?: FailOptions): void;
  /** An outside client took over: disconnected_event to every authenticated connection, then close. */
  displace(): void;
  /** Abrupt server-side close of every socket (a network drop). */
  dropConnections(): void;
  /** Stop reading from every socket (half-open connection): pings and replies go unanswered. */
  freezeConnections(): void;
  pushText(userid: string, text: string, opts?: PushOptions): FakePush;
  /** Voice arrives already transcribed: voice.content is the transcript. */
  pushVoice(userid: string, transcript: string, opts?: PushOptions): FakePush;
  pushImage(userid: string, opts?: PushOptions & { url?: string; aeskey?: string }): FakePush;
  pushFile(userid: string, opts?: PushOptions & { url?: string; aeskey?: string }): FakePush;
  pushMixed(userid: string, items: Array<{ text: string } | { imageUrl: string }>, opts?: PushOptions): FakePush;
  enterChat(userid: string, opts?: PushOptions): FakePush;
  /** A template_card_event with the nested event.template_card_event shape. */
  clickCard(userid: string, taskId: string, eventKey: string, opts?: PushOptions & { cardType?: string; selectedItems?: unknown[] }): FakePush;
  feedback(userid: string, feedbackId: string, type: 1 | 2 | 3, opts?: PushOptions & { content?: string; reasons?: number[] }): FakePush;
  /** Any callback body (msgid/aibotid/from filled in when missing). */
  pushCallback(cmd: 'aibot_msg_callback' | 'aibot_event_callback', body: Record<string, unknown>): FakePush;
  /** Sends the callback with this msgid again (same body; a fresh req_id unless sameReqId). */
  redeliver(msgid: string, opts?: { sameReqId?: boolean }): FakePush;
  /** Callbacks waiting for a connection. */
  queued(): number;
  /** Marks a chat as one that talked to the bot (aibot_send_msg allowed). */
  allowChat(chatId: string): void;
  /** Uploaded media by id. */
  media(mediaId: string): FakeMedia | undefined;
  uploads(): FakeMedia[];
  stop(): Promise<void>;
}

interface Conn {
  id: number;
  ws: WsConn;
  authed: boolean;
  dead: boolean;
}

interface Callback {
  reqId: string;
  cmd: string;
  body: Record<string, any>;
  kind: 'message' | 'enter_chat' | 'click' | 'feedback' | 'event';
  deliveredAt: number | null;
  welcomed: boolean;
  cardReplied: boolean;
}

interface Upload {
  type: string;
  filename: string;
  totalSize: number;
  totalChunks: number;
  md5: string;
  chunks: Map<number, Buffer>;
}

interface Answer {
  errcode: number;
  errmsg: string;
  body?: unknown;
}

const ok = (body?: unknown): Answer => (body === undefined ? { errcode: 0, errmsg: 'ok' } : { errcode: 0, errmsg: 'ok', body });
const err = (errcode: number, errmsg: string): Answer => ({ errcode, errmsg });
const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Like the req_ids seen on the wire: 24 base64-ish characters. */
function wireReqId(): string {
  return randomBytes(18).toString('base64').replace(/[+/]/g, 'A').slice(0, 24);
}

export async function startFakeWecomBot(opts: FakeWecomBotOptions): Promise<FakeWecomBot> {
  const replyWindowMs = opts.replyWindowMs ?? 5_000;
  const streamWindowMs = opts.streamWindowMs ?? 6 * 60_000;
  const conns: Conn[] = [];
  const frames: FakeClientFrame[] = [];
  const callbacks = new Map<string, Callback>();
  const byMsgid = new Map<string, Callback>();
  const outbox: Callback[] = [];
  const talked = new Set<string>();
  const uploads = new Map<string, Upload>();
  const media = new Map<string, FakeMedia>();
  const failures = new Map<string, Array<{ errcode: number } & FailOptions>>();
  const { wake, waitFor } = stateWaiters('fake wecom bot');
  let authRefusal: AuthRefusal = false;
  let authRefusalsLeft = 0;
  let pingAcks = true;
  let authAttempts = 0;
  let connSeq = 0;
  let idSeq = 0;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  const server: Server = createServer((_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('websocket only');
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Conn = { id: ++connSeq, ws, authed: false, dead: false };
      conns.push(conn);
      ws.on('message', (raw) => onClientFrame(conn, String(raw)));
      ws.on('error', () => undefined);
      ws.on('close', () => {
        markDead(conn);
      });
      wake();
    });
  });

  function markDead(conn: Conn): void {
    conn.dead = true;
    conn.authed = false;
    const i = conns.indexOf(conn);
    if (i >= 0) conns.splice(i, 1);
    wake();
  }

  const live = () => conns.filter((c) => !c.dead && c.ws.readyState === OPEN);
  const current = () => live().filter((c) => c.authed).at(-1);

  function write(conn: Conn, frame: unknown): void {
    if (conn.dead || conn.ws.readyState !== OPEN) return;
    conn.ws.send(JSON.stringify(frame), () => undefined);
  }

  function ack(conn: Conn, reqId: string, a: Answer, withoutReqId = false): void {
    const frame: Record<string, unknown> = withoutReqId ? {} : { headers: { req_id: reqId } };
    frame.errcode = a.errcode;
    frame.errmsg = a.errmsg;
    if (a.body !== undefined) frame.body = a.body;
    write(conn, frame);
  }

  function onClientFrame(conn: Conn, text: string): void {
    let f: unknown;
    try {
      f = JSON.parse(text);
    } catch {
      return; // the real server's answer to garbage is unknown; ignore
    }
    if (!isObj(f)) return;
    const cmd = typeof f.cmd === 'string' ? f.cmd : '';
    const reqId = typeof f.headers?.req_id === 'string' ? f.headers.req_id : '';
    const rec: FakeClientFrame = { conn: conn.id, cmd, reqId, body: f.body, at: Date.now(), errcode: null, errmsg: null };
    const answer = (a: Answer | null, o: FailOptions = {}) => {
      if (a !== null && !o.noAck) {
        rec.errcode = a.errcode;
        rec.errmsg = a.errmsg;
        if (a.body !== undefined) rec.ackBody = a.body;
        ack(conn, reqId, a, o.withoutReqId);
      }
      frames.push(rec);
      wake();
    };

    if (cmd === 'aibot_subscribe') authAttempts += 1;
    const fail = failures.get(cmd)?.shift();
    if (fail) return answer(err(fail.errcode, 'injected failure'), fail);

    if (cmd === 'aibot_subscribe') return answer(...subscribe(conn, f.body));
    if (!conn.authed) return answer(err(WECOM_BOT_ERR.invalidField, 'not subscribed'));
    if (cmd === 'ping') return answer(pingAcks ? ok() : null);
    answer(handleCommand(cmd, reqId, f.body));
  }

  function subscribe(conn: Conn, body: unknown): [Answer | null, FailOptions?] {
    const good = isObj(body) && body.bot_id === opts.botId && body.secret === opts.secret;
    if (good && authRefusal !== false && authRefusalsLeft > 0) {
      authRefusalsLeft -= 1;
      const mode = authRefusal;
      if (authRefusalsLeft === 0) authRefusal = false;
      if (mode === 'silent') return [null];
      return [err(WECOM_BOT_ERR.authFailed, 'invalid bot_id or secret'), { withoutReqId: mode === 'no_req_id' }];
    }
    if (!good) return [err(WECOM_BOT_ERR.authFailed, 'invalid bot_id or secret')];
    // One active connection per bot: the older one is told and closed (design §1).
    for (const old of live()) if (old !== conn && old.authed) kick(old);
    conn.authed = true;
    // Callbacks go out after the ack (the SDK starts listening for them once authenticated anyway).
    setImmediate(flush);
    return [ok()];
  }

  function kick(conn: Conn): void {
    write(conn, {
      cmd: 'aibot_event_callback',
      headers: { req_id: wireReqId() },
      body: {
        msgid: newMsgid(), create_time: nowSec(), aibotid: opts.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' },
      },
    });
    conn.authed = false;
    const ws = conn.ws;
    setTimeout(() => ws.close(1000, 'displaced'), 20);
    conn.dead = true;
    const i = conns.indexOf(conn);
    if (i >= 0) conns.splice(i, 1);
    wake();
  }

  function handleCommand(cmd: string, reqId: string, body: unknown): Answer {
    if (!isObj(body)) return err(WECOM_BOT_ERR.invalidField, 'body missing');
    switch (cmd) {
      case 'aibot_respond_msg':
        return respondMsg(reqId, body);
      case 'aibot_respond_welcome_msg':
        return respondWelcome(reqId, body);
      case 'aibot_respond_update_msg':
        return respondUpdate(reqId, body);
      case 'aibot_send_msg':
        return sendMsg(body);
      case 'aibot_upload_media_init':
        return uploadInit(body);
      case 'aibot_upload_media_chunk':
        return uploadChunk(body);
      case 'aibot_upload_media_finish':
        return uploadFinish(body);
      default:
        return err(WECOM_BOT_ERR.invalidField, `unknown cmd ${cmd}`);
    }
  }

  function respondMsg(reqId: string, body: Record<string, any>): Answer {
    const cb = callbacks.get(reqId);
    if (!cb || cb.kind !== 'message' || cb.deliveredAt === null) return err(WECOM_BOT_ERR.invalidReqId, 'invalid req_id');
    if (Date.now() - cb.deliveredAt > streamWindowMs) return err(WECOM_BOT_ERR.streamExpired, 'stream expired');
    switch (body.msgtype) {
      case 'stream':
        return checkStream(body.stream) ?? ok();
      case 'template_card': {
        if (!isObj(body.template_card)) return err(WECOM_BOT_ERR.invalidField, 'template_card missing');
        if (cb.cardReplied) return err(WECOM_BOT_ERR.invalidReqId, 'template_card already answered');
        cb.cardReplied = true;
        return ok();
      }
      case 'stream_with_template_card': {
        const bad = checkStream(body.stream);
        if (bad) return bad;
        if (body.template_card !== undefined) {
          if (!isObj(body.template_card)) return err(WECOM_BOT_ERR.invalidField, 'template_card invalid');
          if (cb.cardReplied) return err(WECOM_BOT_ERR.invalidReqId, 'template_card already answered');
          cb.cardReplied = true;
        }
        return ok();
      }
      default:
        return MEDIA_TYPES.has(body.msgtype) ? checkMedia(body) : err(WECOM_BOT_ERR.invalidMsgType, 'invalid message type');
    }
  }

  function checkStream(stream: unknown): Answer | null {
    if (!isObj(stream) || typeof stream.id !== 'string' || stream.id === '') return err(WECOM_BOT_ERR.invalidField, 'stream.id missing');
    if (stream.content !== undefined && typeof stream.content !== 'string') return err(WECOM_BOT_ERR.invalidField, 'stream.content invalid');
    if (typeof stream.content === 'string' && bytes(stream.content) > MAX_CONTENT_BYTES) return err(WECOM_BOT_ERR.invalidField, 'content exceed max length');
    return null;
  }

  function checkMedia(body: Record<string, any>): Answer {
    const part = body[body.msgtype];
    if (!isObj(part) || typeof part.media_id !== 'string' || part.media_id === '') return err(WECOM_BOT_ERR.invalidField, 'media_id missing');
    const m = media.get(part.media_id);
    if (!m || m.type !== body.msgtype) return err(WECOM_BOT_ERR.invalidMediaId, 'invalid media_id');
    return ok();
  }

  function respondWelcome(reqId: string, body: Record<string, any>): Answer {
    const cb = callbacks.get(reqId);
    if (!cb || cb.kind !== 'enter_chat' || cb.deliveredAt === null || cb.welcomed || Date.now() - cb.deliveredAt > replyWindowMs) {
      return err(WECOM_BOT_ERR.invalidReqId, 'invalid req_id');
    }
    if (body.msgtype === 'text') {
      if (!isObj(body.text) || typeof body.text.content !== 'string' || body.text.content === '') return err(WECOM_BOT_ERR.invalidField, 'text.content missing');
      if (bytes(body.text.content) > MAX_CONTENT_BYTES) return err(WECOM_BOT_ERR.invalidField, 'content exceed max length');
    } else if (body.msgtype === 'template_card') {
      if (!isObj(body.template_card)) return err(WECOM_BOT_ERR.invalidField, 'template_card missing');
    } else {
      return err(WECOM_BOT_ERR.invalidMsgType, 'invalid message type');
    }
    cb.welcomed = true;
    return ok();
  }

  function respondUpdate(reqId: string, body: Record<string, any>): Answer {
    const cb = callbacks.get(reqId);
    if (!cb || cb.kind !== 'click' || cb.deliveredAt === null || Date.now() - cb.deliveredAt > replyWindowMs) {
      return err(WECOM_BOT_ERR.invalidReqId, 'invalid req_id');
    }
    if (body.response_type !== 'update_template_card' || !isObj(body.template_card)) return err(WECOM_BOT_ERR.invalidField, 'template_card missing');
    const clicked = cb.body.event?.template_card_event?.task_id;
    if (body.template_card.task_id !== clicked) return err(WECOM_BOT_ERR.invalidReqId, 'task_id does not match the click');
    return ok();
  }

  function sendMsg(body: Record<string, any>): Answer {
    // Only chats that talked to the bot first take pushes; a missing chatid was answered 86201 too (probe).
    if (typeof body.chatid !== 'string' || !talked.has(body.chatid)) return err(WECOM_BOT_ERR.noConversation, 'no conversation with this chat');
    switch (body.msgtype) {
      case 'markdown': {
        const c = body.markdown?.content;
        if (typeof c !== 'string' || c === '') return err(WECOM_BOT_ERR.invalidField, 'markdown.content missing');
        if (bytes(c) > MAX_CONTENT_BYTES) return err(WECOM_BOT_ERR.invalidField, 'content exceed max length');
        return ok();
      }
      case 'template_card':
        return isObj(body.template_card) ? ok() : err(WECOM_BOT_ERR.invalidField, 'template_card missing');
      default:
        return MEDIA_TYPES.has(body.msgtype) ? checkMedia(body) : err(WECOM_BOT_ERR.invalidMsgType, 'invalid message type');
    }
  }

  function uploadInit(body: Record<string, any>): Answer {
    const { type, filename, total_size: size, total_chunks: n, md5 } = body;
    if (!MEDIA_TYPES.has(type) || typeof filename !== 'string' || filename === '') return err(WECOM_BOT_ERR.invalidField, 'type or filename invalid');
    if (!Number.isInteger(size) || size <= 0 || !Number.isInteger(n) || n < 1 || n > MAX_CHUNKS) return err(WECOM_BOT_ERR.invalidField, 'total_size or total_chunks invalid');
    if (n !== Math.ceil(size / MAX_CHUNK_BYTES)) return err(WECOM_BOT_ERR.invalidField, 'total_chunks does not fit total_size');
    if (typeof md5 !== 'string' || !/^[0-9a-f]{32}$/i.test(md5)) return err(WECOM_BOT_ERR.invalidField, 'md5 invalid');
    const uploadId = `fake-upload-${++idSeq}-${randomBytes(4).toString('hex')}`;
    uploads.set(uploadId, { type, filename, totalSize: size, totalChunks: n, md5: md5.toLowerCase(), chunks: new Map() });
    return ok({ upload_id: uploadId });
  }

  function uploadChunk(body: Record<string, any>): Answer {
    const up = typeof body.upload_id === 'string' ? uploads.get(body.upload_id) : undefined;
    if (!up) return err(WECOM_BOT_ERR.invalidField, 'upload_id invalid');
    const i = body.chunk_index;
    // 0-based, as the SDK sends it (its typing says 1-based; a real probe accepted 0-based).
    if (!Number.isInteger(i) || i < 0 || i >= up.totalChunks) return err(WECOM_BOT_ERR.invalidField, 'chunk_index invalid');
    if (typeof body.base64_data !== 'string' || body.base64_data === '') return err(WECOM_BOT_ERR.invalidField, 'base64_data missing');
    const data = Buffer.from(body.base64_data, 'base64');
    if (data.length === 0 || data.length > MAX_CHUNK_BYTES) return err(WECOM_BOT_ERR.invalidField, 'chunk size invalid');
    up.chunks.set(i, data);
    return ok();
  }

  function uploadFinish(body: Record<string, any>): Answer {
    const id = typeof body.upload_id === 'string' ? body.upload_id : '';
    const up = uploads.get(id);
    if (!up) return err(WECOM_BOT_ERR.invalidField, 'upload_id invalid');
    const parts: Buffer[] = [];
    for (let i = 0; i < up.totalChunks; i += 1) {
      const c = up.chunks.get(i);
      if (!c) return err(WECOM_BOT_ERR.invalidField, `chunk ${i} missing`);
      parts.push(c);
    }
    const data = Buffer.concat(parts);
    if (data.length !== up.totalSize) return err(WECOM_BOT_ERR.invalidField, 'total_size mismatch');
    if (createHash('md5').update(data).digest('hex') !== up.md5) return err(WECOM_BOT_ERR.invalidField, 'md5 mismatch');
    uploads.delete(id);
    const mediaId = `fake-media-${++idSeq}-${randomBytes(6).toString('hex')}`;
    media.set(mediaId, { mediaId, type: up.type, filename: up.filename, data });
    // created_at is a number on the wire (probe), although the SDK types it as a string.
    return ok({ type: up.type, media_id: mediaId, created_at: nowSec() });
  }

  const nowSec = () => Math.floor(Date.now() / 1000);
  const newMsgid = () => randomBytes(16).toString('hex');

  function kindOf(cmd: string, body: Record<string, any>): Callback['kind'] {
    if (cmd === 'aibot_msg_callback') return 'message';
    switch (body.event?.eventtype) {
      case 'enter_chat':
        return 'enter_chat';
      case 'template_card_event':
        return 'click';
      case 'feedback_event':
        return 'feedback';
      default:
        return 'event';
    }
  }

  function enqueue(cmd: string, body: Record<string, any>, reqId = wireReqId()): FakePush {
    const cb: Callback = { reqId, cmd, body, kind: kindOf(cmd, body), deliveredAt: null, welcomed: false, cardReplied: false };
    callbacks.set(reqId, cb);
    if (typeof body.msgid === 'string') byMsgid.set(body.msgid, cb);
    outbox.push(cb);
    flush();
    return { reqId, msgid: String(body.msgid) };
  }

  function flush(): void {
    const conn = current();
    if (!conn) return;
    while (outbox.length > 0) {
      const cb = outbox.shift()!;
      cb.deliveredAt = Date.now();
      const b = cb.body;
      if (typeof b.chatid === 'string' && b.chattype === 'group') talked.add(b.chatid);
      else if (typeof b.from?.userid === 'string') talked.add(b.from.userid);
      conn.ws.send(JSON.stringify({ cmd: cb.cmd, headers: { req_id: cb.reqId }, body: b }), (e?: Error) => {
        if (!e) return;
        // The socket died under the write: keep the callback for the next connection.
        cb.deliveredAt = null;
        outbox.unshift(cb);
      });
    }
    wake();
  }

  function base(userid: string, o: PushOptions = {}): Record<string, any> {
    const chattype = o.chattype ?? (o.chatid ? 'group' : 'single');
    const b: Record<string, any> = { msgid: o.msgid ?? newMsgid(), aibotid: opts.botId };
    if (o.chatid) b.chatid = o.chatid;
    b.chattype = chattype;
    b.from = { userid };
    b.create_time = nowSec();
    return b;
  }

  const message = (userid: string, o: PushOptions | undefined, msgtype: string, part: Record<string, unknown>) =>
    enqueue('aibot_msg_callback', { ...base(userid, o), msgtype, ...part });
  const event = (userid: string, o: PushOptions | undefined, ev: Record<string, unknown>) =>
    enqueue('aibot_event_callback', { ...base(userid, o), msgtype: 'event', event: ev });

  const port = await listenLocal(server, opts.port);

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    connections: () => live().filter((c) => c.authed).length,
    sockets: () => live().length,
    authAttempts: () => authAttempts,
    frames: () => [...frames],
    waitForFrame: (pred, timeoutMs = 3_000) => waitFor(() => frames.find(pred), timeoutMs, 'a matching client frame'),
    waitForConnections: async (n, timeoutMs = 3_000) => {
      await waitFor(() => (live().filter((c) => c.authed).length === n ? true : undefined), timeoutMs, `${n} authenticated connection(s)`);
    },
    refuseAuth: (mode, times = Number.POSITIVE_INFINITY) => {
      authRefusal = mode;
      authRefusalsLeft = mode === false ? 0 : times;
    },
    setPingAcks: (on) => {
      pingAcks = on;
    },
    failNext: (cmd, errcode, o = {}) => {
      const list = failures.get(cmd) ?? [];
      list.push({ errcode, ...o });
      failures.set(cmd, list);
    },
    displace: () => {
      for (const c of live()) if (c.authed) kick(c);
    },
    dropConnections: () => {
      for (const c of [...conns]) {
        c.ws.terminate();
        markDead(c);
      }
    },
    freezeConnections: () => {
      for (const c of live()) c.ws._socket?.pause();
    },
    pushText: (userid, text, o) => message(userid, o, 'text', { text: { content: text } }),
    pushVoice: (userid, transcript, o) => message(userid, o, 'voice', { voice: { content: transcript } }),
    pushImage: (userid, o = {}) =>
      message(userid, o, 'image', { image: { url: o.url ?? `https://fake.invalid/img/${newMsgid()}`, aeskey: o.aeskey ?? randomBytes(32).toString('base64') } }),
    pushFile: (userid, o = {}) =>
      message(userid, o, 'file', { file: { url: o.url ?? `https://fake.invalid/file/${newMsgid()}`, aeskey: o.aeskey ?? randomBytes(32).toString('base64') } }),
    pushMixed: (userid, items, o) =>
      message(userid, o, 'mixed', {
        mixed: {
          msg_item: items.map((it) => ('text' in it
            ? { msgtype: 'text', text: { content: it.text } }
            : { msgtype: 'image', image: { url: it.imageUrl, aeskey: randomBytes(32).toString('base64') } })),
        },
      }),
    enterChat: (userid, o) => event(userid, o, { eventtype: 'enter_chat' }),
    clickCard: (userid, taskId, eventKey, o = {}) => {
      const tce: Record<string, unknown> = { card_type: o.cardType ?? 'button_interaction', event_key: eventKey, task_id: taskId };
      if (o.selectedItems) tce.selected_items = { selected_item: o.selectedItems };
      return event(userid, o, { eventtype: 'template_card_event', template_card_event: tce });
    },
    feedback: (userid, feedbackId, type, o = {}) => {
      const fe: Record<string, unknown> = { id: feedbackId, type };
      if (o.content !== undefined) fe.content = o.content;
      if (o.reasons) fe.inaccurate_reason_list = o.reasons;
      return event(userid, o, { eventtype: 'feedback_event', feedback_event: fe });
    },
    pushCallback: (cmd, body) => enqueue(cmd, { msgid: newMsgid(), aibotid: opts.botId, ...body }),
    redeliver: (msgid, o = {}) => {
      const orig = byMsgid.get(msgid);
      if (!orig) throw new Error(`fake wecom bot: no callback with msgid ${msgid}`);
      if (o.sameReqId) {
        orig.deliveredAt = null;
        outbox.push(orig);
        flush();
        return { reqId: orig.reqId, msgid };
      }
      return enqueue(orig.cmd, orig.body);
    },
    queued: () => outbox.length,
    allowChat: (chatId) => {
      talked.add(chatId);
    },
    media: (mediaId) => media.get(mediaId),
    uploads: () => [...media.values()],
    stop: async () => {
      for (const c of [...conns]) {
        c.ws.terminate();
        markDead(c);
      }
      await closeServers(wss, server);
    },
  };
}

/** Alias used by the simulator and tests. */
export const start = startFakeWecomBot;

// CLI: `npx tsx scripts/dev/fake-wecom-bot.ts [--bot-id ID] [--secret S] [--port N]` prints the ws URL and runs until killed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const fake = await startFakeWecomBot({
    botId: arg('bot-id') ?? 'fake-bot-id',
    secret: arg('secret') ?? 'fake-bot-secret',
    port: arg('port') ? Number(arg('port')) : undefined,
  });
  process.stdout.write(`${fake.url}\n`);
  const shutdown = () => void fake.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
