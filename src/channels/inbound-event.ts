// The one shape every platform message is normalised into at the edge (architecture principle 2).
// Channels produce these; the app layer never sees platform XML/JSON.

export type ChannelId = 'wecom' | 'wecom_bot' | 'dingtalk';

interface InboundBase {
  channel: ChannelId;
  /** Platform organisation id (WeCom CorpID / DingTalk corpId / AI bot id); the app maps it to a tenant. */
  orgId: string;
  /** Durable dedupe key, unique per org and channel (MsgId for messages, composite for events). */
  dedupeKey: string;
  /**
   * Platform user id of the sender (WeCom userid, DingTalk staffId). Past the app edge
   * (app/inbound/handle-event) the app swaps it for the person's user id.
   */
  senderId: string;
  /** The sender's display name when the platform sends one with the message (DingTalk senderNick). */
  senderName?: string;
  /** Group chat id when the message came from a group, null for 1:1. */
  chatId: string | null;
  /** Messages in one conversation are processed in order. */
  conversationKey: string;
  sentAt: Date;
}

export type InboundEvent =
  | (InboundBase & { type: 'text'; text: string })
  /** mediaId is null when the platform sends only the transcript (WeCom AI bot: format 'text'). */
  | (InboundBase & { type: 'voice'; mediaId: string | null; format: string; recognition: string | null })
  | (InboundBase & {
      type: 'card_action';
      /** The task_id we put on the card. */
      taskId: string;
      /** The button key that was tapped. */
      actionKey: string;
      /** WeCom response_code: lets us update that card once within 72 h. */
      responseCode: string | null;
    })
  | (InboundBase & { type: 'enter_chat' })
  | (InboundBase & { type: 'unsupported'; platformType: string });

export type InboundEventType = InboundEvent['type'];
