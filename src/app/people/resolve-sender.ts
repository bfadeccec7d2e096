// The app edge for people: a platform account (channel, platform id) becomes the person (user id) the
// rest of the app works with. Unknown accounts are linked by the directory (same mobile or email on
// another channel) or become a new person — never matched by an equal id on another channel, with one
// exception: the WeCom app and the WeCom AI bot share the corp's userids, so the same userid on both is
// the same person (the bot is created in the corp of WECOM_CORP_ID; README).
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../../store/database.js';
import { findIdentity, insertIdentity, lockIdentity, markSeen, peopleWithContact, type ContactKeys } from '../../store/repos/identities-repo.js';
import { fillUserName, insertPerson, personWithoutIdentity, type Role } from '../../store/repos/users-repo.js';

export interface Account {
  channel: ChannelId;
  platformId: string;
}

export interface Person {
  userId: string;
  /** A person was created for this account just now (a first-time user). */
  isNew: boolean;
}

export async function personOfAccount(
  tx: Queryable,
  tenantId: string,
  account: Account,
  opts: { name: string | null; keys: ContactKeys | null; role?: Role; wrote: boolean },
): Promise<Person> {
  const { channel, platformId } = account;
  let identity = await findIdentity(tx, tenantId, channel, platformId);
  if (!identity) {
    // Siblings lock one name: a first message through the app and one through the bot make one person.
    await lockIdentity(tx, tenantId, idNamespace(channel), platformId);
    identity = await findIdentity(tx, tenantId, channel, platformId);
  }
  if (identity) {
    if (opts.wrote || opts.keys) await markSeen(tx, tenantId, channel, platformId, opts.keys, opts.wrote);
    if (opts.name) await fillUserName(tx, tenantId, identity.userId, opts.name);
    return { userId: identity.userId, isNew: false };
  }
  const sibling = SIBLING[channel];
  const twin = sibling ? await findIdentity(tx, tenantId, sibling, platformId) : null;
  if (twin) {
    await insertIdentity(tx, tenantId, { channel, platformId, userId: twin.userId, seen: opts.wrote, keys: opts.keys });
    if (opts.name) await fillUserName(tx, tenantId, twin.userId, opts.name);
    return { userId: twin.userId, isNew: false };
  }
  const linked = opts.keys ? await personByContact(tx, tenantId, channel, opts.keys) : null;
  const existing = linked ?? (await personWithoutIdentity(tx, tenantId, platformId));
  const userId = existing ?? (await insertPerson(tx, tenantId, { channel, platformId, name: opts.name, role: opts.role ?? 'rep' }));
  await insertIdentity(tx, tenantId, { channel, platformId, userId, seen: opts.wrote, keys: opts.keys });
  if (existing && opts.name) await fillUserName(tx, tenantId, existing, opts.name);
  return { userId, isNew: existing === null };
}

/** Channels that see the same platform ids (one WeCom corp through its app and its AI bot). */
const SIBLING: Partial<Record<ChannelId, ChannelId>> = { wecom: 'wecom_bot', wecom_bot: 'wecom' };

/** The lock name of an id: siblings share one. */
const idNamespace = (channel: ChannelId): ChannelId => (channel === 'wecom_bot' ? 'wecom' : channel);

/** The one person whose account on another channel has the same mobile or email; none when ambiguous. */
async function personByContact(tx: Queryable, tenantId: string, channel: ChannelId, keys: ContactKeys): Promise<string | null> {
  const people = await peopleWithContact(tx, tenantId, channel, keys);
  return people.length === 1 ? people[0]! : null;
}
