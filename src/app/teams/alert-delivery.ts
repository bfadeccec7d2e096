// Which channel and recipient a team's alert target means. Reminders and leaderboards share this, so a
// new target kind is one case here, not a branch in every job.
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Recipient } from '../../channels/outbound-message.js';
import type { AlertTarget } from '../../domain/teams/alert-target.js';

export interface AlertDelivery {
  channel: ChannelId;
  recipient: Recipient;
}

export function alertDelivery(target: AlertTarget): AlertDelivery {
  switch (target.kind) {
    case 'wecom_webhook':
      return { channel: 'wecom', recipient: { kind: 'wecom_webhook', key: target.key } };
    case 'wecom_appchat':
      return { channel: 'wecom', recipient: { kind: 'chat', chatId: target.chatId } };
    case 'dingtalk_webhook':
      return { channel: 'dingtalk', recipient: { kind: 'dingtalk_webhook', accessToken: target.accessToken, secret: target.secret } };
    case 'dingtalk_group':
      return { channel: 'dingtalk', recipient: { kind: 'chat', chatId: target.openConversationId } };
    case 'wecom_bot_chat':
      return { channel: 'wecom_bot', recipient: { kind: 'chat', chatId: target.chatId } };
  }
}
