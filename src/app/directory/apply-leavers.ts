// Leavers and returners from the channels' listings (domain/directory/leavers.ts decides): a leaver is
// deactivated — no console (sessions ended), no pushes (pending ones closed, new ones never written) —
// but keeps their history and customers until those are handed over; a returner is active again.
import type { ChannelId } from '../../channels/inbound-event.js';
import { judgeLeavers, type ChannelListing } from '../../domain/directory/leavers.js';
import type { Queryable } from '../../store/database.js';
import { deleteSessionsOf } from '../../store/repos/console-sessions-repo.js';
import { accountsWithPeople, closePendingPushesTo, deactivatePerson, reactivatePerson } from '../../store/repos/directory-repo.js';

export interface LeaverChanges {
  deactivated: Map<ChannelId, string[]>;
  reactivated: Map<ChannelId, string[]>;
}

const LEFT_REASON = 'permanent recipient_left: the directory says this person left; not sent';

export async function applyLeavers(
  tx: Queryable, tenantId: string, listings: Partial<Record<ChannelId, ChannelListing>>, at: Date,
): Promise<LeaverChanges> {
  const accounts = await accountsWithPeople(tx, tenantId);
  const active = new Map(accounts.map((a) => [a.userId, a.active]));
  const verdicts = judgeLeavers(accounts, listings, (userId) => active.get(userId) !== false);
  const out: LeaverChanges = { deactivated: new Map(), reactivated: new Map() };
  for (const [userId, channels] of verdicts.leave) {
    if (!(await deactivatePerson(tx, tenantId, userId, at))) continue;
    await deleteSessionsOf(tx, tenantId, userId);
    await closePendingPushesTo(tx, tenantId, userId, LEFT_REASON);
    for (const c of channels as ChannelId[]) out.deactivated.set(c, [...(out.deactivated.get(c) ?? []), userId]);
  }
  for (const userId of verdicts.comeBack) {
    if (!(await reactivatePerson(tx, tenantId, userId))) continue;
    const seenOn = accounts.filter((a) => a.userId === userId && listings[a.channel]?.activeIds.has(a.platformId)).map((a) => a.channel);
    for (const c of new Set(seenOn)) out.reactivated.set(c, [...(out.reactivated.get(c) ?? []), userId]);
  }
  return out;
}
