// Directory sync (POST /api/directory/sync, the console's button and the nightly job): read every
// configured channel's directory first, then apply everything in one transaction — departments, people
// and their names, accounts linked across channels, leavers and returners, teams bound to departments —
// and record one run per channel. One sync at a time per tenant (a lease): a second caller gets 409.
import { randomUUID } from 'node:crypto';
import type { DirectoryListing } from '../../channels/directory-listing.js';
import type { ChannelId } from '../../channels/inbound-event.js';
import type { ChannelListing } from '../../domain/directory/leavers.js';
import { mergeListing, type MergedListing } from '../../domain/directory/merge-listing.js';
import { AppError } from '../../shared/errors.js';
import type { Queryable } from '../../store/database.js';
import { accountsWithPeople, finishSyncRun, setDirectoryName, startSyncRun } from '../../store/repos/directory-repo.js';
import { acquireLease, releaseLease } from '../../store/repos/leases-repo.js';
import { channelsOf } from '../../store/repos/users-repo.js';
import type { AppDeps } from '../app-deps.js';
import { applyLeavers } from './apply-leavers.js';
import { applyListing, refreshKnownAccounts } from './apply-listing.js';
import { syncBoundTeams, type BoundTeam } from './bound-teams.js';
import { CHANNEL_ORDER, directoryChannels } from './directory-channels.js';
import { linkContactTwins } from './link-twins.js';
import {
  CONTACTS_WITHHELD_TEXT, emptyListingText, failedListingText, NAMES_WITHHELD_TEXT, partialListingText, SAVE_FAILED_TEXT,
} from './sync-texts.js';

export type SyncTrigger = 'api' | 'console' | 'schedule';

export interface ChannelSyncSummary {
  channel: ChannelId;
  /** The whole directory was read and applied. */
  ok: boolean;
  /** Every department was read (only then are leavers deactivated). */
  complete: boolean;
  /** What went wrong, for admins (Chinese); null when ok. */
  error: string | null;
  warnings: string[];
  people: number;
  departments: number;
  added: number;
  named: number;
  deactivated: number;
  reactivated: number;
}

export interface SyncSummary {
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string;
  channels: ChannelSyncSummary[];
  /** Teams bound to departments, as this sync left them. */
  teams: { key: string; memberUserIds: string[]; managerUserIds: string[] }[];
}

const LEASE = 'directory-sync';
const LEASE_TTL_MS = 15 * 60_000;

type Fetched = { channel: ChannelId; runId: string; listing: DirectoryListing; merged: MergedListing } | { channel: ChannelId; runId: string; error: string };

export type SyncDeps = Pick<AppDeps, 'db' | 'clock' | 'logger' | 'config' | 'directories'>;

export async function runDirectorySync(deps: SyncDeps, trigger: SyncTrigger): Promise<SyncSummary> {
  const { db, clock } = deps;
  const tenantId = deps.config.defaultTenantId;
  const channels = directoryChannels(deps);
  if (channels.length === 0) {
    const now = clock.now().toISOString();
    return { trigger, startedAt: now, finishedAt: now, channels: [], teams: [] };
  }
  const holder = randomUUID();
  if (!(await acquireLease(db, tenantId, LEASE, holder, clock.now(), LEASE_TTL_MS))) {
    throw new AppError('sync_running', '通讯录正在同步,请稍后再试', { status: 409 });
  }
  try {
    const startedAt = clock.now();
    const fetched: Fetched[] = [];
    for (const { channel, list } of channels) {
      const runId = await startSyncRun(db, tenantId, channel, trigger, startedAt);
      fetched.push(await fetchListing(deps, channel, runId, list));
    }
    const applied = await db.transaction((tx) => applyAll(tx, tenantId, fetched, startedAt)).catch(async (err: unknown) => {
      deps.logger.error({ err }, 'directory sync could not be saved');
      await recordSaveFailure(deps, fetched);
      throw err;
    });
    const finishedAt = clock.now();
    for (const c of applied.channels) await finishSyncRun(db, fetched.find((f) => f.channel === c.channel)!.runId, { ...c, finishedAt });
    deps.logger.info({ trigger, channels: applied.channels.map(({ channel, ok, people, added, deactivated }) => ({ channel, ok, people, added, deactivated })) }, 'directory synced');
    return {
      trigger,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      channels: applied.channels,
      teams: applied.teams.map(({ key, memberUserIds, managerUserIds }) => ({ key, memberUserIds, managerUserIds })),
    };
  } finally {
    await releaseLease(db, tenantId, LEASE, holder);
  }
}

const EMPTY = { people: 0, departments: 0, added: 0, deactivated: 0, reactivated: 0 };

