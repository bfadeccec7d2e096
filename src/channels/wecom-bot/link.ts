// The WeCom AI-bot (智能机器人) long connection, one per bot across all instances: only the holder of the
// database lease `wecom-bot:<botId>` runs a WSClient (@wecom/aibot-node-sdk, pinned 1.0.7). Adds what the SDK
// lacks (design §2–3.1): an auth timeout, a pause after repeated auth failures, respect for disconnected_event
// (another client took the bot: stay down for a cool-down, keep the lease, never fight), errors with errcodes.
import { generateReqId, WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Database } from '../../store/database.js';
import { toWecomBotError, WecomBotError } from './link-error.js';
import { startLinkLease } from './link-lease.js';
import { uploadThroughFrames } from './link-upload.js';

export { WecomBotError, type WecomBotErrorKind } from './link-error.js';

export type WecomBotLinkState = 'idle' | 'waiting_lease' | 'connecting' | 'linked' | 'auth_failed' | 'displaced' | 'stopped';
export interface WecomBotFrame { cmd: string; headers: { req_id: string }; body: any }
export interface WecomBotAck { errcode: number; errmsg: string; body?: any }

export interface WecomBotLinkTimings {
  /** Lease lifetime without renewal (default 45 s, as the DingTalk Stream lease). */
  leaseTtlMs: number;
  /** Renew period for the holder, retry period for the others (default 10 s). */
  leaseRenewMs: number;
  /** Socket open → auth ack; the SDK waits forever (default 15 s). */
  authTimeoutMs: number;
  /** Pause after repeated auth failures (default 5 min). */
  authRetryMs: number;
  /** Time down after a disconnected_event (default 10 min; doubles, up to 12×, when displaced again soon after). */
  displacedCooldownMs: number;
  /** SDK ping period; 2 unanswered pings drop the socket (default 30 s). */
  heartbeatMs: number;
  /** First reconnect delay, doubling to the SDK's 30 s cap (default 1 s). */
  reconnectBaseMs: number;
}

export interface WecomBotLinkOptions {
  botId: string; secret: string; wsUrl: string;
  db: Database; holder: string; logger: Logger; clock?: Clock;
  /** Tenant of the lease row (default 'default', the single-tenant id). */
  tenantId?: string;
  /** Called for every aibot_msg_callback / aibot_event_callback frame except disconnected_event; resolve after the inbox write. */
  onFrame(frame: WecomBotFrame): Promise<void>;
  timings?: Partial<WecomBotLinkTimings>;
}

export interface WecomBotLink {
  state(): WecomBotLinkState;
  /** A passive reply on a callback's req_id: cmd is aibot_respond_msg | aibot_respond_welcome_msg | aibot_respond_update_msg. */
  reply(reqId: string, cmd: string, body: object): Promise<WecomBotAck>;
  /** aibot_send_msg to a user id or group chat id. */
  send(chatId: string, body: object): Promise<WecomBotAck>;
  /** Upload through the init/chunk/finish frames; returns the media_id. */
  upload(data: Buffer, opts: { type: 'image' | 'file' | 'voice' | 'video'; filename: string }): Promise<string>;
  stop(): Promise<void>;
}

const DEFAULT_TIMINGS: WecomBotLinkTimings = {
  leaseTtlMs: 45_000,
  leaseRenewMs: 10_000,
  authTimeoutMs: 15_000,
  authRetryMs: 5 * 60_000,
  displacedCooldownMs: 10 * 60_000,
  heartbeatMs: 30_000,
  reconnectBaseMs: 1_000,
};
/** Consecutive auth failures (refusals, timeouts, closes before the answer) before pausing for authRetryMs. */
const MAX_AUTH_FAILURES = 3;
const RECONNECT_MAX_MS = 30_000;
const DISPLACED_MAX_FACTOR = 12;
/** How long stop() waits for onFrame calls in flight. */
const DRAIN_MS = 10_000;
const PASSIVE_CMDS = new Set(['aibot_respond_msg', 'aibot_respond_welcome_msg', 'aibot_respond_update_msg']);

/** The SDK logs `message, ...args` to a console-like logger; ours is pino. Its info lines are chatty → debug. */
function sdkLogger(log: Logger) {
  const text = (message: string, args: unknown[]) =>
    [message, ...args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))].join(' ');
  return {
    debug: (m: string, ...a: unknown[]) => log.debug(text(m, a)),
    info: (m: string, ...a: unknown[]) => log.debug(text(m, a)),
    warn: (m: string, ...a: unknown[]) => log.warn(text(m, a)),
    error: (m: string, ...a: unknown[]) => log.warn(text(m, a)),
  };
}

