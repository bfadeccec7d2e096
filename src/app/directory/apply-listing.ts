// One channel's merged listing into the store: departments and who is in them, and a person (with the
// account as an identity) for every active member — people who never wrote to the bot included, linked to
// their account on the other channel by the same mobile or email. Names are collected, not written: the
// caller decides between two channels' names.
import type { ChannelId } from '../../channels/inbound-event.js';
import { emailKey, mobileKey } from '../../domain/people/contact-key.js';
import type { DirectoryPerson, MergedListing } from '../../domain/directory/merge-listing.js';
import type { Queryable } from '../../store/database.js';
import { saveDepartments, saveMembers } from '../../store/repos/directory-repo.js';
import { markSeen, type ContactKeys } from '../../store/repos/identities-repo.js';
import { personOfAccount } from '../people/resolve-sender.js';

export interface AppliedListing {
  /** Active members listed. */
  people: number;
  /** People created for members nobody knew yet. */
  added: number;
  /** Person id → the name this channel's directory gives. */
  names: Map<string, string>;
}

/** Contact keys only when the directory gave a mobile or email: "not given" must not erase earlier keys. */
export function contactKeysOf(p: Pick<DirectoryPerson, 'mobile' | 'email'>): ContactKeys | null {
  const keys = { mobileHash: mobileKey(p.mobile), emailHash: emailKey(p.email) };
  return keys.mobileHash || keys.emailHash ? keys : null;
}

/**
 * Records what the directory says about accounts that already have a person, before anyone new is
 * created: a member new on one channel then finds their person from the other channel by contact key.
 */
export async function refreshKnownAccounts(
  tx: Queryable, tenantId: string, channel: ChannelId, listing: MergedListing, known: ReadonlySet<string>,
): Promise<void> {
  for (const p of listing.people) {
    const keys = contactKeysOf(p);
    if (keys && known.has(`${channel}:${p.platformId}`)) await markSeen(tx, tenantId, channel, p.platformId, keys, false);
  }
}

export async function applyListing(tx: Queryable, tenantId: string, channel: ChannelId, listing: MergedListing, at: Date): Promise<AppliedListing> {
  await saveDepartments(tx, tenantId, channel, listing.departments.map((d) => ({ deptId: d.id, name: d.name, parentId: d.parentId, leaderIds: d.leaderIds })), at, listing.complete);
  const active = listing.people.filter((p) => p.active);
  const rows = active.flatMap((p) => p.departmentIds.map((deptId) => ({ deptId, platformId: p.platformId, isLeader: p.leads.includes(deptId) })));
  await saveMembers(tx, tenantId, channel, listing.readDepartmentIds, rows);

  const out: AppliedListing = { people: active.length, added: 0, names: new Map() };
  for (const p of active) {
    const person = await personOfAccount(tx, tenantId, { channel, platformId: p.platformId }, { name: p.name, keys: contactKeysOf(p), wrote: false });
    if (person.isNew) out.added++;
    if (p.name) out.names.set(person.userId, p.name);
  }
  return out;
}
