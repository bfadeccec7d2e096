// Signatures seen on signed callbacks. DingTalk signs only the timestamp, so within its one-hour window
// a captured signature could be sent again with another body; each signature may carry one message.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

/**
 * Records the signature for this message. 'fresh' the first time, 'same_message' when the platform
 * retries the very same message, 'replayed' when the signature arrives with a different message.
 */
export async function recordSignature(
  q: Queryable, tenantId: string, channel: ChannelId, signature: string, dedupeKey: string, now: Date,
): Promise<'fresh' | 'same_message' | 'replayed'> {
  const inserted = await q.execute(
    `insert into callback_signatures (tenant_id, channel, signature, dedupe_key, seen_at) values ($1, $2, $3, $4, $5)
     on conflict (channel, signature) do nothing`,
    [tenantId, channel, signature, dedupeKey, now],
  );
  if (inserted > 0) return 'fresh';
  const rows = await q.query<{ dedupe_key: string }>('select dedupe_key from callback_signatures where channel = $1 and signature = $2', [channel, signature]);
  return rows[0]?.dedupe_key === dedupeKey ? 'same_message' : 'replayed';
}

/** Signatures older than the platform's window can no longer verify; forget them. */
export async function forgetSignaturesBefore(q: Queryable, before: Date): Promise<number> {
  return q.execute('delete from callback_signatures where seen_at < $1', [before]);
}
