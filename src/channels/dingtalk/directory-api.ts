// DingTalk directory listing for directory sync: topapi/v2/department/listsub walked from the root (dept
// 1; it returns one level at a time) and topapi/v2/user/list per department (members of that department
// only, cursor paging, ≤100 a page, `leader` = leads the department asked about). A department the app
// may not read (88 / 60011 / 50004) is a failure of that department and its subtree; a network error, a
// rate limit or a token refusal ends the listing with an error.
import type { DepartmentPage, DirectoryListing, ListedDepartment, ListedMember, ListingFailure } from '../directory-listing.js';
import type { DingtalkClient } from './client.js';
import { DingtalkApiError } from './errors.js';

const ROOT_DEPT = '1';
const PAGE_SIZE = 100; // user/list: size ≤ 100
/** A cursor loop that never ends (a platform bug) must still end. */
const MAX_PAGES_PER_DEPT = 2_000;

const PERMISSION_CODES = new Set([
  88, // 鉴权异常: the sub_code names the missing permission (60011 没有调用该接口的权限)
  60011, // no permission for the API or the department
  50004, // 请求的部门id不在授权范围内
]);

interface RawDepartment {
  dept_id?: unknown;
  name?: unknown;
  parent_id?: unknown;
}

interface RawUser {
  userid?: unknown;
  name?: unknown;
  mobile?: unknown;
  email?: unknown;
  org_email?: unknown;
  leader?: unknown;
}

interface UserPage {
  result?: { has_more?: unknown; next_cursor?: unknown; list?: RawUser[] };
}

type Oapi = Pick<DingtalkClient, 'oapiPost'>;

export async function listDingtalkDirectory(client: Oapi): Promise<DirectoryListing> {
  const failures: ListingFailure[] = [];
  const departments = await walkDepartments(client, failures);
  const pages: DepartmentPage[] = [];
  for (const d of departments) {
    const members = await readDepartment(client, d.id, failures);
    if (members) pages.push({ departmentId: d.id, members });
  }
  return { departments, pages, failures };
}

async function walkDepartments(client: Oapi, failures: ListingFailure[]): Promise<ListedDepartment[]> {
  // listsub never returns the root itself; its name is the company's and not needed here.
  const out: ListedDepartment[] = [{ id: ROOT_DEPT, name: null, parentId: null, leaderIds: [] }];
  const seen = new Set([ROOT_DEPT]);
  const queue = [ROOT_DEPT];
  while (queue.length) {
    const parent = queue.shift()!;
    let children: RawDepartment[];
    try {
      const res = await client.oapiPost<{ result?: RawDepartment[] }>('/topapi/v2/department/listsub', { dept_id: Number(parent), language: 'zh_CN' });
      children = res.result ?? [];
    } catch (e) {
      failures.push(failureOf(e, parent));
      continue;
    }
    for (const c of children) {
      const id = idText(c.dept_id);
      if (!id || seen.has(id)) continue;
      seen.add(id);
      out.push({ id, name: text(c.name), parentId: idText(c.parent_id) ?? parent, leaderIds: [] });
      queue.push(id);
    }
  }
  return out;
}

async function readDepartment(client: Oapi, deptId: string, failures: ListingFailure[]): Promise<ListedMember[] | null> {
  const members: ListedMember[] = [];
  let cursor = 0;
  for (let page = 0; page < MAX_PAGES_PER_DEPT; page++) {
    let res: UserPage;
    try {
      res = await client.oapiPost<UserPage>('/topapi/v2/user/list', { dept_id: Number(deptId), cursor, size: PAGE_SIZE, language: 'zh_CN' });
    } catch (e) {
      failures.push(failureOf(e, deptId));
      return null;
    }
    const r = res.result ?? {};
    for (const u of r.list ?? []) {
      const m = toMember(u, deptId);
      if (m) members.push(m);
    }
    const next = typeof r.next_cursor === 'number' ? r.next_cursor : Number(r.next_cursor);
    if (r.has_more !== true || !Number.isFinite(next)) return members;
    cursor = next;
  }
  failures.push({ departmentId: deptId, code: null, kind: 'other' });
  return null;
}

/** Permanent refusals are recorded for the department; anything else ends the whole listing. */
function failureOf(e: unknown, deptId: string): ListingFailure {
  if (!(e instanceof DingtalkApiError) || e.failureClass !== 'permanent') throw e;
  const code = e.errcode ?? e.platformCode ?? null;
  return { departmentId: deptId, code, kind: typeof code === 'number' && PERMISSION_CODES.has(code) ? 'permission' : 'other' };
}

function toMember(u: RawUser, deptId: string): ListedMember | null {
  const platformId = text(u.userid);
  if (!platformId) return null;
  // DingTalk lists only current staff: a leaver is simply gone, so everyone listed is active.
  return {
    platformId,
    name: text(u.name),
    mobile: text(u.mobile),
    email: text(u.email) ?? text(u.org_email),
    leads: u.leader === true ? [deptId] : [],
    active: true,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function idText(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return typeof v === 'string' && /^\d+$/.test(v) ? v : null;
}
