// Before the processing transaction: what the platform says about a message's sender — the nick that
// came with it (DingTalk) and, once per account, the directory entry (name, mobile/email as keys).
import type { InboundEvent } from '../../channels/inbound-event.js';
import { emailKey, mobileKey } from '../../domain/people/contact-key.js';
import type { Queryable } from '../../store/database.js';
import { findIdentity, type ContactKeys } from '../../store/repos/identities-repo.js';
import type { AppDeps } from '../app-deps.js';

export interface SenderLookup {
  /** Display name from the message or the directory, null when neither gave one. */
  name: string | null;
  /** What the directory said, when it was asked this time (null: not asked, or it failed). */
  keys: ContactKeys | null;
}

export async function lookUpSender(deps: Pick<AppDeps, 'directories' | 'logger'>, q: Queryable, tenantId: string, event: InboundEvent): Promise<SenderLookup> {
  const nick = event.senderName ?? null;
  const known = await findIdentity(q, tenantId, event.channel, event.senderId);
  const directory = deps.directories[event.channel];
  if (known?.directoryChecked || !directory) return { name: nick, keys: null };
  try {
    const entry = await directory.lookUpUser(event.senderId);
    return { name: nick ?? entry?.name ?? null, keys: { mobileHash: mobileKey(entry?.mobile), emailHash: emailKey(entry?.email) } };
  } catch (err) {
    // Asked again with the account's next message; the person is resolved without it meanwhile.
    deps.logger.warn({ err, channel: event.channel }, 'directory lookup failed; continuing without it');
    return { name: nick, keys: null };
  }
}
