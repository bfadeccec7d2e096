// Departments nested into trees, each with how many people are in it directly and with its
// sub-departments (someone in two sub-departments counts once).

export interface FlatDepartment {
  key: string;
  parentKey: string | null;
  /** Person (or account) ids listed directly in the department. */
  memberIds: readonly string[];
}

export type Nested<T> = T & { memberCount: number; totalMemberCount: number; children: Nested<T>[] };

export function nestDepartments<T extends FlatDepartment>(flat: readonly T[], order: (a: T, b: T) => number): Nested<T>[] {
  const byKey = new Map(flat.map((d) => [d.key, d]));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const d of flat) {
    const parent = d.parentKey !== null && d.parentKey !== d.key ? byKey.get(d.parentKey) : undefined;
    if (parent) children.set(parent.key, [...(children.get(parent.key) ?? []), d]);
    else roots.push(d);
  }
  const visiting = new Set<string>();
  const build = (d: T): { node: Nested<T>; everyone: Set<string> } => {
    visiting.add(d.key);
    const everyone = new Set(d.memberIds);
    const kids: Nested<T>[] = [];
    for (const c of [...(children.get(d.key) ?? [])].sort(order)) {
      if (visiting.has(c.key)) continue; // a cycle in bad data
      const built = build(c);
      kids.push(built.node);
      for (const id of built.everyone) everyone.add(id);
    }
    visiting.delete(d.key);
    return { node: { ...d, memberCount: new Set(d.memberIds).size, totalMemberCount: everyone.size, children: kids }, everyone };
  };
  return [...roots].sort(order).map((r) => build(r).node);
}
