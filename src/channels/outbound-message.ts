// The one typed union of everything the bot sends. Stored as JSON in the outbox and rendered to
// platform payloads by each channel's codec.
import { createHash } from 'node:crypto';

export interface CardButton {
  /** Stable key that comes back in the click event. */
  key: string;
  text: string;
  /** Highlighted (primary) button. */
  primary?: boolean;
}

export interface ButtonCard {
  /** Unique per card; clicks carry it back. WeCom limits task_id to 128 chars of [A-Za-z0-9_-@]. */
  taskId: string;
  title: string;
  description?: string;
  /** Key/value lines shown under the title. */
  fields?: { label: string; value: string }[];
  buttons: CardButton[];
}

export type OutboundMessage =
  /**
   * `progress`: a transient status ("正在整理战报…") that the next message to the same person replaces. Only
   * channels that can replace a bubble show it (the WeCom AI bot's stream reply); the others skip it.
   */
  | { kind: 'text'; text: string; progress?: true }
  | { kind: 'markdown'; markdown: string }
  | { kind: 'button_card'; card: ButtonCard }
  /** Replace a card's buttons with one disabled label after a click (WeCom update_template_card). */
  | { kind: 'card_update'; responseCode: string; taskId: string; label: string }
  /** A PNG (leaderboard chart); group robots take it inline as base64 + md5. */
  | { kind: 'image'; base64: string; md5: string };

/** A progress line: shown only where a later message can replace it, skipped everywhere else. */
export const isProgress = (m: OutboundMessage): boolean => m.kind === 'text' && m.progress === true;

/** Where an outbound message goes. */
export type Recipient =
  | { kind: 'user'; userId: string }
  | { kind: 'chat'; chatId: string }
  /** A group robot (WeCom 群机器人); the key is a secret. */
  | { kind: 'wecom_webhook'; key: string }
  /** A DingTalk custom group robot (自定义机器人); token and secret are secrets. */
  | { kind: 'dingtalk_webhook'; accessToken: string; secret: string | null };

/** Group robots take at most 20 messages a minute on both platforms. */
export const isGroupRobot = (r: Recipient): boolean => r.kind === 'wecom_webhook' || r.kind === 'dingtalk_webhook';

/** Stable, log-safe identity of a recipient (pacing and logs); a webhook key is hashed, never shown. */
export function recipientKey(r: Recipient): string {
  switch (r.kind) {
    case 'user':
      return `user:${r.userId}`;
    case 'chat':
      return `chat:${r.chatId}`;
    case 'wecom_webhook':
      return `webhook:${hashed(r.key)}`;
    case 'dingtalk_webhook':
      return `dtwebhook:${hashed(r.accessToken)}`;
  }
}

const hashed = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 16);
