// Small display helpers. Dates are shown in Asia/Shanghai whatever the phone's zone (China has no
// DST, so a fixed +8 h offset is exact), matching the server's "today" for visit counts.

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MEDALS: Readonly<Record<number, string>> = { 1: '🥇', 2: '🥈', 3: '🥉' };

/** Days since the epoch in Shanghai: equal numbers mean the same calendar day there. */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** 刚刚 · 5分钟前 · 今天 14:05 · 昨天 09:30 · 3月8日 · 2024年12月1日 */
export function relativeDate(iso: string, nowMs: number): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const diff = nowMs - at;
  // A slightly fast server clock makes fresh visits look a little in the future: still 刚刚.
  if (diff < 60_000) return '刚刚';
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`;
  const days = shanghaiDay(nowMs) - shanghaiDay(at);
  const d = new Date(at + SHANGHAI_OFFSET_MS);
  const hm = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  if (days === 0) return `今天 ${hm}`;
  if (days === 1) return `昨天 ${hm}`;
  const sameYear = new Date(nowMs + SHANGHAI_OFFSET_MS).getUTCFullYear() === d.getUTCFullYear();
  const md = `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  return sameYear ? md : `${d.getUTCFullYear()}年${md}`;
}

/** 138****5678, 0755-****5678; anything too short to mask meaningfully becomes ****. */
export function maskPhone(phone: string | null | undefined): string {
  const s = (phone ?? '').replace(/\s/g, '');
  if (!s) return '';
  if (s.includes('*')) return s; // already masked (the server's customerPhoneMasked)
  const landline = /^(0\d{2,3})-(\d{7,8})(?:-\d+)?$/.exec(s);
  if (landline) return `${landline[1]}-****${landline[2].slice(-4)}`;
  const digits = s.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 🥇🥈🥉 for the podium, the number otherwise. */
export function rankLabel(rank: number): string {
  return MEDALS[rank] ?? String(rank);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
