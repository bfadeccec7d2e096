// Persist first, then ack: an accepted event is in the inbox and has a processing job, atomically.
import type { AcceptResult, InboundExtras } from '../../channels/channel.js';
import type { InboundEvent } from '../../channels/inbound-event.js';
import { AppError } from '../../shared/errors.js';
import { sanitizeDeep } from '../../shared/sanitize-text.js';
import type { Queryable } from '../../store/database.js';
import { insertInbox } from '../../store/repos/inbox-repo.js';
import { clearPendingChoice, findPendingChoice } from '../../store/repos/pending-choices-repo.js';
import { saveReplyHandle } from '../../store/repos/reply-handles-repo.js';
import { findTenantByOrg } from '../../store/repos/tenants-repo.js';
import type { AppDeps } from '../app-deps.js';

export type { AcceptResult } from '../../channels/channel.js';

/** A numbered card is answered within a day; after that a bare "1" is an ordinary message again. */
const CHOICE_VALID_MS = 24 * 3_600_000;

export async function acceptInbound(
  deps: Pick<AppDeps, 'db' | 'queue' | 'logger' | 'clock'>,
  event: InboundEvent,
  opts: InboundExtras = {},
): Promise<AcceptResult> {
  // The one door every channel's messages pass (WeCom callback, DingTalk HTTP and Stream): a NUL or a
  // lone surrogate must not make the inbox write fail, or the platform retries and the message is lost.
  event = sanitizeDeep(event);
  opts = { ...opts, replyHandle: sanitizeDeep(opts.replyHandle) };
  const tenantId = await findTenantByOrg(deps.db, event.channel, event.orgId);
  if (!tenantId) throw new AppError('unknown_org', 'organisation is not registered', { status: 403 });
  const now = deps.clock.now();
  const inboxId = await deps.db.transaction(async (tx) => {
    const choice = opts.readChoice ? await asChoice(tx, tenantId, event, opts.readChoice, now) : null;
    const id = await insertInbox(tx, tenantId, choice?.event ?? event, now);
    // Only a message stored now uses up the card: a redelivered "1" must not clear a newer one.
    if (id && choice) await clearPendingChoice(tx, tenantId, event.channel, event.senderId, choice.taskId);
    if (id && opts.replyHandle) await saveReplyHandle(tx, tenantId, event.channel, opts.replyHandle.scope, opts.replyHandle, now);
    if (id) await deps.queue.enqueue('process-inbound', { conversationKey: event.conversationKey }, { tx });
    return id;
  });
  deps.logger.info(
    { channel: event.channel, type: event.type, dedupeKey: event.dedupeKey, inboxId, duplicate: !inboxId },
    inboxId ? 'inbound accepted' : 'inbound duplicate ignored',
  );
  return inboxId ? { status: 'accepted', inboxId } : { status: 'duplicate' };
}

/** The text as a click on the user's last numbered card, or null when it is an ordinary message. */
async function asChoice(
  tx: Queryable, tenantId: string, event: InboundEvent, readChoice: NonNullable<InboundExtras['readChoice']>, now: Date,
): Promise<{ event: InboundEvent; taskId: string } | null> {
  if (event.type !== 'text' || event.chatId !== null) return null;
  const pending = await findPendingChoice(tx, tenantId, event.channel, event.senderId, new Date(now.getTime() - CHOICE_VALID_MS));
  const key = pending ? readChoice(event.text, pending.choices) : null;
  if (!pending || !key) return null;
  const { text: _text, type: _type, ...base } = event;
  return { event: { ...base, type: 'card_action', taskId: pending.taskId, actionKey: key, responseCode: null }, taskId: pending.taskId };
}
