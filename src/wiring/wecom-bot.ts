// Composition of the WeCom AI bot channel (issue 14): the lease-held long connection, its frames decoded
// into the inbox (stored first, then answered), the sender bound to the connection and the outbox, and the
// `deliver-linked` queue that only the instance holding the connection works (design §3.4).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app/app-deps.js';
import { acceptInbound } from '../app/inbound/accept-inbound.js';
import { msg } from '../app/messages.js';
import { deliverOutbound } from '../app/outbound/deliver-outbound.js';
import type { WecomBotConfig } from '../config/app-config.js';
import { decodeFrame } from '../channels/wecom-bot/frames.js';
import { startWecomBotLink, type WecomBotFrame, type WecomBotLink, type WecomBotLinkOptions } from '../channels/wecom-bot/link.js';
import { streamBody, CMD } from '../channels/wecom-bot/render.js';
import { createWecomBotSender, type WecomBotSender } from '../channels/wecom-bot/sender.js';
import type { Clock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { sanitizeDeep } from '../shared/sanitize-text.js';
import type { Database } from '../store/database.js';
import { findQueuedCard } from '../store/repos/outbox-repo.js';

export type WecomBotTimings = WecomBotLinkOptions['timings'];

export interface WecomBotChannel {
  sender: WecomBotSender;
  /** Competes for the connection and, while holding it, works the deliver-linked queue. */
  start(app: AppDeps, timings?: WecomBotTimings): void;
  stop(): Promise<void>;
}

/** How often the connection state is looked at to start or stop working the hand-over queue. */
const WATCH_MS = 200;

export function wecomBotChannel(
  bot: WecomBotConfig, deps: { db: Database; clock: Clock; logger: Logger; tenantId: string },
): WecomBotChannel {
  const log = deps.logger.child({ component: 'wecom-bot' });
  let link: WecomBotLink | null = null;
  let watcher: ReturnType<typeof setInterval> | null = null;
  let working = false;
  let toggling: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | null = null;
  /** The app the connection was started for (its queue holds the deliveries to drain at stop). */
  let started: AppDeps | null = null;

  const sender = createWecomBotSender({
    link: () => link,
    store: { findCard: (taskId) => findQueuedCard(deps.db, deps.tenantId, 'wecom_bot', taskId) },
    texts: { draftingSlow: msg.wecomBot.draftingSlow, cardDone: msg.wecomBot.cardDone },
    clock: deps.clock,
    logger: log,
  });

  async function onFrame(app: AppDeps, raw: WecomBotFrame): Promise<void> {
    const frame = sanitizeDeep(raw);
    const decoded = decodeFrame(frame, { botId: bot.botId, now: deps.clock.now() });
    if (decoded.kind === 'ignored') {
      const level = decoded.reason === 'foreign_bot' || decoded.reason === 'malformed' ? 'warn' : 'debug';
      log[level]({ cmd: frame.cmd, reason: decoded.reason, detail: decoded.detail }, 'wecom bot frame not stored');
      return;
    }
    const { event } = decoded;
    if (event.chatId) log.info({ chatId: event.chatId }, 'wecom bot group seen'); // the id a team's alert target needs
    if (event.type === 'unsupported' && event.platformType === 'event:feedback_event') {
      const fb = (frame.body?.event?.feedback_event ?? {}) as { id?: unknown; type?: unknown };
      log.info({ id: fb.id, type: fb.type }, 'wecom bot feedback');
    }
    // Noted before the write so the answer can never be ready first; a frame that is not stored is never answered on.
    sender.noteFrame({ reqId: decoded.reqId, replyKind: decoded.replyKind, userId: decoded.userId, chatType: decoded.chatType });
    try {
      await acceptInbound(app, event);
    } catch (err) {
      if (isAppError(err) && err.status < 500) return void log.warn({ err }, 'wecom bot message refused');
      // WeCom is not known to deliver a callback again: say so now rather than lose it silently.
      log.error({ err, dedupeKey: event.dedupeKey }, 'wecom bot message not stored; told the sender to resend');
      if (decoded.replyKind === 'msg' && link) {
        await link.reply(decoded.reqId, CMD.respond, streamBody(`busy${Date.now().toString(36)}`, msg.wecomBot.busy, true)).catch(() => undefined);
      }
    }
  }

  /** Work the hand-over queue exactly while this instance's connection is up. */
  function watch(app: AppDeps): void {
    const { pollingIntervalSeconds } = app.config.worker;
    watcher = setInterval(() => {
      const want = link?.state() === 'linked';
      if (want === working) return;
      working = want;
      toggling = toggling.then(async () => {
        try {
          if (want) {
            await app.queue.work('deliver-linked', { workers: 2, pollingIntervalSeconds }, async (data, jobId) => {
              await deliverOutbound({ ...app, logger: app.logger.child({ job: 'deliver-linked', jobId }) }, data.outboxId);
            });
          } else {
            await app.queue.offWork('deliver-linked');
          }
          log.info({ working: want }, want ? 'wecom bot deliveries run here' : 'wecom bot deliveries paused here');
        } catch (err) {
          log.error({ err }, 'wecom bot delivery queue could not be switched');
          working = !want; // try again on the next tick
        }
      });
    }, WATCH_MS);
    watcher.unref?.();
  }

  return {
    sender,
    start(app, timings) {
      if (link) return;
      started = app;
      link = startWecomBotLink({
        botId: bot.botId,
        secret: bot.secret,
        wsUrl: bot.wsUrl,
        db: deps.db,
        tenantId: deps.tenantId,
        holder: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
        logger: deps.logger,
        clock: deps.clock,
        onFrame: (frame) => onFrame(app, frame),
        ...(timings ? { timings } : {}),
      });
      watch(app);
    },
    stop() {
      stopping ??= (async () => {
        if (watcher) clearInterval(watcher);
        watcher = null;
        await toggling;
        // Deliveries under way finish on this connection before it closes: one cut off between the frame and
        // its ack would be retried by the next holder, and the user would get the answer twice.
        if (working && started) {
          working = false;
          await started.queue.offWork('deliver-linked').catch((err: unknown) => log.warn({ err }, 'wecom bot deliveries did not stop cleanly'));
        }
        sender.close();
        await sender.drain();
        await link?.stop();
      })();
      return stopping;
    },
  };
}
