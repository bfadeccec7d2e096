// Delivers one outbox row: per-recipient pacing, classified retries with backoff, dead letters.
// A row that reached 'sent' is never sent again; a crash between send and record is covered by the
// platform's duplicate check (WeCom enable_duplicate_check).
import { DeliveryError, type DeliveryFailureClass } from '../../channels/channel.js';
import { isGroupRobot } from '../../channels/outbound-message.js';
import { claim, markDead, markSent, recentSendTimes, release, type OutboxRow } from '../../store/repos/outbox-repo.js';
import type { AppDeps } from '../app-deps.js';

export type DeliveryOutcome = 'sent' | 'skipped' | 'paced' | 'retry' | 'dead';

const PACING_WINDOW_MS = 60_000;
const MAX_BACKOFF_MS = 30 * 60_000;

export async function deliverOutbound(deps: AppDeps, outboxId: string): Promise<DeliveryOutcome> {
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
  try {
    await sender.send(row.recipient, row.message);
  } catch (err) {
    return handleFailure(deps, row, err, log);
  }
  await markSent(deps.db, row.id, deps.clock.now());
  log.info('delivered');
  return 'sent';
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
