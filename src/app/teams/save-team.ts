// Creating or replacing a team, for the admin API (PUT /api/teams/:key) and the console alike. A team takes
// its people either from listed person ids or from directory departments (members from them and their
// sub-departments, managers from their leaders, recomputed at every sync); saving a listed team unbinds it.
import type { ChannelId } from '../../channels/inbound-event.js';
import { departmentKey, parseDepartmentRef, type DepartmentRef } from '../../domain/directory/department-ref.js';
import { parseAlertTarget, type AlertTarget } from '../../domain/teams/alert-target.js';
import { AppError, badRequest } from '../../shared/errors.js';
import type { Database, Queryable } from '../../store/database.js';
import { listDepartments, listTeamBindings, replaceTeamBindings } from '../../store/repos/directory-repo.js';
import { listTeams, upsertTeam, type MovedMember } from '../../store/repos/teams-repo.js';
import { personIdsFor } from '../../store/repos/users-repo.js';
import { bindTeam } from '../directory/bound-teams.js';

export const TEAM_KEY = /^[A-Za-z0-9_-]{1,64}$/;
const CHANNELS: readonly ChannelId[] = ['wecom', 'dingtalk'];

const text = {
  teamKey: '团队编号只能用字母、数字、_ 或 -(最多64个)',
  teamName: '请填写团队名称(最多64字)',
  teamPeople: '成员和负责人要写人员编号列表',
  unknownPeople: (ids: string[]) => `找不到这些人:${ids.join('、')}`,
  badAlert: (why: string) => `提醒群设置不对:${why}`,
  departmentList: '部门要写成列表,例如 ["wecom:3", "dingtalk:12345"]',
  bothWays: '团队成员要么来自部门(departmentIds),要么逐个列出(memberUserIds/managerUserIds),不能同时用',
  ambiguous: (raw: string) => `部门 ${raw} 在两个渠道都有,请写成 "wecom:…" 或 "dingtalk:…"`,
  unknownDepartment: (raw: string) => `通讯录里没有部门 ${raw}(先同步通讯录)`,
  badDepartment: (raw: string) => `部门编号 ${raw} 看不懂,例如 "wecom:3"、"dingtalk:12345" 或 "3"`,
  departmentTaken: (dept: string, team: string) => `部门 ${dept} 已经绑定到团队 ${team}`,
};

export interface TeamInput {
  name: string;
  memberUserIds: string[];
  managerUserIds: string[];
  /** Raw department ids ("wecom:3", "3"); null when the body names none. */
  departmentIds: string[] | null;
  /** undefined when the body leaves the target out (the caller decides: keep it, or clear it). */
  alert: AlertTarget | null | undefined;
}

function idList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 80)) throw badRequest('invalid_team', text.teamPeople);
  return [...new Set(v as string[])];
}

/** Reads a team body (the admin API's and the console's are the same). */
export function readTeamInput(body: Record<string, unknown>): TeamInput {
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name || name.length > 64) throw badRequest('invalid_team', text.teamName);
  let alert: TeamInput['alert'];
  if (body.alert !== undefined) {
    const parsed = parseAlertTarget(body.alert);
    if ('error' in parsed) throw badRequest('invalid_team', text.badAlert(parsed.error));
    alert = parsed.target;
  }
  const d = body.departmentIds;
  if (d !== undefined && d !== null && (!Array.isArray(d) || !d.every((x) => (typeof x === 'string' || typeof x === 'number') && String(x).length <= 40))) {
    throw badRequest('invalid_team', text.departmentList);
  }
  const departmentIds = Array.isArray(d) && d.length ? [...new Set(d.map(String))] : null;
  const input = { name, memberUserIds: idList(body.memberUserIds), managerUserIds: idList(body.managerUserIds), departmentIds, alert };
  if (departmentIds && (input.memberUserIds.length || input.managerUserIds.length)) throw badRequest('invalid_team', text.bothWays);
  return input;
}

/** The departments named, checked against the synced directory and other teams' bindings. */
async function departmentsOf(q: Queryable, tenantId: string, teamKey: string, raw: readonly string[]): Promise<DepartmentRef[]> {
  const known = (await listDepartments(q, tenantId)).map((d) => ({ channel: d.channel, deptId: d.deptId }));
  const refs: DepartmentRef[] = [];
  for (const id of raw) {
    const r = parseDepartmentRef(id, CHANNELS, known);
    if ('error' in r) {
      if (r.error === 'ambiguous') throw badRequest('ambiguous_department', text.ambiguous(id), { departmentId: id });
      throw badRequest('unknown_department', r.error === 'unknown' ? text.unknownDepartment(id) : text.badDepartment(id), { departmentId: id });
    }
    if (!refs.some((x) => departmentKey(x) === departmentKey(r.ref))) refs.push(r.ref);
  }
  const taken = (await listTeamBindings(q, tenantId)).find((b) => b.teamKey !== teamKey && refs.some((r) => departmentKey(r) === departmentKey(b)));
  if (taken) {
    throw new AppError('department_taken', text.departmentTaken(departmentKey(taken), taken.teamKey), {
      status: 409, details: { departmentId: departmentKey(taken), teamKey: taken.teamKey },
    });
  }
  return refs;
}

/**
 * Saves the team; returns who moved here from another team. `keepAlert`: a body without `alert` keeps the
 * current target (the console only ever sees it masked) instead of clearing it (the API's PUT semantics).
 */
export async function saveTeam(db: Database, tenantId: string, key: string, input: TeamInput, opts: { keepAlert: boolean }): Promise<MovedMember[]> {
  if (!TEAM_KEY.test(key)) throw badRequest('invalid_team', text.teamKey);
  const alertFor = async (q: Queryable) =>
    input.alert !== undefined ? input.alert : opts.keepAlert ? ((await listTeams(q, tenantId)).find((t) => t.key === key)?.alert ?? null) : null;
  if (input.departmentIds) {
    const departments = await departmentsOf(db, tenantId, key, input.departmentIds);
    return db.transaction(async (tx) => bindTeam(tx, tenantId, { key, name: input.name, alert: await alertFor(tx), departments }));
  }
  const listed = [...input.memberUserIds, ...input.managerUserIds];
  const refs = await personIdsFor(db, tenantId, listed);
  const unknown = [...new Set(listed.filter((r) => !refs.has(r)))];
  if (unknown.length) throw badRequest('unknown_user', text.unknownPeople(unknown), { userIds: unknown });
  const people = (ids: string[]) => [...new Set(ids.map((r) => refs.get(r)!))];
  return db.transaction(async (tx) => {
    await replaceTeamBindings(tx, tenantId, key, []);
    return upsertTeam(tx, tenantId, { key, name: input.name, alert: await alertFor(tx), memberUserIds: people(input.memberUserIds), managerUserIds: people(input.managerUserIds) });
  });
}
