// One person per human across channels: two people whose accounts on the two channels share a mobile or
// email become one when one of them holds nothing yet (no customers, touches, reports or points) — the
// empty one's accounts move to the other and it is deleted. Two people who both have history stay two;
// an admin links them (POST /api/users/:id/identities) after handing over customers.
import type { Queryable } from '../../store/database.js';
import { contactTwins } from '../../store/repos/directory-repo.js';
import { identitiesOf, moveIdentity, type Identity } from '../../store/repos/identities-repo.js';
import { deletePersonIfUnused, findUser } from '../../store/repos/users-repo.js';

/** Returns the ids of the people folded into another. */
export async function linkContactTwins(tx: Queryable, tenantId: string): Promise<string[]> {
  const folded: string[] = [];
  for (const { a, b } of await contactTwins(tx, tenantId)) {
    const accounts = await identitiesOf(tx, tenantId, [a, b]);
    const ia = accounts.get(a) ?? [];
    const ib = accounts.get(b) ?? [];
    // Never give one person two accounts on one channel.
    if (!ia.length || !ib.length || ia.some((x) => ib.some((y) => y.channel === x.channel))) continue;
    const [ua, ub] = [await findUser(tx, tenantId, a), await findUser(tx, tenantId, b)];
    if (!ua || !ub) continue;
    // The newer person is the likelier empty one (created by this sync).
    const tries: [string, Identity[], string][] = ua.createdAt <= ub.createdAt ? [[b, ib, a], [a, ia, b]] : [[a, ia, b], [b, ib, a]];
    for (const [from, own, into] of tries) {
      if (await fold(tx, tenantId, from, own, into)) {
        folded.push(from);
        break;
      }
    }
  }
  return folded;
}

async function fold(tx: Queryable, tenantId: string, from: string, own: readonly Identity[], into: string): Promise<boolean> {
  for (const i of own) await moveIdentity(tx, tenantId, i.channel, i.platformId, into);
  if (await deletePersonIfUnused(tx, tenantId, from)) return true;
  for (const i of own) await moveIdentity(tx, tenantId, i.channel, i.platformId, from);
  return false;
}
