// How admins name departments of two channels: "wecom:3" / "dingtalk:12345", or a bare "3" when only one
// synced directory has a department with that id.

export interface DepartmentRef {
  channel: string;
  deptId: string;
}

export const departmentKey = (r: DepartmentRef): string => `${r.channel}:${r.deptId}`;

export type RefResult = { ref: DepartmentRef } | { error: 'invalid' | 'unknown' | 'ambiguous' };

export function parseDepartmentRef(raw: string, channels: readonly string[], known: readonly DepartmentRef[]): RefResult {
  const s = raw.trim();
  const qualified = /^([a-z]+):(\d{1,20})$/.exec(s);
  if (qualified) {
    if (!channels.includes(qualified[1]!)) return { error: 'invalid' };
    const ref = { channel: qualified[1]!, deptId: qualified[2]! };
    return known.some((k) => k.channel === ref.channel && k.deptId === ref.deptId) ? { ref } : { error: 'unknown' };
  }
  if (!/^\d{1,20}$/.test(s)) return { error: 'invalid' };
  const matches = known.filter((k) => k.deptId === s);
  if (matches.length === 0) return { error: 'unknown' };
  if (matches.length > 1) return { error: 'ambiguous' };
  return { ref: { channel: matches[0]!.channel, deptId: s } };
}
