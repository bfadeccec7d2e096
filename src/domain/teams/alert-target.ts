// Where a team's alerts and leaderboards go: a WeCom group robot webhook, a WeCom app group chat, a
// DingTalk custom group robot, or a DingTalk group the app's robot is in. Webhook keys, access tokens
// and signing secrets are secrets: shown masked, never logged.

export type AlertTarget =
  | { kind: 'wecom_webhook'; key: string }
  | { kind: 'wecom_appchat'; chatId: string }
  /** 自定义机器人: its access_token, and the SEC… secret when 加签 is on. */
  | { kind: 'dingtalk_webhook'; accessToken: string; secret: string | null }
  /** A group the enterprise robot was added to (openConversationId from a message in that group). */
  | { kind: 'dingtalk_group'; openConversationId: string }
  /** A WeCom group the AI bot is in (chatid from an @-message in that group, logged as "wecom bot group seen"). */
  | { kind: 'wecom_bot_chat'; chatId: string };

const KINDS = 'wecom_webhook, wecom_appchat, dingtalk_webhook, dingtalk_group or wecom_bot_chat';

/** Returns the target, or an error message in Chinese-free English for the API caller. */
export function parseAlertTarget(v: unknown): { target: AlertTarget | null } | { error: string } {
  if (v === undefined || v === null) return { target: null };
  if (typeof v !== 'object' || Array.isArray(v)) return { error: 'alert must be an object' };
  const o = v as Record<string, unknown>;
  switch (o.kind) {
    case 'wecom_webhook':
      // Robot keys are UUID-like; anything with a slash or query would change the request path.
      return typeof o.key === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(o.key)
        ? { target: { kind: 'wecom_webhook', key: o.key } }
        : { error: 'alert.key must be the robot webhook key (8–64 letters, digits or dashes)' };
    case 'wecom_appchat':
      return typeof o.chatId === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(o.chatId)
        ? { target: { kind: 'wecom_appchat', chatId: o.chatId } }
        : { error: 'alert.chatId must be 1–32 letters, digits, _ or -' };
    case 'dingtalk_webhook': {
      if (typeof o.accessToken !== 'string' || !/^[A-Za-z0-9]{16,128}$/.test(o.accessToken)) {
        return { error: 'alert.accessToken must be the access_token of the robot webhook URL (letters and digits)' };
      }
      const secret = o.secret ?? null;
      if (secret !== null && (typeof secret !== 'string' || !/^SEC[A-Za-z0-9]{8,128}$/.test(secret))) {
        return { error: 'alert.secret must be the robot signing secret starting with SEC, or null' };
      }
      return { target: { kind: 'dingtalk_webhook', accessToken: o.accessToken, secret } };
    }
    case 'dingtalk_group':
      return typeof o.openConversationId === 'string' && /^[A-Za-z0-9+/=_-]{8,128}$/.test(o.openConversationId)
        ? { target: { kind: 'dingtalk_group', openConversationId: o.openConversationId } }
        : { error: 'alert.openConversationId must be the group\'s conversation id (cid…)' };
    case 'wecom_bot_chat':
      return typeof o.chatId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(o.chatId)
        ? { target: { kind: 'wecom_bot_chat', chatId: o.chatId } }
        : { error: 'alert.chatId must be the AI bot group chatid (1–64 letters, digits, _ or -)' };
    default:
      return { error: `alert.kind must be ${KINDS}` };
  }
}

const masked = (secret: string) => `****${secret.slice(-4)}`;

/** The target as the API shows it: keys, tokens and secrets masked to their last 4 characters. */
export function publicAlertTarget(t: AlertTarget | null): Record<string, string | null> | null {
  if (!t) return null;
  switch (t.kind) {
    case 'wecom_webhook':
      return { kind: t.kind, key: masked(t.key) };
    case 'wecom_appchat':
      return { kind: t.kind, chatId: t.chatId };
    case 'dingtalk_webhook':
      return { kind: t.kind, accessToken: masked(t.accessToken), secret: t.secret === null ? null : masked(t.secret) };
    case 'dingtalk_group':
      return { kind: t.kind, openConversationId: t.openConversationId };
    case 'wecom_bot_chat':
      return { kind: t.kind, chatId: t.chatId };
  }
}
