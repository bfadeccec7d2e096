// When each channel last delivered a message to us (the newest inbox row per channel): the first thing
// to look at when "the bot says nothing" — a callback URL that stopped working shows as an old time.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

/**
 * One pass over the tenant's inbox. The inbox has no index by time on purpose (its insert is the ack
 * path); this runs only when an admin opens the settings page.
 */
export async function lastInboundPerChannel(q: Queryable, tenantId: string): Promise<Map<ChannelId, Date>> {
  const rows = await q.query<{ channel: ChannelId; at: Date }>(
    'select channel, max(received_at) as at from inbox where tenant_id = $1 group by channel', [tenantId]);
  return new Map(rows.map((r) => [r.channel, new Date(r.at)]));
}