export function startWecomBotLink(opts: WecomBotLinkOptions): WecomBotLink {
  const t: WecomBotLinkTimings = { ...DEFAULT_TIMINGS, ...opts.timings };
  const log = opts.logger.child({ component: 'wecom-bot-link', botId: opts.botId });
  const sdkLog = sdkLogger(log.child({ sdk: 'aibot-node-sdk' }));

  let state: WecomBotLinkState = 'idle';
  let stopped = false;
  let stopping: Promise<void> | null = null;
  let client: WSClient | null = null;
  let authTimer: ReturnType<typeof setTimeout> | null = null;
  let pauseTimer: ReturnType<typeof setTimeout> | null = null;
  let authFailures = 0;
  /** Per socket: its auth failure was already counted (refusal) — the close that follows is not another. */
  let authCounted = false;
  let linkedAt = 0;
  let displacedBefore = false;
  let cooldownMs = t.displacedCooldownMs;
  const inflight = new Set<Promise<void>>();

  function setState(next: WecomBotLinkState): void {
    if (state === next) return;
    log.debug({ from: state, to: next }, 'wecom bot link state');
    state = next;
  }

  const lease = startLinkLease({
    db: opts.db,
    tenantId: opts.tenantId ?? 'default',
    name: `wecom-bot:${opts.botId}`,
    holder: opts.holder,
    ttlMs: t.leaseTtlMs,
    renewMs: t.leaseRenewMs,
    clock: opts.clock ?? systemClock,
    log,
    onAcquired: () => bringUp(),
    onLost() {
      clearPause();
      tearDown();
      setState('waiting_lease');
      log.warn('wecom bot link down: lease lost');
    },
    onMissed() {
      if (state === 'idle') setState('waiting_lease');
    },
  });

  function clearPause(): void {
    if (pauseTimer !== null) clearTimeout(pauseTimer);
    pauseTimer = null;
  }

  function pause(ms: number, then: () => void): void {
    clearPause();
    if (stopped) return;
    pauseTimer = setTimeout(() => {
      pauseTimer = null;
      then();
    }, ms);
  }

  function clearAuthTimer(): void {
    if (authTimer !== null) clearTimeout(authTimer);
    authTimer = null;
  }

  /** Drops the current client: no more events from it, socket terminated, SDK reconnects cancelled. */
  function tearDown(): void {
    clearAuthTimer();
    const c = client;
    client = null;
    if (c === null) return;
    c.removeAllListeners();
    c.on('error', () => undefined); // eventemitter3 would not throw, but keep late errors out of the void
    c.disconnect();
  }

  /** A fresh WSClient per attempt cycle: the SDK keeps `started` and its counters across disconnect() (quirks 4–5). */
  function bringUp(): void {
    if (stopped || !lease.holding()) return;
    clearPause();
    tearDown();
    setState('connecting');
    const c = new WSClient({
      botId: opts.botId,
      secret: opts.secret,
      wsUrl: opts.wsUrl,
      logger: sdkLog,
      heartbeatInterval: t.heartbeatMs,
      reconnectInterval: t.reconnectBaseMs,
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: -1, // counted here, together with auth timeouts
      wsOptions: { handshakeTimeout: t.authTimeoutMs },
    });
    client = c;
    const mine = () => client === c;
    c.on('connected', () => {
      if (!mine()) return;
      authCounted = false;
      setState('connecting');
      clearAuthTimer();
      authTimer = setTimeout(() => {
        authTimer = null;
        if (mine()) authFailed('no auth answer', true);
      }, t.authTimeoutMs);
    });
    c.on('authenticated', () => {
      if (!mine()) return;
      clearAuthTimer();
      authFailures = 0;
      linkedAt = performance.now();
      setState('linked');
      log.info('wecom bot linked');
    });
    c.on('disconnected', (reason: string) => {
      if (!mine()) return;
      if (authTimer !== null && !authCounted) return authFailed(`closed before the auth answer (${reason})`, false);
      clearAuthTimer();
      if (state === 'linked') log.warn({ reason }, 'wecom bot link dropped; reconnecting');
      setState('connecting');
    });
    c.on('error', (err: Error) => {
      if (!mine()) return;
      if (/^Authentication failed/.test(err.message)) {
        authCounted = true;
        return authFailed(err.message, false);
      }
      log.debug({ reason: err.message }, 'wecom bot sdk error');
    });
    c.on('message', (frame: WsFrame) => {
      if (mine()) dispatch(frame);
    });
    c.on('event', (frame: WsFrame) => {
      if (!mine()) return;
      if (frame.body?.event?.eventtype === 'disconnected_event') return displaced();
      dispatch(frame);
    });
    c.connect();
  }

  /** One failed auth; `restart`: the SDK will not retry this one by itself (timeout on a zombie socket). */
  function authFailed(reason: string, restart: boolean): void {
    clearAuthTimer();
    authFailures += 1;
    if (authFailures >= MAX_AUTH_FAILURES) {
      tearDown();
      setState('auth_failed');
      log.error({ reason, failures: authFailures, retryInMs: t.authRetryMs }, 'wecom bot auth failed; check WECOM_BOT_ID / WECOM_BOT_SECRET');
      authFailures = 0;
      return pause(t.authRetryMs, bringUp);
    }
    log.warn({ reason, failures: authFailures }, 'wecom bot auth failed; retrying');
    setState('connecting');
    if (!restart) return; // the SDK reconnects after a refusal or a close
    tearDown();
    pause(Math.min(t.reconnectBaseMs * 2 ** (authFailures - 1), RECONNECT_MAX_MS), bringUp);
  }

  function displaced(): void {
    tearDown();
    // Displaced again soon after coming back: the other client is still there — wait longer each time.
    const soon = displacedBefore && performance.now() - linkedAt < t.displacedCooldownMs;
    cooldownMs = soon ? Math.min(cooldownMs * 2, t.displacedCooldownMs * DISPLACED_MAX_FACTOR) : t.displacedCooldownMs;
    displacedBefore = true;
    setState('displaced');
    log.error({ cooldownMs }, 'wecom bot displaced: another client connected with this Bot ID; staying down (lease kept)');
    pause(cooldownMs, bringUp);
  }

  function dispatch(frame: WsFrame): void {
    const f: WecomBotFrame = { cmd: frame.cmd ?? '', headers: { req_id: frame.headers?.req_id ?? '' }, body: frame.body };
    const p = (async () => {
      try {
        await opts.onFrame(f);
      } catch (err) {
        log.error({ err, cmd: f.cmd, msgid: f.body?.msgid }, 'wecom bot frame handler failed');
      }
    })();
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }

  async function command(what: string, send: (c: WSClient) => Promise<WsFrame>): Promise<WecomBotAck> {
    const c = client;
    if (c === null || state !== 'linked') throw new WecomBotError('not_linked', null, `${what}: wecom bot not linked (${state})`);
    let ack: WsFrame;
    try {
      ack = await send(c);
    } catch (e) {
      throw toWecomBotError(e, what);
    }
    const out: WecomBotAck = { errcode: ack.errcode ?? 0, errmsg: ack.errmsg ?? 'ok' };
    if (ack.body !== undefined) out.body = ack.body;
    return out;
  }

  async function drain(): Promise<void> {
    const until = performance.now() + DRAIN_MS;
    while (inflight.size > 0) {
      const left = until - performance.now();
      if (left <= 0) return void log.warn({ inflight: inflight.size }, 'wecom bot link stop: frames still being stored');
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
  }

  return {
    state: () => state,
    reply(reqId, cmd, body) {
      if (!PASSIVE_CMDS.has(cmd)) return Promise.reject(new TypeError(`not a passive reply command: ${cmd}`));
      return command(cmd, (c) => c.reply({ headers: { req_id: reqId } }, body as Record<string, unknown>, cmd));
    },
    send(chatId, body) {
      return command('aibot_send_msg', (c) => c.sendMessage(chatId, body as Parameters<WSClient['sendMessage']>[1]));
    },
    upload(data, o) {
      return uploadThroughFrames(
        (cmd, body) => command(cmd, (c) => c.reply({ headers: { req_id: generateReqId(cmd) } }, body as Record<string, unknown>, cmd)),
        data, o,
      );
    },
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearPause();
        await lease.stop();
        // The socket stays up while frames in flight are stored (frames arriving meanwhile are stored too):
        // no re-delivery is known to exist, so a frame received is a frame to keep.
        await drain();
        tearDown();
        setState('stopped');
        await lease.release();
        log.info('wecom bot link stopped');
      })();
      return stopping;
    },
  };
}
