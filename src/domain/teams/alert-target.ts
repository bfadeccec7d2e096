// Where a team's alerts and leaderboards go: a WeCom group robot webhook or a WeCom app group chat.
// Webhook keys are secrets: shown masked, never logged.

export type AlertTarget = { kind: 'wecom_webhook'; key: string } | { kind: 'wecom_appchat'; chatId: string };

/** Returns the target, or an error message in Chinese-free English for the API caller. */
export function parseAlertTarget(v: unknown): { target: AlertTarget | null } | { error: string } {
  if (v === undefined || v === null) return { target: null };
  if (typeof v !== 'object' || Array.isArray(v)) return { error: 'alert must be an object' };
  const o = v as Record<string, unknown>;
  if (o.kind === 'wecom_webhook') {
    // Robot keys are UUID-like; anything with a slash or query would change the request path.
    return typeof o.key === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(o.key)
      ? { target: { kind: 'wecom_webhook', key: o.key } }
      : { error: 'alert.key must be the robot webhook key (8–64 letters, digits or dashes)' };
  }
  if (o.kind === 'wecom_appchat') {
    return typeof o.chatId === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(o.chatId)
      ? { target: { kind: 'wecom_appchat', chatId: o.chatId } }
      : { error: 'alert.chatId must be 1–32 letters, digits, _ or -' };
  }
  return { error: 'alert.kind must be wecom_webhook or wecom_appchat' };
}

/** The target as the API shows it: webhook keys masked to their last 4 characters. */
export function publicAlertTarget(t: AlertTarget | null): Record<string, string> | null {
  if (!t) return null;
  return t.kind === 'wecom_webhook' ? { kind: t.kind, key: `****${t.key.slice(-4)}` } : { kind: t.kind, chatId: t.chatId };
}
