// GET /api/directory/departments and the console's copy: each channel's department tree as last synced,
// with leaders, member counts and the team bound to each department. Ids are "<channel>:<dept id>",
// the form PUT /api/teams/:key takes.
import type { ChannelId } from '../../channels/inbound-event.js';
import { departmentKey } from '../../domain/directory/department-ref.js';
import { nestDepartments, type Nested } from '../../domain/directory/department-tree.js';
import type { Queryable } from '../../store/database.js';
import { listDepartmentMembers, listDepartments, listTeamBindings } from '../../store/repos/directory-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { CHANNEL_ORDER } from './directory-channels.js';

interface FlatNode {
  key: string;
  parentKey: string | null;
  memberIds: string[];
  channel: ChannelId;
  deptId: string;
  name: string | null;
  leaders: { userId: string | null; platformId: string; name: string | null }[];
  team: { key: string; name: string } | null;
}

export interface DepartmentNode {
  /** "<channel>:<dept id>" */
  id: string;
  channel: ChannelId;
  deptId: string;
  name: string | null;
  parentId: string | null;
  leaders: { userId: string | null; platformId: string; name: string | null }[];
  /** People listed directly in the department. */
  memberCount: number;
  /** With every sub-department (someone in two counts once). */
  totalMemberCount: number;
  /** The team bound to this department, if any. */
  team: { key: string; name: string } | null;
  children: DepartmentNode[];
}

export async function departmentTree(q: Queryable, tenantId: string): Promise<{ items: DepartmentNode[] }> {
  const [departments, members, bindings, teams] = [
    await listDepartments(q, tenantId), await listDepartmentMembers(q, tenantId), await listTeamBindings(q, tenantId), await listTeams(q, tenantId),
  ];
  const byDept = new Map<string, typeof members>();
  const personOf = new Map<string, (typeof members)[number]>();
  for (const m of members) {
    byDept.set(departmentKey(m), [...(byDept.get(departmentKey(m)) ?? []), m]);
    if (m.userId) personOf.set(`${m.channel}:${m.platformId}`, m);
  }
  const flat: FlatNode[] = departments.map((d) => {
    const key = departmentKey(d);
    const inDept = byDept.get(key) ?? [];
    const binding = bindings.find((b) => b.channel === d.channel && b.deptId === d.deptId);
    const team = binding ? teams.find((t) => t.key === binding.teamKey) : undefined;
    return {
      key,
      parentKey: d.parentId === null ? null : departmentKey({ channel: d.channel, deptId: d.parentId }),
      memberIds: inDept.map((m) => m.userId ?? `${m.channel}:${m.platformId}`),
      channel: d.channel,
      deptId: d.deptId,
      name: d.name,
      leaders: d.leaderIds.map((platformId) => {
        const m = personOf.get(`${d.channel}:${platformId}`);
        return { userId: m?.userId ?? null, platformId, name: m?.name ?? null };
      }),
      team: team ? { key: team.key, name: team.name } : null,
    };
  });
  const order = (a: FlatNode, b: FlatNode) =>
    CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel) || Number(a.deptId) - Number(b.deptId) || a.deptId.localeCompare(b.deptId);
  return { items: nestDepartments(flat, order).map(view) };
}

function view(n: Nested<FlatNode>): DepartmentNode {
  return {
    id: n.key, channel: n.channel, deptId: n.deptId, name: n.name, parentId: n.parentKey, leaders: n.leaders,
    memberCount: n.memberCount, totalMemberCount: n.totalMemberCount, team: n.team, children: n.children.map(view),
  };
}
