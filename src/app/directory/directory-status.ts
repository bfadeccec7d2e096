// The sync status the console shows on 团队与成员: each channel's last run and the leavers who still own
// customers (to hand over). An admin sees every leaver; a manager those of the teams they lead.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../../store/database.js';
import { lastSyncRuns, leaversWithCustomers } from '../../store/repos/directory-repo.js';
import { ownersVisibleTo, type Viewer } from '../console/viewer.js';
import type { AppDeps } from '../app-deps.js';
import { CHANNEL_ORDER, directoryChannels } from './directory-channels.js';

export interface DirectoryStatus {
  channels: {
    channel: ChannelId;
    lastSyncAt: string | null;
    /** null: never synced, or a sync is running. */
    ok: boolean | null;
    error: string | null;
    people: number;
    departments: number;
    added: number;
    deactivated: number;
  }[];
  leavers: { userId: string; name: string | null; deactivatedAt: string | null; customerCount: number }[];
}

export async function directoryStatus(deps: Pick<AppDeps, 'directories'> & { db: Queryable }, viewer: Viewer): Promise<DirectoryStatus> {
  const runs = await lastSyncRuns(deps.db, viewer.tenantId);
  const configured = new Set(directoryChannels(deps).map((c) => c.channel));
  const channels = CHANNEL_ORDER.filter((c) => configured.has(c) || runs.some((r) => r.channel === c)).map((channel) => {
    const r = runs.find((x) => x.channel === channel);
    return {
      channel,
      lastSyncAt: r ? (r.finishedAt ?? r.startedAt).toISOString() : null,
      ok: r?.ok ?? null,
      error: r?.error ?? null,
      people: r?.people ?? 0,
      departments: r?.departments ?? 0,
      added: r?.added ?? 0,
      deactivated: r?.deactivated ?? 0,
    };
  });
  const owners = await ownersVisibleTo(deps.db, viewer);
  const leavers = (await leaversWithCustomers(deps.db, viewer.tenantId)).filter(
    (l) => owners === 'all' || owners.includes(l.userId) || (viewer.role === 'manager' && l.teamKey !== null && viewer.managedTeamKeys.includes(l.teamKey)),
  );
  return {
    channels,
    leavers: leavers.map((l) => ({ userId: l.userId, name: l.name, deactivatedAt: l.deactivatedAt?.toISOString() ?? null, customerCount: l.customerCount })),
  };
}
