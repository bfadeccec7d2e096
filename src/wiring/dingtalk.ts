// Composition of the DingTalk channel: its client with the sender and media bound to the store, the
// receive pipeline shared by the HTTP callback and the Stream connection, and the Stream lease.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DingtalkAppConfig } from '../config/app-config.js';
import { acceptInbound } from '../app/inbound/accept-inbound.js';
import { dingtalkOrgId } from '../app/tenants/bootstrap-tenant.js';
import type { AppDeps } from '../app/app-deps.js';
import type { ChannelDirectory, ChannelMedia, ChannelSender } from '../channels/channel.js';
import { createDingtalkClient } from '../channels/dingtalk/client.js';
import { listDingtalkDirectory } from '../channels/dingtalk/directory-api.js';
import { receiveRobotMessage, type ReceiveOutcome } from '../channels/dingtalk/receive.js';
import { createDingtalkSender } from '../channels/dingtalk/sender.js';
import { startDingtalkStream, type DingtalkStream } from '../channels/dingtalk/stream.js';
import type { Clock } from '../shared/clock.js';
import { isAppError } from '../shared/errors.js';
import { sanitizeDeep } from '../shared/sanitize-text.js';
import type { Logger } from '../shared/logger.js';
import type { Database } from '../store/database.js';
import { recordSignature } from '../store/repos/callback-signatures-repo.js';
import { acquireLease, releaseLease } from '../store/repos/leases-repo.js';
import { savePendingChoice } from '../store/repos/pending-choices-repo.js';
import { dropReplyHandle, findReplyHandle } from '../store/repos/reply-handles-repo.js';

/** One robot message; `signed` carries the HTTP headers, null for a Stream frame. */
export type DingtalkReceive = (body: unknown, signed: { timestamp: string | undefined; sign: string | undefined } | null) => Promise<ReceiveOutcome>;

export function dingtalkSender(
  dingtalk: DingtalkAppConfig, deps: { db: Database; clock: Clock; logger: Logger; tenantId: string },
): ChannelSender & ChannelMedia & ChannelDirectory {
  const { db, clock, tenantId } = deps;
  const client = createDingtalkClient({ ...dingtalk, clock, logger: deps.logger });
  const sender = createDingtalkSender(
    client,
    {
      findReplyHandle: (scope, validAt) => findReplyHandle(db, tenantId, 'dingtalk', scope, validAt),
      dropReplyHandle: (scope, url) => dropReplyHandle(db, tenantId, 'dingtalk', scope, url),
      savePendingChoice: (userId, taskId, choices, sentAt) => savePendingChoice(db, tenantId, 'dingtalk', userId, { taskId, choices, sentAt }),
    },
    clock,
    (err) => deps.logger.warn({ err }, 'dingtalk numbered choices could not be remembered'),
  );
  return { ...sender, listDirectory: () => listDingtalkDirectory(client) };
}

export function dingtalkReceiver(dingtalk: DingtalkAppConfig, app: AppDeps): DingtalkReceive {
  const tenantId = app.config.defaultTenantId;
  const receiveDeps = {
    appSecret: dingtalk.appSecret,
    corpId: dingtalk.corpId,
    orgId: dingtalkOrgId(dingtalk),
    clock: app.clock,
    recordSignature: (signature: string, dedupeKey: string) => recordSignature(app.db, tenantId, 'dingtalk', signature, dedupeKey, app.clock.now()),
    accept: (event: Parameters<typeof acceptInbound>[1], extras: Parameters<typeof acceptInbound>[2]) => acceptInbound(app, event, extras),
  };
  // Cleaned before anything reads it: the signature record (keyed by msgId) is written before the inbox.
  return (body, signed) => receiveRobotMessage(receiveDeps, sanitizeDeep(body), signed);
}

const STREAM_LEASE = 'dingtalk-stream';
/** Longer than the stream's renew interval × tolerated failures (10 s × 3), so a live holder keeps it. */
const STREAM_LEASE_TTL_MS = 45_000;

/**
 * Stream mode: this instance competes for the one Stream connection through a database lease; frames are
 * acked once stored. Bad input is acked (re-delivery would not fix it); a storage failure is not, so
 * DingTalk delivers the frame again.
 */
export async function startStreamMode(
  dingtalk: DingtalkAppConfig, receive: DingtalkReceive, deps: { db: Database; clock: Clock; logger: Logger; tenantId: string },
): Promise<DingtalkStream> {
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const take = () => acquireLease(deps.db, deps.tenantId, STREAM_LEASE, holder, deps.clock.now(), STREAM_LEASE_TTL_MS);
  return startDingtalkStream({
    apiBase: dingtalk.apiBase,
    appKey: dingtalk.appKey,
    appSecret: dingtalk.appSecret,
    logger: deps.logger.child({ component: 'dingtalk-stream' }),
    lease: { tryAcquire: take, renew: take, release: () => releaseLease(deps.db, deps.tenantId, STREAM_LEASE, holder) },
    async onRobotMessage(data) {
      try {
        await receive(data, null);
      } catch (err) {
        if (isAppError(err) && err.status < 500) {
          deps.logger.warn({ err }, 'dingtalk stream message refused');
          return;
        }
        throw err;
      }
    },
  });
}
