// DingTalk Stream mode (platforms.md §3.3): only the lease holder keeps a WebSocket to the gateway;
// robot-message CALLBACK frames become inbox writes and each frame is acked only after its write.
// The SDK's DWClient parses and dispatches frames and writes acks; connecting, reconnecting and
// closing are done here because the SDK's own versions leak sockets and reconnect after disconnect().
import axios from 'axios';
import { DWClient, TOPIC_ROBOT, type DWClientConfig, type DWClientDownStream } from 'dingtalk-stream';
// @ts-ignore -- ws (a dependency of dingtalk-stream) ships no types; the part used is typed below.
import { WebSocket as WsImpl } from 'ws';
import { AppError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import {
  ACK_MALFORMED, ACK_STORED, describeEndpoint, gatewayOpenUrl, parseCallbackData, parseGatewayOpenResponse,
  reconnectDelayMs, redactTickets, websocketUrl,
} from './stream-frames.js';

export interface StreamLease {
  /** Try to become the one instance holding the stream; true when this instance holds it now. */
  tryAcquire(): Promise<boolean>;
  /** Extend our hold; false when we lost it (another instance took over after expiry). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export interface DingtalkStreamOptions {
  /** e.g. https://api.dingtalk.com — the gateway open call goes here, not to the SDK's hard-coded URL. */
  apiBase: string;
  appKey: string;
  appSecret: string;
  logger: Logger;
  lease: StreamLease;
  /** Stores one robot message durably (inbox). Resolve = stored or judged duplicate/invalid → ack the frame. Throw = not stored → do NOT ack, so DingTalk re-delivers. */
  onRobotMessage(data: unknown): Promise<void>;
  /** How often a non-holder retries tryAcquire (default 15 s). */
  leaseRetryMs?: number;
  /** How often the holder renews (default 10 s). */
  leaseRenewMs?: number;
  /** Consecutive renew() exceptions after which the holder assumes the lease is gone (default 3). */
  leaseRenewMaxFailures?: number;
  /** First reconnect delay, doubling per failure up to reconnectMaxMs (defaults 1 s and 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** WebSocket ping period; a connection that missed one pong is dropped (default 10 s). */
  heartbeatMs?: number;
  /** How long stop() waits for stores in flight so their frames can still be acked (default 5 s). */
  drainTimeoutMs?: number;
}

export interface DingtalkStream {
  stop(): Promise<void>;
  isConnected(): boolean;
  holdsLease(): boolean;
}

const OPEN_TIMEOUT_MS = 10_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const CLOSE_GRACE_MS = 1_000;
/** A connection that lived this long resets the reconnect backoff; shorter ones count as failures. */
const STABLE_CONNECTION_MS = 30_000;
const WS_OPEN = 1;
const WS_CLOSING = 2;
const WS_CLOSED = 3;

/** The part of a `ws` WebSocket used here (no @types/ws installed). */
interface WsSocket {
  readonly readyState: number;
  on(event: 'open' | 'pong', listener: () => void): unknown;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'close', listener: (code: number, reason: unknown) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  ping(): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}
type WsConstructor = new (url: string, opts: { handshakeTimeout: number; followRedirects: boolean }) => WsSocket;
const WebSocketCtor = WsImpl as WsConstructor;

/** DWClient fields the SDK declares private but that its send()/ping echo read. Pinned: dingtalk-stream@2.1.5. */
interface SdkInternals {
  socket?: WsSocket;
  dw_url?: string;
}

type CloseCause = 'local' | 'server-disconnect' | 'heartbeat' | 'remote';

interface GatewayClientOptions {
  apiBase: string;
  appKey: string;
  appSecret: string;
  logger: Logger;
  heartbeatMs: number;
  onRobotFrame(frame: DWClientDownStream, connection: object): void;
  onClose(info: { wasOpen: boolean; code: number; cause: CloseCause; openMs: number }): void;
}

function safeMessage(e: unknown): string {
  if (axios.isAxiosError(e)) return e.code ?? 'request failed'; // never the error itself: its config holds the secret
  return redactTickets(e instanceof Error ? e.message : String(e));
}

/**
 * DWClient with our transport: the gateway open call goes to apiBase, one socket at a time, a
 * ping/pong heartbeat, no console output, no reconnects of its own. Frame dispatch (ping echo,
 * EVENT auto-ack, CALLBACK → listener) and the ack format stay the SDK's.
 */
class GatewayClient extends DWClient {
  readonly #o: GatewayClientOptions;
  #ws: WsSocket | null = null;
  #wsUrl: string | null = null;
  #endpoint = '';
  #closing = true;
  #abort: AbortController | null = null;
  #cause: CloseCause | null = null;
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  #alive = false;
  #delivering: WsSocket | null = null;

  constructor(o: GatewayClientOptions) {
    const config: DWClientConfig = {
      clientId: o.appKey,
      clientSecret: o.appSecret,
      ua: '',
      debug: false, // printDebug would print the config (with the secret) and the URL with the ticket
      keepAlive: false, // our heartbeat below; the SDK's leaks an interval per reconnect
      autoReconnect: false, // reconnects are startDingtalkStream's
      subscriptions: [], // our own array: the SDK's default one is shared by every DWClient
    };
    super(config);
    this.#o = o;
    this.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
      this.#o.onRobotFrame(frame, this.#delivering ?? this.#ws ?? {});
    });
    // A CALLBACK frame with topic "error" would otherwise throw from EventEmitter.emit.
    this.on('error', () => this.#o.logger.warn('dingtalk stream frame with topic "error" ignored'));
  }

  get #sdk(): SdkInternals {
    return this as unknown as SdkInternals;
  }

  get endpoint(): string {
    return this.#endpoint;
  }

  /** Opens the gateway (a fresh ticket) and the WebSocket; resolves once open. Never retries. */
  override async connect(): Promise<void> {
    if (this.#ws !== null) throw new Error('already connected');
    this.#closing = false;
    const abort = new AbortController();
    this.#abort = abort;
    try {
      await this.getEndpoint();
      await this._connect();
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** Same request as the SDK's (body, Accept header), but against apiBase and with a timeout. */
  override async getEndpoint(): Promise<this> {
    const body = { clientId: this.config.clientId, clientSecret: this.config.clientSecret, ua: this.config.ua, subscriptions: this.config.subscriptions };
    let res;
    try {
      res = await axios.post(gatewayOpenUrl(this.#o.apiBase), body, {
        // Without it the gateway answers XML (SDK comment).
        headers: { Accept: 'application/json' },
        responseType: 'json',
        timeout: OPEN_TIMEOUT_MS,
        validateStatus: () => true,
        signal: this.#abort?.signal,
      });
    } catch (e) {
      throw new Error(`gateway open failed: ${safeMessage(e)}`);
    }
    if (res.status < 200 || res.status >= 300) {
      const code = (res.data as { code?: unknown } | null)?.code;
      throw new Error(`gateway open failed: HTTP ${res.status}${typeof code === 'string' ? ` ${code.slice(0, 80)}` : ''}`);
    }
    const ticket = parseGatewayOpenResponse(res.data);
    this.#endpoint = describeEndpoint(ticket.endpoint);
    this.#wsUrl = websocketUrl(ticket);
    this.#sdk.dw_url = this.#wsUrl;
    return this;
  }

  override _connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = this.#wsUrl;
      this.#wsUrl = null; // a ticket is used once
      this.#sdk.dw_url = undefined;
      if (this.#closing || url === null) return reject(new Error('connect cancelled'));
      let ws: WsSocket;
      try {
        ws = new WebSocketCtor(url, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS, followRedirects: false });
      } catch (e) {
        return reject(new Error(`websocket: ${safeMessage(e)}`));
      }
      this.#ws = ws;
      this.#sdk.socket = ws;
      this.#cause = null;
      let openedAt = 0;
      ws.on('open', () => {
        openedAt = Date.now();
        this.connected = true;
        this.#startHeartbeat(ws);
        resolve();
      });
      ws.on('pong', () => {
        this.#alive = true;
      });
      ws.on('message', (raw) => this.#deliver(ws, raw));
      ws.on('error', (err) => {
        if (openedAt === 0) reject(new Error(`websocket: ${safeMessage(err)}`));
        else if (this.#cause === null) this.#o.logger.warn({ reason: safeMessage(err) }, 'dingtalk stream socket error');
        ws.terminate();
      });
      ws.on('close', (code) => {
        this.#stopHeartbeat();
        if (this.#ws === ws) {
          this.#ws = null;
          this.#sdk.socket = undefined;
        }
        this.connected = false;
        this.registered = false;
        if (openedAt === 0) reject(new Error(`websocket closed before open (code ${code})`));
        this.#o.onClose({ wasOpen: openedAt !== 0, code, cause: this.#cause ?? 'remote', openMs: openedAt ? Date.now() - openedAt : 0 });
      });
    });
  }

  /** The SDK's disconnect() prints to the console and closes without waiting; this one is quiet. */
  override disconnect(): void {
    void this.close();
  }

  /** Cancels a connect in progress and closes the socket; resolves once it is closed. */
  close(): Promise<void> {
    this.#closing = true;
    this.#abort?.abort();
    this.#wsUrl = null;
    const ws = this.#ws;
    if (ws === null) return Promise.resolve();
    this.#cause ??= 'local';
    return closeSocket(ws);
  }

  /** Acks on the connection that delivered the frame; false when that connection is gone. */
  ack(connection: object, messageId: string, response: unknown): boolean {
    const ws = this.#ws;
    if (ws === null || ws !== connection || ws.readyState !== WS_OPEN) return false;
    this.socketCallBackResponse(messageId, response);
    return true;
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    // The gateway announces a close (rebalancing) and stops delivering on this connection: reconnect
    // now instead of waiting for it to drop us (the Python and Rust SDKs close at once too).
    if (downstream.headers?.topic === 'disconnect' && this.#ws !== null && this.#cause === null) {
      this.#cause = 'server-disconnect';
      void closeSocket(this.#ws);
    }
  }

  override onEvent(message: DWClientDownStream): void {
    this.#o.logger.debug({ messageId: message.headers?.messageId, eventType: message.headers?.eventType }, 'dingtalk stream event auto-acked');
    super.onEvent(message);
  }

  #deliver(ws: WsSocket, raw: unknown): void {
    this.#alive = true;
    this.#delivering = ws;
    try {
      this.onDownStream(String(raw));
    } catch (e) {
      this.#o.logger.warn({ reason: e instanceof SyntaxError ? 'frame is not JSON' : safeMessage(e) }, 'dingtalk stream frame dropped');
    } finally {
      this.#delivering = null;
    }
  }

  #startHeartbeat(ws: WsSocket): void {
    this.#stopHeartbeat();
    this.#alive = true;
    this.#heartbeat = setInterval(() => {
      if (!this.#alive) {
        this.#cause ??= 'heartbeat';
        this.#o.logger.warn({ heartbeatMs: this.#o.heartbeatMs }, 'dingtalk stream missed a pong; dropping the connection');
        ws.terminate();
        return;
      }
      this.#alive = false;
      ws.ping();
    }, this.#o.heartbeatMs);
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }
}

