// WeCom AI bot ChannelSender. Answers on the callback's req_id while WeCom still takes it (a stream bubble,
// the one template card per message, a welcome within 5 s of enter_chat, a card update within 5 s of the
// click), otherwise pushes with aibot_send_msg. Only the instance holding the long connection can do
// either: elsewhere heldElsewhere() is true and the outbox hands the row over (design §3.4).
//
// The req_ids are remembered in memory, not in the database: they arrived on this connection, and after a
// reconnect or a hand-over the stale ones would only fail with 846605 — the push covers that case.
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { DeliveryError, type ChannelSender } from '../channel.js';
import { isProgress, type ButtonCard, type OutboundMessage, type Recipient } from '../outbound-message.js';
import { isInvalidMedia, isStaleReply, toBotDeliveryError } from './errors.js';
import type { ReplyKind } from './frames.js';
import {
  cardBody, cardLine, cardUpdateBody, CMD, contentOf, imageBody, pushBody, streamBody, streamWithCardBody, welcomeBody, type BotBody,
} from './render.js';

/** What the sender needs of the link (link.ts's WecomBotLink has it). */
export interface BotTransport {
  state(): string;
  reply(reqId: string, cmd: string, body: object): Promise<{ errcode: number; errmsg: string; body?: unknown }>;
  send(chatId: string, body: object): Promise<{ errcode: number; errmsg: string; body?: unknown }>;
  upload(data: Buffer, opts: { type: 'image' | 'file' | 'voice' | 'video'; filename: string }): Promise<string>;
}

export interface WecomBotSenderStore {
  /** The button card we sent with this task_id (an update replaces the whole card). */
  findCard(taskId: string): Promise<ButtonCard | null>;
}

export interface WecomBotTexts {
  /** Closes a progress bubble that would outlive WeCom's stream window. */
  draftingSlow: string;
  /** A card update too late for the click's window, pushed instead. */
  cardDone(label: string): string;
}

export interface WecomBotSender extends ChannelSender {
  /** A stored callback: its req_id may now be answered (single chats and clicks only). */
  noteFrame(f: { reqId: string; replyKind: ReplyKind; userId: string; chatType: 'single' | 'group' }): void;
  /** True while this instance cannot write frames (not holding or not linked): the outbox hands rows over. */
  heldElsewhere(): boolean;
  /**
   * Stopping: no new frame is written (rows go to whoever holds the connection next) and the timers of open
   * progress bubbles are cancelled.
   */
  close(): void;
  /** Resolves when the sends already writing have their acks (call after close, before the socket closes). */
  drain(): Promise<void>;
}

/** A stream must finish within 6 min of the message (WC/100719); keep a minute's margin. */
export const STREAM_WINDOW_MS = 5 * 60_000;
/** Welcome within 5 s of enter_chat and card update within 5 s of the click (SDK README); keep a margin. */
export const WELCOME_WINDOW_MS = 4_000;
export const CLICK_WINDOW_MS = 4_500;
/** media_id lives 3 days; reuse an upload for a day like the other senders. */
const MEDIA_REUSE_MS = 24 * 3_600_000;

interface Passive {
  reqId: string;
  kind: 'msg' | 'welcome';
  at: number;
  /** Something other than progress already went on this req_id: a late progress line is not shown. */
  answered: boolean;
  cardSent: boolean;
  stream: { id: string; timer: ReturnType<typeof setTimeout> | null } | null;
}

