// Times are shown in Asia/Shanghai whatever the device's zone: the numbers must read as in the chat.
const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const parts = (at: Date) => Object.fromEntries(shanghai.formatToParts(at).map((p) => [p.type, p.value]));

/** "12-02 10:05" this year, "2025-12-02 10:05" before; "—" for none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = parts(new Date(iso));
  const day = p.year === parts(new Date()).year ? `${p.month}-${p.day}` : `${p.year}-${p.month}-${p.day}`;
  return `${day} ${p.hour}:${p.minute}`;
}

/** "2026-12-09" → "12月9日". */
export const monthDay = (ymd: string | null | undefined) => (ymd ? `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日` : '—');

/** "3分钟前", "2小时前", "5天前" — for "last seen" style facts. */
export function timeAgo(iso: string | null | undefined): string {
  if (!iso) return '从未';
  const ms = Date.now() - Date.parse(iso);
  if (ms < 60_000) return '刚刚';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}分钟前`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)}小时前`;
  return `${Math.floor(ms / 86_400_000)}天前`;
}

export const CHANNEL_NAMES: Record<string, string> = { wecom: '企业微信', dingtalk: '钉钉' };
