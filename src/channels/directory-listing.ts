// What a platform directory lists, in one shape for both channels: the departments and, for every
// department whose members could be read, those members. Failures say which departments could not be
// read, so the app never mistakes a partial listing for the whole company.

export interface ListedDepartment {
  /** The platform's department id, as text. */
  id: string;
  /** Null when the platform withholds it (WeCom third-party apps get the id instead). */
  name: string | null;
  /** Null for the root. */
  parentId: string | null;
  /** Platform ids the department itself names as its leaders (WeCom department_leader). */
  leaderIds: string[];
}

export interface ListedMember {
  platformId: string;
  /** Null when the platform withholds it. */
  name: string | null;
  /** Only when the app may read them (WeCom apps created after 2022-06-20 may not). */
  mobile: string | null;
  email: string | null;
  /** Departments the member leads, among those the platform reports (WeCom is_leader_in_dept, DingTalk leader). */
  leads: string[];
  /** False when the platform marks the account disabled or gone (WeCom status 2 or 5). */
  active: boolean;
}

/** The members of one department whose listing was read to the end. */
export interface DepartmentPage {
  departmentId: string;
  members: ListedMember[];
}

export interface ListingFailure {
  /** The department that could not be read; null when the department tree itself could not be read. */
  departmentId: string | null;
  /** The platform's error code, when it gave one. */
  code: number | string | null;
  /** 'permission': outside the app's visibility or without the contacts permission. */
  kind: 'permission' | 'other';
}

export interface DirectoryListing {
  departments: ListedDepartment[];
  pages: DepartmentPage[];
  /** Empty when every department and every member list was read: only then may leavers be found. */
  failures: ListingFailure[];
}
