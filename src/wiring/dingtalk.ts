// Composition of the DingTalk channel: its client, the sender and media bound to the store, and the
// receive pipeline shared by the HTTP callback and the Stream connection.
import type { AppConfig, DingtalkAppConfig } from '../config/app-config.js';
import { acceptInbound } from '../app/inbound/accept-inbound.js';
import { dingtalkOrgId } from '../app/tenants/bootstrap-tenant.js';
import type { ChannelMedia, ChannelSender } from '../channels/channel.js';
import { createDingtalkClient } from '../channels/dingtalk/client.js';
import { receiveRobotMessage, type ReceiveOutcome } from '../channels/dingtalk/receive.js';
import { createDingtalkSender } from '../channels/dingtalk/sender.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { AppDeps } from '../app/app-deps.js';
import type { Database } from '../store/database.js';
import { recordSignature } from '../store/repos/callback-signatures-repo.js';
import { savePendingChoice } from '../store/repos/pending-choices-repo.js';
import { dropReplyHandle, findReplyHandle } from '../store/repos/reply-handles-repo.js';

export interface DingtalkChannel {
  sender: ChannelSender & ChannelMedia;
  /** One robot message; `signed` carries the HTTP headers, null for a Stream frame. */
  receive(body: unknown, signed: { timestamp: string | undefined; sign: string | undefined } | null): Promise<ReceiveOutcome>;
}

export function wireDingtalk(
  dingtalk: DingtalkAppConfig, config: Pick<AppConfig, 'defaultTenantId'>, deps: { db: Database; clock: Clock; logger: Logger },
): DingtalkChannel & { bindInbox(app: Pick<AppDeps, 'db' | 'queue' | 'logger' | 'clock'>): void } {
  const tenantId = config.defaultTenantId;
  const { db, clock } = deps;
  const client = createDingtalkClient({ ...dingtalk, clock, logger: deps.logger });
  const sender = createDingtalkSender(
    client,
    {
      findReplyHandle: (scope, validAt) => findReplyHandle(db, tenantId, 'dingtalk', scope, validAt),
      dropReplyHandle: (scope, url) => dropReplyHandle(db, tenantId, 'dingtalk', scope, url),
      savePendingChoice: (userId, taskId, choices, sentAt) => savePendingChoice(db, tenantId, 'dingtalk', userId, { taskId, choices, sentAt }),
    },
    clock,
  );
  let inbox: Pick<AppDeps, 'db' | 'queue' | 'logger' | 'clock'> | null = null;
  return {
    sender,
    bindInbox: (app) => {
      inbox = app;
    },
    receive: (body, signed) => {
      if (!inbox) throw new Error('dingtalk inbox is not bound yet');
      const app = inbox;
      return receiveRobotMessage(
        {
          appSecret: dingtalk.appSecret,
          corpId: dingtalk.corpId,
          orgId: dingtalkOrgId(dingtalk),
          clock,
          recordSignature: (signature, dedupeKey) => recordSignature(db, tenantId, 'dingtalk', signature, dedupeKey, clock.now()),
          accept: (event, extras) => acceptInbound(app, event, extras),
        },
        body,
        signed,
      );
    },
  };
}
