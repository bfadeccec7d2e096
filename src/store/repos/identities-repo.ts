// Channel identities of people: (channel, platform id) → user id, the contact keys the directory gave,
// and when each was last written from (where the person's messages go).
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export interface Identity {
  channel: ChannelId;
  platformId: string;
  userId: string;
  directoryChecked: boolean;
  lastSeenAt: Date | null;
}

interface Row {
  channel: ChannelId;
  platform_id: string;
  user_id: string;
  directory_checked_at: Date | null;
  last_seen_at: Date | null;
}

const toIdentity = (r: Row): Identity => ({
  channel: r.channel,
  platformId: r.platform_id,
  userId: r.user_id,
  directoryChecked: r.directory_checked_at !== null,
  lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at) : null,
});

/** What a directory said about an account (hashes only); null fields when it did not say. */
export interface ContactKeys {
  mobileHash: string | null;
  emailHash: string | null;
}

export async function findIdentity(q: Queryable, tenantId: string, channel: ChannelId, platformId: string): Promise<Identity | null> {
  const rows = await q.query<Row>(
    'select * from identities where tenant_id = $1 and channel = $2 and platform_id = $3', [tenantId, channel, platformId]);
  return rows[0] ? toIdentity(rows[0]) : null;
}

/**
 * `seen`: the account just wrote. "Last used" is wall time at processing (clock_timestamp), not the
 * message's own time: WeCom stamps messages to the second, which cannot order two channels, and the
 * answer to a message should go back the way it came.
 */
export async function insertIdentity(
  q: Queryable, tenantId: string, i: { channel: ChannelId; platformId: string; userId: string; seen: boolean; keys: ContactKeys | null },
): Promise<void> {
  await q.execute(
    `insert into identities (tenant_id, channel, platform_id, user_id, mobile_hash, email_hash, directory_checked_at, last_seen_at)
     values ($1, $2, $3, $4, $5, $6, case when $7::boolean then now() end, case when $8::boolean then clock_timestamp() end)`,
    [tenantId, i.channel, i.platformId, i.userId, i.keys?.mobileHash ?? null, i.keys?.emailHash ?? null, i.keys !== null, i.seen],
  );
}

/** Records a message from the identity (`wrote`) and, when the directory was asked, what it said. */
export async function markSeen(
  q: Queryable, tenantId: string, channel: ChannelId, platformId: string, keys: ContactKeys | null, wrote: boolean,
): Promise<void> {
  await q.execute(
    `update identities set last_seen_at = case when $7::boolean then clock_timestamp() else last_seen_at end,
       mobile_hash = case when $4::boolean then $5 else mobile_hash end, email_hash = case when $4::boolean then $6 else email_hash end,
       directory_checked_at = case when $4::boolean then now() else directory_checked_at end
     where tenant_id = $1 and channel = $2 and platform_id = $3`,
    [tenantId, channel, platformId, keys !== null, keys?.mobileHash ?? null, keys?.emailHash ?? null, wrote],
  );
}

/** People whose identity on another channel has the same mobile or email key. */
export async function peopleWithContact(q: Queryable, tenantId: string, notChannel: ChannelId, keys: ContactKeys): Promise<string[]> {
  if (!keys.mobileHash && !keys.emailHash) return [];
  const rows = await q.query<{ user_id: string }>(
    `select distinct user_id from identities where tenant_id = $1 and channel <> $2
     and (mobile_hash = $3::text or email_hash = $4::text)`,
    [tenantId, notChannel, keys.mobileHash, keys.emailHash],
  );
  return rows.map((r) => r.user_id);
}

/** The identity the person last wrote from (any identity when none wrote yet); null for an unknown person. */
export async function lastUsedIdentity(q: Queryable, tenantId: string, userId: string): Promise<Identity | null> {
  const rows = await q.query<Row>(
    `select * from identities where tenant_id = $1 and user_id = $2
     order by last_seen_at desc nulls last, created_at desc limit 1`,
    [tenantId, userId],
  );
  return rows[0] ? toIdentity(rows[0]) : null;
}

/** Every identity of these people (all of the tenant's when `userIds` is null), by person. */
export async function identitiesOf(q: Queryable, tenantId: string, userIds: readonly string[] | null): Promise<Map<string, Identity[]>> {
  const rows = await q.query<Row>(
    `select * from identities where tenant_id = $1 and ($2::text[] is null or user_id = any($2::text[]))
     order by user_id, last_seen_at desc nulls last, created_at desc`,
    [tenantId, userIds ? [...userIds] : null],
  );
  const out = new Map<string, Identity[]>();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), toIdentity(r)]);
  return out;
}

export async function moveIdentity(q: Queryable, tenantId: string, channel: ChannelId, platformId: string, toUserId: string): Promise<void> {
  await q.execute('update identities set user_id = $4 where tenant_id = $1 and channel = $2 and platform_id = $3', [
    tenantId, channel, platformId, toUserId,
  ]);
}

/** Serialises the creation of one identity, so two conversations of one sender never create two people. */
export async function lockIdentity(q: Queryable, tenantId: string, channel: ChannelId, platformId: string): Promise<void> {
  await q.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`identity:${tenantId}:${channel}:${platformId}`]);
}
