// The app edge for people: a platform account (channel, platform id) becomes the person (user id) the
// rest of the app works with. Unknown accounts are linked only by the directory (same mobile or email on
// another channel) or become a new person — never matched by an equal id on another channel.
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
    await lockIdentity(tx, tenantId, channel, platformId);
    identity = await findIdentity(tx, tenantId, channel, platformId);
  }
  if (identity) {
    if (opts.wrote || opts.keys) await markSeen(tx, tenantId, channel, platformId, opts.keys, opts.wrote);
    if (opts.name) await fillUserName(tx, tenantId, identity.userId, opts.name);
    return { userId: identity.userId, isNew: false };
  }
  const linked = opts.keys ? await personByContact(tx, tenantId, channel, opts.keys) : null;
  const existing = linked ?? (await personWithoutIdentity(tx, tenantId, platformId));
  const userId = existing ?? (await insertPerson(tx, tenantId, { channel, platformId, name: opts.name, role: opts.role ?? 'rep' }));
  await insertIdentity(tx, tenantId, { channel, platformId, userId, seen: opts.wrote, keys: opts.keys });
  if (existing && opts.name) await fillUserName(tx, tenantId, existing, opts.name);
  return { userId, isNew: existing === null };
}

/** The one person whose account on another channel has the same mobile or email; none when ambiguous. */
async function personByContact(tx: Queryable, tenantId: string, channel: ChannelId, keys: ContactKeys): Promise<string | null> {
  const people = await peopleWithContact(tx, tenantId, channel, keys);
  return people.length === 1 ? people[0]! : null;
}
