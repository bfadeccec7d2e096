// Persist first, then ack: an accepted event is in the inbox and has a processing job, atomically.
import type { InboundEvent } from '../../channels/inbound-event.js';
import { AppError } from '../../shared/errors.js';
import { insertInbox } from '../../store/repos/inbox-repo.js';
import { findTenantByOrg } from '../../store/repos/tenants-repo.js';
import type { AppDeps } from '../app-deps.js';

export type AcceptResult = { status: 'accepted'; inboxId: string } | { status: 'duplicate' };

export async function acceptInbound(deps: Pick<AppDeps, 'db' | 'queue' | 'logger' | 'clock'>, event: InboundEvent): Promise<AcceptResult> {
  const tenantId = await findTenantByOrg(deps.db, event.channel, event.orgId);
  if (!tenantId) throw new AppError('unknown_org', 'organisation is not registered', { status: 403 });
  const inboxId = await deps.db.transaction(async (tx) => {
    const id = await insertInbox(tx, tenantId, event, deps.clock.now());
    if (id) await deps.queue.enqueue('process-inbound', { conversationKey: event.conversationKey }, { tx });
    return id;
  });
  deps.logger.info(
    { channel: event.channel, type: event.type, dedupeKey: event.dedupeKey, inboxId, duplicate: !inboxId },
    inboxId ? 'inbound accepted' : 'inbound duplicate ignored',
  );
  return inboxId ? { status: 'accepted', inboxId } : { status: 'duplicate' };
}
