// A local stand-in for DingTalk's Stream gateway (platforms.md §3.3): POST /v1.0/gateway/connections/open
// hands out a one-use ticket, the WebSocket at /connect accepts it, robot messages go out as CALLBACK
// frames, and acks and ping echoes coming back are recorded; unacked frames can be re-delivered.
// Independent of src/ on purpose, so a wire-format mistake there cannot hide behind a shared helper.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { closeServers, listenLocal, OPEN, stateWaiters, WebSocketServer, type WsConn } from './fake-ws-server.js';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export interface FakeAck {
  messageId: string;
  code: number;
  message: string;
  /** The ack's `data`, JSON-parsed when it is a JSON string (the SDK sends JSON.stringify({response})). */
  data: unknown;
  headers: Record<string, unknown>;
  at: Date;
}

export interface FakeOpenCall {
  clientId: unknown;
  ua: unknown;
  subscriptions: unknown;
  accept: string | undefined;
  ok: boolean;
}

export interface FakeDingtalkStream {
  /** HTTP base to pass as apiBase. */
  url: string;
  /** Currently open sockets. */
  connections(): number;
  /** Successful gateway open calls (tickets issued). */
  openCalls(): number;
  /** Every open call, without the secret. */
  openRequests(): FakeOpenCall[];
  /** Tickets issued so far (tests check they never reach a log). */
  tickets(): string[];
  /** Sends a CALLBACK frame on the newest open socket; resolves with its messageId once written. */
  pushRobotMessage(body: object): Promise<string>;
  /** Like pushRobotMessage but with a raw `data` string (e.g. malformed JSON). */
  pushCallbackData(data: string, topic?: string): Promise<string>;
  /** Sends a SYSTEM frame (ping, KEEPALIVE, disconnect …) on the newest socket; returns its messageId. */
  sendSystem(topic: string, data?: object): Promise<string>;
  acks(): FakeAck[];
  /** Replies to SYSTEM frames (the ping echo). */
  systemReplies(): FakeAck[];
  waitForAck(messageId: string, timeoutMs: number): Promise<FakeAck>;
  waitForConnections(n: number, timeoutMs: number): Promise<void>;
  /** Sends every callback frame that has no 200 ack yet again (same messageId and data); returns how many. */
  redeliverUnacked(): Promise<number>;
  /** Server-side close of every socket (abrupt, like a network drop), to test reconnects. */
  dropConnections(): void;
  /** Stops reading from every socket: pings go unanswered, like a half-open TCP connection. */
  freezeConnections(): void;
  /** Delays the next gateway open calls' answers (e.g. to stop a client mid-connect). */
  delayOpen(ms: number): void;
  close(): Promise<void>;
}

interface SentFrame {
  messageId: string;
  type: 'CALLBACK' | 'SYSTEM';
  frame: string;
}

