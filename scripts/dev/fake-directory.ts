// A settable company directory shared by the fake WeCom and DingTalk APIs: departments (with leaders) and
// members, a department that answers a permission error, and fields an app may not be granted. Each fake
// renders it in its platform's shapes (department/list + user/list; department/listsub + user/list).

export interface FakeDepartment {
  id: number;
  name: string;
  /** Null (or absent) for the root; DingTalk's root is always 1. */
  parentId?: number | null;
  /** WeCom department_leader; DingTalk shows them as `leader: true` in this department's member list. */
  leaders?: string[];
}

export interface FakeMember {
  userid: string;
  name: string;
  departments: number[];
  mobile?: string;
  email?: string;
  /** WeCom status: 1 active (default), 2 disabled, 4 not yet activated, 5 left. DingTalk lists only 1 and 4. */
  status?: 1 | 2 | 4 | 5;
}

export interface FakeDirectoryError {
  errcode: number;
  errmsg?: string;
}

export interface FakeDirectory {
  departments: FakeDepartment[];
  members: FakeMember[];
  /** Replaces the whole directory (and clears scripted failures). */
  set(d: { departments: FakeDepartment[]; members: FakeMember[] }): void;
  /** This department's member list (and on DingTalk its sub-department list) answers the error. */
  failDepartment(id: number, error?: FakeDirectoryError): void;
  failures: Map<number, FakeDirectoryError>;
  /** Fields the app is not granted: names come back as the userid, mobile/email are left out. */
  withhold: { names: boolean; contacts: boolean };
  /** Largest DingTalk user/list page (the real limit is 100), so tests can walk the cursor. */
  pageSize: number;
  /** Members listed in a department, in userid order. */
  membersOf(id: number): FakeMember[];
  childrenOf(id: number): FakeDepartment[];
  isLeader(userid: string, deptId: number): boolean;
  find(userid: string): FakeMember | undefined;
}

export function createFakeDirectory(defaultError: FakeDirectoryError): FakeDirectory {
  const d: FakeDirectory = {
    departments: [],
    members: [],
    failures: new Map(),
    withhold: { names: false, contacts: false },
    pageSize: 100,
    set(next) {
      d.departments = next.departments;
      d.members = next.members;
      d.failures.clear();
    },
    failDepartment(id, error = defaultError) {
      d.failures.set(id, error);
    },
    membersOf: (id) => d.members.filter((m) => m.departments.includes(id)).sort((a, b) => a.userid.localeCompare(b.userid)),
    childrenOf: (id) => d.departments.filter((x) => (x.parentId ?? null) === id),
    isLeader: (userid, deptId) => d.departments.find((x) => x.id === deptId)?.leaders?.includes(userid) ?? false,
    find: (userid) => d.members.find((m) => m.userid === userid),
  };
  return d;
}
