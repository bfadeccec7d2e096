// Who keeps handed-on commitments in a team, per role (config/handoffs.jsonc): read and replaced by the
// admin API. A body names roles ("implementation") or kinds standing for their role ("poc"), each with a
// person id or "<channel>:<platform id>" (as in PUT /api/teams/:key), or null for nobody.
import { roleOf, type HandoffRules } from '../../domain/handoffs/handoff-rules.js';
import { badRequest, notFound } from '../../shared/errors.js';
import type { Database, Queryable } from '../../store/database.js';
import { replaceTeamHandlers, teamHandlers } from '../../store/repos/handoffs-repo.js';
import { listTeams } from '../../store/repos/teams-repo.js';
import { personIdsFor } from '../../store/repos/users-repo.js';

const text = {
  unknownRole: (keys: string[], known: string[]) => `不认识的角色:${keys.join('、')}(可用:${known.join('、')})`,
  badPerson: (key: string) => `${key} 要写人员编号(或 null 表示不设)`,
  twoPeople: (role: string) => `角色 ${role} 被设成了两个人`,
  unknownPeople: (ids: string[]) => `找不到这些人:${ids.join('、')}`,
  noTeam: (key: string) => `没有团队 ${key}`,
};

export interface RoleView {
  label: string;
  userId: string | null;
  name: string | null;
  /** The commitment kinds this role keeps. */
  kinds: string[];
}

export async function teamHandlersView(q: Queryable, rules: HandoffRules, tenantId: string, teamKey: string): Promise<{ teamKey: string; roles: Record<string, RoleView> }> {
  if (!(await listTeams(q, tenantId)).some((t) => t.key === teamKey)) throw notFound('team_not_found', text.noTeam(teamKey));
  const set = new Map((await teamHandlers(q, tenantId, teamKey)).map((h) => [h.role, h]));
  const roles: Record<string, RoleView> = {};
  for (const [role, label] of rules.roles) {
    const h = set.get(role);
    roles[role] = { label, userId: h?.userId ?? null, name: h?.name ?? null, kinds: rules.kinds.filter((k) => k.role === role).map((k) => k.id) };
  }
  return { teamKey, roles };
}

/** Replaces the team's handlers (PUT semantics: a role left out has nobody). */
export async function replaceHandlers(db: Database, rules: HandoffRules, tenantId: string, teamKey: string, body: Record<string, unknown>): Promise<void> {
  const unknown = Object.keys(body).filter((k) => roleOf(rules, k) === null);
  if (unknown.length) throw badRequest('unknown_role', text.unknownRole(unknown, [...rules.roles.keys(), ...rules.kinds.map((k) => k.id)]), { keys: unknown });
  const wanted = new Map<string, string>();
  for (const [key, v] of Object.entries(body)) {
    if (v === null) continue;
    if (typeof v !== 'string' || v.length === 0 || v.length > 80) throw badRequest('invalid_handler', text.badPerson(key));
    const role = roleOf(rules, key)!;
    if (wanted.has(role) && wanted.get(role) !== v) throw badRequest('invalid_handler', text.twoPeople(role), { role });
    wanted.set(role, v);
  }
  const refs = await personIdsFor(db, tenantId, [...wanted.values()]);
  const missing = [...new Set([...wanted.values()].filter((r) => !refs.has(r)))];
  if (missing.length) throw badRequest('unknown_user', text.unknownPeople(missing), { userIds: missing });
  await db.transaction(async (tx) => {
    if (!(await listTeams(tx, tenantId)).some((t) => t.key === teamKey)) throw notFound('team_not_found', text.noTeam(teamKey));
    await replaceTeamHandlers(tx, tenantId, teamKey, new Map([...wanted].map(([role, ref]) => [role, refs.get(ref)!])));
  });
}
