// Members and managers of teams bound to departments. A person in a department belongs to the team bound
// to the nearest department at or above it (so a team bound to 华东组 keeps its people when another is
// bound to the whole 销售部); someone in several departments joins the team of the deepest one. A bound
// department's leaders manage its team and are not counted among its members.

export interface TreeDepartment {
  /** "<channel>:<dept id>" */
  key: string;
  parentKey: string | null;
  /** Person ids of its leaders. */
  leaders: readonly string[];
}

export interface Placement {
  personId: string;
  deptKey: string;
}

export interface Binding {
  teamKey: string;
  deptKey: string;
}

export interface TeamMembers {
  members: string[];
  managers: string[];
}

export function membersOfBoundTeams(
  departments: readonly TreeDepartment[],
  placements: readonly Placement[],
  bindings: readonly Binding[],
): Map<string, TeamMembers> {
  const byKey = new Map(departments.map((d) => [d.key, d]));
  const boundTo = new Map<string, string>();
  for (const b of [...bindings].sort((x, y) => x.teamKey.localeCompare(y.teamKey))) if (!boundTo.has(b.deptKey)) boundTo.set(b.deptKey, b.teamKey);

  const teams = new Map<string, { members: Set<string>; managers: Set<string> }>();
  for (const b of bindings) if (!teams.has(b.teamKey)) teams.set(b.teamKey, { members: new Set(), managers: new Set() });
  for (const [deptKey, teamKey] of boundTo) for (const l of byKey.get(deptKey)?.leaders ?? []) teams.get(teamKey)!.managers.add(l);

  const best = new Map<string, { teamKey: string; depth: number }>();
  for (const p of placements) {
    const found = nearestBound(p.deptKey, byKey, boundTo);
    if (!found) continue;
    const current = best.get(p.personId);
    if (!current || found.depth > current.depth || (found.depth === current.depth && found.teamKey < current.teamKey)) best.set(p.personId, found);
  }
  for (const [personId, { teamKey }] of best) {
    const team = teams.get(teamKey)!;
    if (!team.managers.has(personId)) team.members.add(personId);
  }
  return new Map([...teams].map(([k, t]) => [k, { members: [...t.members].sort(), managers: [...t.managers].sort() }]));
}

/** The bound department at or above `deptKey`, with its depth from the root (a cycle in bad data ends the walk). */
function nearestBound(deptKey: string, byKey: ReadonlyMap<string, TreeDepartment>, boundTo: ReadonlyMap<string, string>): { teamKey: string; depth: number } | null {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let k: string | null = deptKey; k !== null && !seen.has(k); k = byKey.get(k)?.parentKey ?? null) {
    seen.add(k);
    path.push(k);
  }
  for (const [i, k] of path.entries()) {
    const teamKey = boundTo.get(k);
    if (teamKey) return { teamKey, depth: path.length - 1 - i };
  }
  return null;
}
