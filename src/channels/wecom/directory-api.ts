// WeCom directory listing for directory sync: department/list (the whole tree the app may see, with
// department_leader) and user/list per department (it is not recursive: WC/90201 says to walk the
// sub-departments). A department the app may not read (60011 and friends) is a failure of that
// department only; a network error, a rate limit or a refused tree ends the listing with an error.
import type { DepartmentPage, DirectoryListing, ListedDepartment, ListedMember, ListingFailure } from '../directory-listing.js';
import type { WecomClient } from './client.js';
import { WecomApiError } from './errors.js';

/** Answers that mean "this department is not yours to read"; the rest of the tree may still be. */
const PERMISSION_CODES = new Set([
  48002, // API not permitted for this app
  50002, // outside the app's visibility (成员不在权限范围)
  60011, // no privilege to access/modify contact/party/agent
]);
// Other permanent answers (60123 invalid department id: removed between the tree and its member list)
// are failures of that department too, just not permission ones.

interface RawDepartment {
  id?: unknown;
  name?: unknown;
  parentid?: unknown;
  department_leader?: unknown;
}

interface RawUser {
  userid?: unknown;
  name?: unknown;
  department?: unknown;
  is_leader_in_dept?: unknown;
  mobile?: unknown;
  email?: unknown;
  biz_mail?: unknown;
  status?: unknown;
}

export async function listWecomDirectory(client: Pick<WecomClient, 'call'>): Promise<DirectoryListing> {
  // No id: the full tree within the app's visibility (WC/90208).
  const tree = await client.call<{ department?: RawDepartment[] }>('GET', '/cgi-bin/department/list');
  const departments = (tree.department ?? []).map(toDepartment).filter((d): d is ListedDepartment => d !== null);
  const pages: DepartmentPage[] = [];
  const failures: ListingFailure[] = [];
  for (const d of departments) {
    try {
      const res = await client.call<{ userlist?: RawUser[] }>('GET', '/cgi-bin/user/list', { query: { department_id: d.id } });
      pages.push({ departmentId: d.id, members: (res.userlist ?? []).map(toMember).filter((m): m is ListedMember => m !== null) });
    } catch (e) {
      if (!(e instanceof WecomApiError) || e.failureClass !== 'permanent') throw e;
      failures.push({ departmentId: d.id, code: e.errcode ?? null, kind: e.errcode !== undefined && PERMISSION_CODES.has(e.errcode) ? 'permission' : 'other' });
    }
  }
  return { departments, pages, failures };
}

function toDepartment(r: RawDepartment): ListedDepartment | null {
  const id = idText(r.id);
  if (!id) return null;
  const parent = idText(r.parentid);
  const name = text(r.name);
  return {
    id,
    // Third-party apps get the id in place of the name (WC/90208): that is no name.
    name: name === id ? null : name,
    parentId: parent && parent !== '0' ? parent : null,
    leaderIds: strings(r.department_leader),
  };
}

function toMember(u: RawUser): ListedMember | null {
  const platformId = text(u.userid);
  if (!platformId) return null;
  const departments = Array.isArray(u.department) ? u.department.map(idText) : [];
  const flags = Array.isArray(u.is_leader_in_dept) ? u.is_leader_in_dept : [];
  const name = text(u.name);
  // status: 1 active, 2 disabled, 4 not yet activated (still staff), 5 left the company.
  const status = typeof u.status === 'number' ? u.status : 1;
  return {
    platformId,
    // Apps that may not read names get the userid instead (third-party and unauthorised 代开发 apps).
    name: name === platformId ? null : name,
    mobile: text(u.mobile),
    email: text(u.email) ?? text(u.biz_mail),
    leads: departments.filter((d, i): d is string => d !== null && Number(flags[i]) === 1),
    active: status !== 2 && status !== 5,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function idText(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return typeof v === 'string' && /^\d+$/.test(v) ? v : null;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);
