// Teams bound to departments take their members and managers from the synced directory
// (domain/directory/team-membership.ts); recomputed at every sync and whenever a binding changes. A
// member who left stays on the team while they still own customers, so its manager can hand them over.
import type { AlertTarget } from '../../domain/teams/alert-target.js';
import { departmentKey, type DepartmentRef } from '../../domain/directory/department-ref.js';
import { membersOfBoundTeams } from '../../domain/directory/team-membership.js';
import type { ChannelId } from '../../channels/inbound-event.js';
import type { Queryable } from '../../store/database.js';
import {
  accountsWithPeople, leaversWithCustomersIn, listDepartmentMembers, listDepartments, listTeamBindings, replaceTeamBindings,
} from '../../store/repos/directory-repo.js';
import { listTeams, upsertTeam, type MovedMember } from '../../store/repos/teams-repo.js';

export interface BoundTeam {
  key: string;
  memberUserIds: string[];
  managerUserIds: string[];
  movedMembers: MovedMember[];
}

export async function syncBoundTeams(tx: Queryable, tenantId: string): Promise<BoundTeam[]> {
  const bindings = await listTeamBindings(tx, tenantId);
  if (bindings.length === 0) return [];
  const [departments, members, accounts, teams] = await Promise.all([
    listDepartments(tx, tenantId), listDepartmentMembers(tx, tenantId), accountsWithPeople(tx, tenantId), listTeams(tx, tenantId),
  ]);
  const personOf = new Map(accounts.filter((a) => a.active).map((a) => [`${a.channel}:${a.platformId}`, a.userId]));
  const tree = departments.map((d) => ({
    key: departmentKey(d),
    parentKey: d.parentId === null ? null : departmentKey({ channel: d.channel, deptId: d.parentId }),
    leaders: d.leaderIds.flatMap((id) => personOf.get(`${d.channel}:${id}`) ?? []),
  }));
  const placements = members.flatMap((m) => {
    const personId = personOf.get(`${m.channel}:${m.platformId}`);
    return personId ? [{ personId, deptKey: departmentKey(m) }] : [];
  });
  const computed = membersOfBoundTeams(tree, placements, bindings.map((b) => ({ teamKey: b.teamKey, deptKey: departmentKey(b) })));
  const out: BoundTeam[] = [];
  for (const [key, t] of [...computed].sort(([a], [b]) => a.localeCompare(b))) {
    const team = teams.find((x) => x.key === key);
    if (!team) continue;
    const kept = (await leaversWithCustomersIn(tx, tenantId, key)).filter((u) => !t.managers.includes(u));
    const memberUserIds = [...new Set([...t.members, ...kept])].sort();
    const movedMembers = await upsertTeam(tx, tenantId, { key, name: team.name, alert: team.alert, memberUserIds, managerUserIds: t.managers });
    out.push({ key, memberUserIds, managerUserIds: t.managers, movedMembers });
  }
  return out;
}

/** Binds a team to departments (PUT /api/teams/:key with departmentIds) and fills it from the directory now. */
export async function bindTeam(
  tx: Queryable, tenantId: string, t: { key: string; name: string; alert: AlertTarget | null; departments: readonly DepartmentRef[] },
): Promise<MovedMember[]> {
  const existing = (await listTeams(tx, tenantId)).find((x) => x.key === t.key);
  await upsertTeam(tx, tenantId, { key: t.key, name: t.name, alert: t.alert, memberUserIds: existing?.memberUserIds ?? [], managerUserIds: existing?.managerUserIds ?? [] });
  await replaceTeamBindings(tx, tenantId, t.key, t.departments.map((d) => ({ channel: d.channel as ChannelId, deptId: d.deptId })));
  const synced = await syncBoundTeams(tx, tenantId);
  return synced.find((s) => s.key === t.key)?.movedMembers ?? [];
}