/** Close handshake, then terminate if the peer does not answer in time; resolves on 'close'. */
function closeSocket(ws: WsSocket): Promise<void> {
  if (ws.readyState === WS_CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (ws.readyState === WS_OPEN) ws.close(1000, 'client closing');
    else if (ws.readyState !== WS_CLOSING) ws.terminate(); // CONNECTING: abort the handshake
  });
}

/**
 * Starts competing for the lease and returns after the first attempt; connecting, reconnecting and
 * lease renewal then run in the background until stop().
 */
export async function startDingtalkStream(opts: DingtalkStreamOptions): Promise<DingtalkStream> {
  // The SDK would console.error and throw on these; ours is the house error.
  if (!opts.appKey || !opts.appSecret) throw new AppError('dingtalk_stream_config', 'DingTalk Stream needs appKey and appSecret');
  const log = opts.logger.child({ component: 'dingtalk-stream' });
  const retryMs = opts.leaseRetryMs ?? 15_000;
  const renewMs = opts.leaseRenewMs ?? 10_000;
  const maxRenewFailures = opts.leaseRenewMaxFailures ?? 3;
  const minDelay = opts.reconnectMinMs ?? 1_000;
  const maxDelay = opts.reconnectMaxMs ?? 30_000;
  const drainMs = opts.drainTimeoutMs ?? 5_000;

  let stopped = false;
  let holding = false;
  let link: 'down' | 'connecting' | 'up' = 'down';
  let failures = 0; // consecutive failed connects and short-lived connections
  let renewFailures = 0;
  let leaseTimer: ReturnType<typeof setTimeout> | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let tick: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;
  const inflight = new Set<Promise<void>>();
  const wantLink = () => !stopped && holding;

  const client = new GatewayClient({
    apiBase: opts.apiBase,
    appKey: opts.appKey,
    appSecret: opts.appSecret,
    logger: log,
    heartbeatMs: opts.heartbeatMs ?? 10_000,
    onRobotFrame(frame, connection) {
      const p = handleRobotFrame(frame, connection);
      inflight.add(p);
      void p.then(() => inflight.delete(p));
    },
    onClose({ wasOpen, code, cause, openMs }) {
      if (!wasOpen) return; // a failed handshake: connect() schedules the retry
      link = 'down';
      if (!wantLink()) return void log.info({ code }, 'dingtalk stream disconnected');
      failures = openMs >= STABLE_CONNECTION_MS ? 0 : failures + 1;
      // Announced disconnects (rebalancing) reconnect at once, unless they keep coming on short connections.
      if (cause === 'server-disconnect' && failures <= 1) {
        log.info('dingtalk stream gateway asked us to reconnect');
        return scheduleConnect(0);
      }
      const delay = reconnectDelayMs(Math.max(1, failures), minDelay, maxDelay);
      log.warn({ code, cause, retryInMs: delay }, 'dingtalk stream connection closed; reconnecting');
      scheduleConnect(delay);
    },
  });

  function scheduleConnect(delayMs: number): void {
    if (!wantLink() || link !== 'down' || reconnectTimer !== null) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, delayMs);
  }

  function cancelReconnect(): void {
    if (reconnectTimer !== null) clearTimeout(reconnectTimer);
    reconnectTimer = null;
  }

  async function connect(): Promise<void> {
    if (!wantLink() || link !== 'down') return;
    link = 'connecting';
    try {
      await client.connect();
    } catch (e) {
      link = 'down';
      if (!wantLink()) return;
      failures += 1;
      const delay = reconnectDelayMs(failures, minDelay, maxDelay);
      log.warn({ attempt: failures, retryInMs: delay, reason: safeMessage(e) }, 'dingtalk stream connect failed');
      return scheduleConnect(delay);
    }
    link = 'up';
    // stop() or a lost lease while the handshake finished: onClose will mark the link down.
    if (!wantLink()) return void client.close();
    log.info({ endpoint: client.endpoint }, 'dingtalk stream connected');
  }

  async function handleRobotFrame(frame: DWClientDownStream, connection: object): Promise<void> {
    const messageId = frame.headers?.messageId;
    try {
      if (typeof messageId !== 'string' || messageId === '') {
        return void log.warn({ topic: frame.headers?.topic }, 'dingtalk stream frame without messageId cannot be acked');
      }
      if (!wantLink()) return void log.debug({ messageId }, 'dingtalk stream frame left for re-delivery (stopping)');
      const data = parseCallbackData(frame.data);
      if (!data.ok) {
        log.warn({ messageId, reason: data.reason }, 'dingtalk robot frame unreadable; acked as rejected so it is not re-delivered');
        return ack(connection, messageId, ACK_MALFORMED);
      }
      log.debug({ messageId }, 'dingtalk robot message received');
      try {
        await opts.onRobotMessage(data.value);
      } catch (err) {
        return void log.error({ err, messageId }, 'dingtalk robot message not stored; not acked, DingTalk will re-deliver');
      }
      ack(connection, messageId, ACK_STORED);
    } catch (err) {
      log.error({ err, messageId }, 'dingtalk stream frame handling failed');
    }
  }

  function ack(connection: object, messageId: string, response: unknown): void {
    if (client.ack(connection, messageId, response)) log.debug({ messageId }, 'dingtalk stream frame acked');
    else log.info({ messageId }, 'dingtalk stream connection gone before the ack; DingTalk will re-deliver');
  }

  async function acquire(): Promise<void> {
    let got = false;
    try {
      got = await opts.lease.tryAcquire();
    } catch (err) {
      log.warn({ err }, 'dingtalk stream lease acquire failed');
    }
    if (!got) return;
    holding = true;
    renewFailures = 0;
    if (stopped) return; // stop() releases it
    log.info('dingtalk stream lease acquired; connecting');
    scheduleConnect(0);
  }

  async function renew(): Promise<void> {
    let ok: boolean;
    try {
      ok = await opts.lease.renew();
      renewFailures = 0;
    } catch (err) {
      renewFailures += 1;
      ok = renewFailures < maxRenewFailures;
      log.warn({ err, failures: renewFailures }, 'dingtalk stream lease renew failed');
    }
    if (ok) return;
    holding = false;
    log.warn('dingtalk stream lease lost; disconnecting');
    cancelReconnect();
    await client.close();
  }

  function runTick(): Promise<void> {
    if (stopped) return Promise.resolve();
    tick = (holding ? renew() : acquire())
      .catch((err: unknown) => log.error({ err }, 'dingtalk stream lease tick failed'))
      .finally(() => {
        tick = null;
        if (stopped) return;
        leaseTimer = setTimeout(() => {
          leaseTimer = null;
          void runTick();
        }, holding ? renewMs : retryMs);
      });
    return tick;
  }

  async function drain(): Promise<void> {
    if (inflight.size === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, drainMs);
    });
    await Promise.race([Promise.allSettled([...inflight]), timeout]);
    clearTimeout(timer);
  }

  function stop(): Promise<void> {
    stopping ??= (async () => {
      stopped = true;
      if (leaseTimer !== null) clearTimeout(leaseTimer);
      leaseTimer = null;
      cancelReconnect();
      await tick;
      await drain(); // the connection stays open so stores in flight can still be acked
      await client.close();
      if (holding) {
        holding = false;
        try {
          await opts.lease.release();
        } catch (err) {
          log.warn({ err }, 'dingtalk stream lease release failed; it will expire');
        }
      }
      log.info('dingtalk stream stopped');
    })();
    return stopping;
  }

  await runTick();
  return {
    stop,
    isConnected: () => link === 'up',
    holdsLease: () => holding,
  };
}
