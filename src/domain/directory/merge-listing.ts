// A platform listing (departments, and members page by page) merged into one entry per person: a member
// listed in three departments is one person in three departments. A department's leaders are those it
// names itself plus the members flagged as leading it.

export interface ListingInput {
  departments: readonly { id: string; name: string | null; parentId: string | null; leaderIds: readonly string[] }[];
  pages: readonly {
    departmentId: string;
    members: readonly { platformId: string; name: string | null; mobile: string | null; email: string | null; leads: readonly string[]; active: boolean }[];
  }[];
  failures: readonly unknown[];
}

export interface MergedDepartment {
  id: string;
  name: string | null;
  parentId: string | null;
  /** Platform ids, sorted. */
  leaderIds: string[];
}

export interface DirectoryPerson {
  platformId: string;
  name: string | null;
  mobile: string | null;
  email: string | null;
  /** Departments whose member list names this person. */
  departmentIds: string[];
  /** Of those, the ones this person leads. */
  leads: string[];
  /** False when any page marks the account disabled or gone. */
  active: boolean;
}

export interface MergedListing {
  departments: MergedDepartment[];
  people: DirectoryPerson[];
  /** Departments whose member list was read. */
  readDepartmentIds: string[];
  /** Every department was read. */
  complete: boolean;
  /** Nobody active was listed: an app with an empty visibility, never a company with no staff. */
  empty: boolean;
  /** The platform gave no names / no mobile or email at all (the app lacks those fields). */
  withheld: { names: boolean; contacts: boolean };
}

export function mergeListing(listing: ListingInput): MergedListing {
  const people = new Map<string, DirectoryPerson>();
  const flaggedLeaders = new Map<string, Set<string>>();
  for (const page of listing.pages) {
    for (const m of page.members) {
      const p = people.get(m.platformId) ?? { platformId: m.platformId, name: null, mobile: null, email: null, departmentIds: [], leads: [], active: true };
      p.name ??= m.name;
      p.mobile ??= m.mobile;
      p.email ??= m.email;
      p.active &&= m.active;
      if (!p.departmentIds.includes(page.departmentId)) p.departmentIds.push(page.departmentId);
      if (m.leads.includes(page.departmentId)) add(flaggedLeaders, page.departmentId, m.platformId);
      people.set(m.platformId, p);
    }
  }
  const departments = listing.departments.map((d) => ({
    id: d.id,
    name: d.name,
    parentId: d.parentId,
    leaderIds: [...new Set([...d.leaderIds, ...(flaggedLeaders.get(d.id) ?? [])])].sort(),
  }));
  for (const d of departments) {
    for (const id of d.leaderIds) {
      const p = people.get(id);
      if (p && p.departmentIds.includes(d.id) && !p.leads.includes(d.id)) p.leads.push(d.id);
    }
  }
  const list = [...people.values()].sort((a, b) => a.platformId.localeCompare(b.platformId));
  return {
    departments,
    people: list,
    readDepartmentIds: listing.pages.map((p) => p.departmentId),
    complete: listing.failures.length === 0,
    empty: !list.some((p) => p.active),
    withheld: {
      names: list.length > 0 && list.every((p) => p.name === null),
      contacts: list.length > 0 && list.every((p) => p.mobile === null && p.email === null),
    },
  };
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}
