// Delivers one outbox row: per-recipient pacing, classified retries with backoff, dead letters.
// A row that reached 'sent' is never sent again; a crash between send and record is covered by the
// platform's duplicate check (WeCom enable_duplicate_check).
import { DeliveryError, type DeliveryFailureClass } from '../../channels/channel.js';
import { isGroupRobot, isProgress } from '../../channels/outbound-message.js';
import { claim, markDead, markSent, peekPending, recentSendTimes, release, type OutboxRow } from '../../store/repos/outbox-repo.js';
import type { AppDeps } from '../app-deps.js';

export type DeliveryOutcome = 'sent' | 'skipped' | 'paced' | 'retry' | 'dead' | 'handed_over';

const PACING_WINDOW_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export async function deliverOutbound(deps: AppDeps, outboxId: string): Promise<DeliveryOutcome> {
  if (await handedOver(deps, outboxId)) return 'handed_over';
  const now = deps.clock.now();
  const row = await claim(deps.db, outboxId, now);
  if (!row) return 'skipped'; // sent, dead, or another worker holds it
  const log = deps.logger.child({ outboxId, recipient: row.recipientKey, kind: row.message.kind, attempt: row.attempts + 1 });

  const pacedUntil = await pacingDelay(deps, row, now);
  if (pacedUntil) {
    await reschedule(deps, row, pacedUntil, null, false);
    log.info({ until: pacedUntil.toISOString() }, 'delivery paced: recipient limit reached');
    return 'paced';
  }

  const sender = deps.senders[row.channel];
  if (!sender) {
    await markDead(deps.db, row.id, `no sender configured for channel ${row.channel}`);
    log.error('delivery dead: channel not configured');
    return 'dead';
  }
  // A progress line only means something where a later message replaces it.
  if (isProgress(row.message) && !sender.showsProgress) {
    await markSent(deps.db, row.id, deps.clock.now());
    return 'skipped';
  }
  try {
    await sender.send(row.recipient, row.message);
  } catch (err) {
    return handleFailure(deps, row, err, log);
  }
  await markSent(deps.db, row.id, deps.clock.now());
  log.info('delivered');
  return 'sent';
}

/**
 * Rows of a channel whose connection another instance holds go to the `deliver-linked` queue, which only
 * the holder works; pacing, retries and dead letters stay here when the holder runs them.
 */
async function handedOver(deps: AppDeps, outboxId: string): Promise<boolean> {
  if (!Object.values(deps.senders).some((s) => s?.heldElsewhere)) return false;
  const row = await peekPending(deps.db, outboxId);
  if (!row || !deps.senders[row.channel]?.heldElsewhere?.()) return false;
  const now = deps.clock.now();
  await deps.queue.enqueue('deliver-linked', { outboxId }, { startAfter: row.nextAttemptAt > now ? row.nextAttemptAt : undefined });
  deps.logger.debug({ outboxId, channel: row.channel }, 'delivery handed to the instance holding the connection');
  return true;
}

async function handleFailure(deps: AppDeps, row: OutboxRow, err: unknown, log: AppDeps['logger']): Promise<DeliveryOutcome> {
  const failureClass: DeliveryFailureClass = err instanceof DeliveryError ? err.failureClass : 'retryable';
  const reason = describe(err);
  const { maxAttempts, retryBaseMs, rateLimitBaseMs } = deps.config.worker.outbox;
  const attempt = row.attempts + 1;
  if (failureClass === 'permanent' || attempt >= maxAttempts) {
    await markDead(deps.db, row.id, reason);
    log.error({ err, failureClass }, 'delivery dead-lettered');
    return 'dead';
  }
  // Frequency-limit codes back off much longer than transient faults: hammering keeps the limit on.
  const base = failureClass === 'rate_limited' ? rateLimitBaseMs : retryBaseMs;
  const delay = Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1));
  const at = new Date(deps.clock.now().getTime() + delay);
  await reschedule(deps, row, at, reason, true);
  log.warn({ err, failureClass, retryAt: at.toISOString() }, 'delivery failed; will retry');
  return 'retry';
}

/** When the recipient already got the per-minute maximum, the time the oldest of those leaves the window. */
async function pacingDelay(deps: AppDeps, row: OutboxRow, now: Date): Promise<Date | null> {
  const { perRecipientPerMinute, perRobotPerMinute } = deps.config.worker.outbox;
  const limit = isGroupRobot(row.recipient) ? perRobotPerMinute : perRecipientPerMinute;
  const sent = await recentSendTimes(deps.db, row, new Date(now.getTime() - PACING_WINDOW_MS));
  if (sent.length < limit) return null;
  return new Date(sent[sent.length - limit]!.getTime() + PACING_WINDOW_MS);
}

async function reschedule(deps: AppDeps, row: OutboxRow, at: Date, error: string | null, countAttempt: boolean): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await release(tx, row.id, at, error, countAttempt);
    await deps.queue.enqueue('deliver-outbound', { outboxId: row.id }, { tx, startAfter: at });
  });
}

function describe(err: unknown): string {
  if (err instanceof DeliveryError) return `${err.failureClass}${err.platformCode !== undefined ? ` ${err.platformCode}` : ''}: ${err.message}`;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