const newStreamId = () => `zb${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;

export function createWecomBotSender(opts: {
  link: () => BotTransport | null;
  store: WecomBotSenderStore;
  texts: WecomBotTexts;
  clock?: Clock;
  logger: Logger;
}): WecomBotSender {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger;
  const passive = new Map<string, Passive>(); // by platform userid: the latest answerable frame
  const clicks = new Map<string, number>(); // click req_id → received at
  const uploads = new Map<string, { mediaId: string; at: number }>();
  const now = () => clock.now().getTime();
  let closing = false;
  /** Sends whose frames may be on the wire: a socket closed under them would lose the ack, and a retry elsewhere would say it twice. */
  const inflight = new Set<Promise<void>>();

  function linked(): BotTransport {
    const link = opts.link();
    if (!link || link.state() !== 'linked') throw new DeliveryError('retryable', 'wecom bot is not linked on this instance', { platformCode: 'not_linked' });
    return link;
  }

  /** A call that answered errcode ≠ 0 without throwing is a failure all the same. */
  async function ok(p: Promise<{ errcode: number; errmsg: string; body?: unknown }>): Promise<void> {
    const ack = await p;
    if (ack && typeof ack.errcode === 'number' && ack.errcode !== 0) throw ack;
  }

  function fresh(userId: string): Passive | null {
    const h = passive.get(userId);
    if (!h) return null;
    const window = h.kind === 'welcome' ? WELCOME_WINDOW_MS : STREAM_WINDOW_MS;
    if (now() - h.at < window) return h;
    drop(userId, h);
    return null;
  }

  function drop(userId: string, h: Passive): void {
    if (h.stream?.timer) clearTimeout(h.stream.timer);
    if (passive.get(userId) === h) passive.delete(userId);
  }

  async function mediaFor(link: BotTransport, m: OutboundMessage): Promise<string | undefined> {
    if (m.kind !== 'image') return undefined;
    const cached = uploads.get(m.md5);
    if (cached && now() - cached.at < MEDIA_REUSE_MS) return cached.mediaId;
    const mediaId = await link.upload(Buffer.from(m.base64, 'base64'), { type: 'image', filename: `${m.md5}.png` });
    for (const [md5, u] of uploads) if (now() - u.at >= MEDIA_REUSE_MS) uploads.delete(md5);
    uploads.set(m.md5, { mediaId, at: now() });
    return mediaId;
  }

  async function push(link: BotTransport, chatId: string, m: OutboundMessage): Promise<void> {
    const message: OutboundMessage = m.kind === 'card_update' ? { kind: 'markdown', markdown: opts.texts.cardDone(m.label) } : m;
    await ok(link.send(chatId, { chatid: chatId, ...pushBody(message, await mediaFor(link, message)) }));
  }

  /** Opens the progress bubble on the person's message; nothing when there is no fresh message to answer. */
  async function progress(link: BotTransport, userId: string, m: OutboundMessage): Promise<void> {
    const h = fresh(userId);
    if (!h || h.kind !== 'msg' || h.answered || h.stream) return;
    const id = newStreamId();
    await ok(link.reply(h.reqId, CMD.respond, streamBody(id, contentOf(m) ?? '', false)));
    const left = STREAM_WINDOW_MS - (now() - h.at);
    const timer = setTimeout(() => void closeSlow(userId, h), Math.max(0, left));
    timer.unref?.();
    h.stream = { id, timer };
  }

  async function closeSlow(userId: string, h: Passive): Promise<void> {
    const stream = h.stream;
    drop(userId, h);
    if (!stream) return;
    try {
      await ok(linked().reply(h.reqId, CMD.respond, streamBody(stream.id, opts.texts.draftingSlow, true)));
    } catch (err) {
      log.info({ err: String((err as Error)?.message ?? err) }, 'wecom bot progress bubble could not be closed');
    }
  }

  /** One passive reply on the handle; false when this message cannot go that way (then it is pushed). */
  async function viaPassive(link: BotTransport, h: Passive, m: OutboundMessage): Promise<boolean> {
    if (h.kind === 'welcome') {
      const body = welcomeBody(m);
      if (!body) return false;
      await ok(link.reply(h.reqId, CMD.welcome, body));
      return true; // the handle is dropped by the caller: a welcome is answered once
    }
    let body: BotBody;
    if (m.kind === 'button_card') {
      if (h.cardSent) return false; // one template card per message
      body = h.stream ? streamWithCardBody(h.stream.id, cardLine(m.card), m.card) : cardBody(m.card);
      h.cardSent = true;
    } else if (m.kind === 'image') {
      body = imageBody((await mediaFor(link, m))!);
    } else {
      const content = contentOf(m);
      if (content === null) return false;
      body = streamBody(h.stream?.id ?? newStreamId(), content, true);
    }
    const stream = m.kind === 'image' ? null : h.stream;
    if (stream) {
      if (stream.timer) clearTimeout(stream.timer);
      h.stream = null;
    }
    h.answered = true;
    await ok(link.reply(h.reqId, CMD.respond, body));
    return true;
  }

  async function toUser(link: BotTransport, userId: string, m: OutboundMessage): Promise<void> {
    if (m.kind === 'card_update') return cardUpdate(link, userId, m);
    if (isProgress(m)) return progress(link, userId, m);
    const h = fresh(userId);
    if (h) {
      try {
        const done = await viaPassive(link, h, m);
        if (h.kind === 'welcome') drop(userId, h);
        if (done) return;
      } catch (e) {
        if (!isStaleReply(e)) throw e;
        log.info({ reqKind: h.kind }, 'wecom bot reply window closed; pushing instead');
        drop(userId, h);
      }
    }
    await push(link, userId, m);
  }

  async function cardUpdate(link: BotTransport, userId: string, m: Extract<OutboundMessage, { kind: 'card_update' }>): Promise<void> {
    const at = clicks.get(m.responseCode);
    if (at !== undefined && now() - at < CLICK_WINDOW_MS) {
      const card = await opts.store.findCard(m.taskId);
      if (card) {
        try {
          clicks.delete(m.responseCode); // an update is answered once
          await ok(link.reply(m.responseCode, CMD.update, cardUpdateBody(card, m.label, [userId])));
          return;
        } catch (e) {
          if (!isStaleReply(e)) throw e;
        }
      }
    }
    await push(link, userId, m);
  }

  async function sendOne(recipient: Recipient, m: OutboundMessage): Promise<void> {
    if (recipient.kind === 'wecom_webhook' || recipient.kind === 'dingtalk_webhook') {
      throw new DeliveryError('permanent', 'a group robot webhook is not a WeCom AI bot recipient');
    }
    const link = linked();
    if (recipient.kind === 'chat') {
      if (isProgress(m)) return;
      return push(link, recipient.chatId, m);
    }
    return toUser(link, recipient.userId, m);
  }

  return {
    channel: 'wecom_bot',
    showsProgress: true,
    async probe() {
      const state = opts.link()?.state() ?? 'idle';
      if (state === 'auth_failed' || state === 'displaced') throw new Error(`wecom bot link is ${state}`);
    },
    heldElsewhere: () => closing || opts.link()?.state() !== 'linked',
    noteFrame(f) {
      const at = now();
      if (f.replyKind === 'click') {
        for (const [id, t] of clicks) if (at - t >= CLICK_WINDOW_MS) clicks.delete(id);
        clicks.set(f.reqId, at);
        return;
      }
      // Group messages are answered privately (as on DingTalk): a reply on their req_id would go to the group.
      if (f.chatType !== 'single') return;
      const old = passive.get(f.userId);
      // A bubble still saying "正在整理…" is closed: the result will be pushed.
      if (old?.stream) void closeSlow(f.userId, old);
      else if (old) drop(f.userId, old);
      passive.set(f.userId, { reqId: f.reqId, kind: f.replyKind, at, answered: false, cardSent: false, stream: null });
    },
    async send(recipient, message) {
      if (closing) throw new DeliveryError('retryable', 'wecom bot connection is closing on this instance', { platformCode: 'closing' });
      const run = sendOne(recipient, message);
      inflight.add(run);
      try {
        await run;
      } catch (e) {
        if (isInvalidMedia(e) && message.kind === 'image') uploads.delete(message.md5);
        throw toBotDeliveryError(e);
      } finally {
        inflight.delete(run);
      }
    },
    close() {
      closing = true;
      for (const [userId, h] of passive) drop(userId, h);
    },
    async drain() {
      await Promise.allSettled([...inflight]);
    },
  };
}
