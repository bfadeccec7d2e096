// Reply handles: a URL a platform hands out with a message to answer in that conversation until it
// expires (DingTalk's sessionWebhook). Only the latest per conversation is kept.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../database.js';

export interface ReplyHandle {
  url: string;
  expiresAt: Date;
}

/** `scope`: 'user:<id>' for a 1:1 chat, 'chat:<conversationId>' for a group. */
export async function saveReplyHandle(q: Queryable, tenantId: string, channel: ChannelId, scope: string, h: ReplyHandle, now: Date): Promise<void> {
  await q.execute(
    `insert into reply_handles (tenant_id, channel, scope, url, expires_at, updated_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, channel, scope) do update set url = excluded.url, expires_at = excluded.expires_at, updated_at = excluded.updated_at
       where reply_handles.expires_at <= excluded.expires_at`,
    [tenantId, channel, scope, h.url, h.expiresAt, now],
  );
}

/** The handle when it is still valid at `validAt`, else null. */
export async function findReplyHandle(q: Queryable, tenantId: string, channel: ChannelId, scope: string, validAt: Date): Promise<ReplyHandle | null> {
  const rows = await q.query<{ url: string; expires_at: Date }>(
    'select url, expires_at from reply_handles where tenant_id = $1 and channel = $2 and scope = $3 and expires_at > $4',
    [tenantId, channel, scope, validAt],
  );
  return rows[0] ? { url: rows[0].url, expiresAt: new Date(rows[0].expires_at) } : null;
}

/** Forgets a handle the platform refused (expired early), so the next send goes another way at once. */
export async function dropReplyHandle(q: Queryable, tenantId: string, channel: ChannelId, scope: string, url: string): Promise<void> {
  await q.execute('delete from reply_handles where tenant_id = $1 and channel = $2 and scope = $3 and url = $4', [tenantId, channel, scope, url]);
}