/** The transaction rolled back: nothing changed, and every run says so. */
async function recordSaveFailure(deps: SyncDeps, fetched: readonly Fetched[]): Promise<void> {
  const finishedAt = deps.clock.now();
  for (const f of fetched) {
    await finishSyncRun(deps.db, f.runId, { ...EMPTY, finishedAt, ok: false, complete: false, error: 'error' in f ? f.error : SAVE_FAILED_TEXT, warnings: [] });
  }
}

async function fetchListing(deps: SyncDeps, channel: ChannelId, runId: string, list: () => Promise<DirectoryListing>): Promise<Fetched> {
  try {
    const listing = await list();
    return { channel, runId, listing, merged: mergeListing(listing) };
  } catch (err) {
    deps.logger.warn({ err, channel }, 'directory listing failed');
    return { channel, runId, error: failedListingText(channel, err) };
  }
}

interface Applied {
  channels: ChannelSyncSummary[];
  teams: BoundTeam[];
}

async function applyAll(tx: Queryable, tenantId: string, fetched: readonly Fetched[], at: Date): Promise<Applied> {
  const read = fetched.filter((f): f is Extract<Fetched, { merged: MergedListing }> => 'merged' in f);
  const known = new Set((await accountsWithPeople(tx, tenantId)).map((a) => `${a.channel}:${a.platformId}`));
  for (const f of read) await refreshKnownAccounts(tx, tenantId, f.channel, f.merged, known);

  const summaries = new Map<ChannelId, ChannelSyncSummary>();
  const names = new Map<string, Map<ChannelId, string>>();
  for (const f of fetched) {
    if (!('merged' in f)) {
      summaries.set(f.channel, { channel: f.channel, ok: false, complete: false, error: f.error, warnings: [], named: 0, ...EMPTY });
      continue;
    }
    const result = await applyListing(tx, tenantId, f.channel, f.merged, at);
    for (const [userId, name] of result.names) names.set(userId, (names.get(userId) ?? new Map()).set(f.channel, name));
    summaries.set(f.channel, summaryOf(f, result.people, result.added));
  }
  for (const [channel, n] of await applyNames(tx, tenantId, names)) summaries.get(channel)!.named = n;
  await linkContactTwins(tx, tenantId);

  const listings: Partial<Record<ChannelId, ChannelListing>> = {};
  for (const f of read) {
    listings[f.channel] = { complete: f.merged.complete && !f.merged.empty, activeIds: new Set(f.merged.people.filter((p) => p.active).map((p) => p.platformId)) };
  }
  const changes = await applyLeavers(tx, tenantId, listings, at);
  for (const [channel, ids] of changes.deactivated) summaries.get(channel)!.deactivated = ids.length;
  for (const [channel, ids] of changes.reactivated) summaries.get(channel)!.reactivated = ids.length;
  const teams = await syncBoundTeams(tx, tenantId);
  return { channels: fetched.map((f) => summaries.get(f.channel)!), teams };
}

function summaryOf(f: Extract<Fetched, { merged: MergedListing }>, people: number, added: number): ChannelSyncSummary {
  const { merged, listing, channel } = f;
  const deptName = (id: string) => merged.departments.find((d) => d.id === id)?.name ?? `部门 ${id}`;
  const error = !merged.complete ? partialListingText(channel, listing.failures, deptName) : merged.empty ? emptyListingText(channel) : null;
  const warnings = [...(merged.withheld.names ? [NAMES_WITHHELD_TEXT] : []), ...(merged.withheld.contacts ? [CONTACTS_WITHHELD_TEXT] : [])];
  return { channel, ok: error === null, complete: merged.complete, error, warnings, people, departments: merged.departments.length, added, named: 0, deactivated: 0, reactivated: 0 };
}

/**
 * The directory is the source of truth for names. A person listed on both channels takes the name of the
 * channel their messages go to (the account last used, or last added), so the choice is stable from one
 * sync to the next. Returns names changed per channel.
 */
async function applyNames(tx: Queryable, tenantId: string, names: ReadonlyMap<string, ReadonlyMap<ChannelId, string>>): Promise<Map<ChannelId, number>> {
  const lastUsed = await channelsOf(tx, tenantId, [...names.keys()]);
  const changed = new Map<ChannelId, number>();
  for (const [userId, byChannel] of names) {
    const preferred = lastUsed.get(userId);
    const channel = preferred && byChannel.has(preferred) ? preferred : CHANNEL_ORDER.find((c) => byChannel.has(c))!;
    if (await setDirectoryName(tx, tenantId, userId, byChannel.get(channel)!)) changed.set(channel, (changed.get(channel) ?? 0) + 1);
  }
  return changed;
}