export async function startFakeDingtalkStream(opts: { appKey: string; appSecret: string; port?: number }): Promise<FakeDingtalkStream> {
  const appId = `fake-app-${opts.appKey.slice(-6)}`;
  const validTickets = new Set<string>();
  const issued: string[] = [];
  const openRequests: FakeOpenCall[] = [];
  const sockets: WsConn[] = [];
  const sent = new Map<string, SentFrame>();
  const acks: FakeAck[] = [];
  const systemReplies: FakeAck[] = [];
  const { wake: wakeWaiters, waitFor } = stateWaiters('fake dingtalk stream');
  let openDelayMs = 0;
  let seq = 0;
  let port = 0;

  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const reply = (status: number, body: unknown, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method !== 'POST' || u.pathname !== '/v1.0/gateway/connections/open') {
      return reply(404, { code: 'NotFound', message: `no route ${req.method} ${u.pathname}` });
    }
    const body = await readJson(req);
    const accept = req.headers.accept;
    if (openDelayMs > 0) await new Promise((r) => setTimeout(r, openDelayMs));
    const call: FakeOpenCall = { clientId: body?.clientId, ua: body?.ua, subscriptions: body?.subscriptions, accept, ok: false };
    openRequests.push(call);
    if (!body || body.clientId !== opts.appKey || body.clientSecret !== opts.appSecret) {
      // Exact real answer unknown; an OpenAPI-style 4xx JSON error.
      return reply(401, { code: 'InvalidAuthentication', message: 'clientId or clientSecret is invalid', requestid: `fake-${++seq}` });
    }
    if (!Array.isArray(body.subscriptions)) return reply(400, { code: 'invalidParameter.subscriptions', message: 'subscriptions is required' });
    const ticket = randomUUID();
    validTickets.add(ticket);
    issued.push(ticket);
    call.ok = true;
    // The SDK sends Accept: application/json because the gateway otherwise answers XML.
    if (!accept?.includes('application/json')) {
      return reply(200, `<result><endpoint>ws://127.0.0.1:${port}/connect</endpoint><ticket>${ticket}</ticket></result>`, 'application/xml');
    }
    reply(200, { endpoint: `ws://127.0.0.1:${port}/connect`, ticket });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const u = new URL(req.url ?? '/', 'http://fake');
    const ticket = u.searchParams.get('ticket') ?? '';
    if (u.pathname !== '/connect' || !validTickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      wakeWaiters();
      ws.on('close', () => {
        const i = sockets.indexOf(ws);
        if (i >= 0) sockets.splice(i, 1);
        wakeWaiters();
      });
      ws.on('error', () => undefined);
      ws.on('message', (raw) => record(String(raw)));
      const connectionId = randomUUID();
      for (const topic of ['CONNECTED', 'REGISTERED']) {
        ws.send(JSON.stringify(frame('SYSTEM', topic, `sys-${++seq}`, '{}', connectionId)), () => undefined);
      }
    });
  });

  function frame(type: 'CALLBACK' | 'SYSTEM', topic: string, messageId: string, data: string, connectionId = 'fake-connection') {
    return {
      specVersion: '1.0',
      type,
      headers: { appId, connectionId, contentType: 'application/json', messageId, time: String(Date.now()), topic },
      data,
    };
  }

  function record(text: string): void {
    let msg: { code?: unknown; headers?: { messageId?: unknown }; message?: unknown; data?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    const messageId = typeof msg.headers?.messageId === 'string' ? msg.headers.messageId : '';
    let data: unknown = msg.data;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data);
      } catch {
        /* keep the string */
      }
    }
    const entry: FakeAck = {
      messageId, code: Number(msg.code), message: String(msg.message ?? ''), data, headers: { ...(msg.headers ?? {}) }, at: new Date(),
    };
    (sent.get(messageId)?.type === 'SYSTEM' ? systemReplies : acks).push(entry);
    wakeWaiters();
  }

  function newest(): WsConn {
    const ws = sockets.filter((s) => s.readyState === OPEN).at(-1);
    if (!ws) throw new Error('fake dingtalk stream: no open connection');
    return ws;
  }

  function write(ws: WsConn, text: string): Promise<void> {
    return new Promise((resolve, reject) => ws.send(text, (err) => (err ? reject(err) : resolve())));
  }

  async function push(type: 'CALLBACK' | 'SYSTEM', topic: string, data: string): Promise<string> {
    const ws = newest();
    const messageId = `fake-msg-${++seq}-${randomUUID().slice(0, 8)}`;
    const text = JSON.stringify(frame(type, topic, messageId, data));
    sent.set(messageId, { messageId, type, frame: text });
    await write(ws, text);
    return messageId;
  }

  port = await listenLocal(server, opts.port);

  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => sockets.filter((s) => s.readyState === OPEN).length,
    openCalls: () => issued.length,
    openRequests: () => openRequests.map((r) => ({ ...r })),
    tickets: () => [...issued],
    pushRobotMessage: (body) => push('CALLBACK', TOPIC_ROBOT, JSON.stringify(body)),
    pushCallbackData: (data, topic = TOPIC_ROBOT) => push('CALLBACK', topic, data),
    sendSystem: (topic, data = {}) => push('SYSTEM', topic, JSON.stringify(data)),
    acks: () => [...acks],
    systemReplies: () => [...systemReplies],
    waitForAck: (messageId, timeoutMs) => waitFor(() => acks.find((a) => a.messageId === messageId), timeoutMs, `an ack of ${messageId}`),
    waitForConnections: async (n, timeoutMs) => {
      await waitFor(() => (sockets.filter((s) => s.readyState === OPEN).length === n ? true : undefined), timeoutMs, `${n} open connection(s)`);
    },
    redeliverUnacked: async () => {
      const acked = new Set(acks.filter((a) => a.code === 200).map((a) => a.messageId));
      const pending = [...sent.values()].filter((f) => f.type === 'CALLBACK' && !acked.has(f.messageId));
      if (pending.length === 0) return 0;
      const ws = newest();
      for (const f of pending) await write(ws, f.frame);
      return pending.length;
    },
    dropConnections: () => {
      for (const ws of [...sockets]) ws.terminate();
    },
    freezeConnections: () => {
      for (const ws of sockets) ws._socket?.pause();
    },
    delayOpen: (ms) => {
      openDelayMs = ms;
    },
    close: async () => {
      for (const ws of [...sockets]) ws.terminate();
      await closeServers(wss, server);
    },
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
