// Who is looking at the console, and whose data they may see. Every console read and write goes through
// `ownersVisibleTo`, so scoping lives in one place: an admin sees the tenant, a manager the members of
// the teams they lead (and their own customers), a rep only their own.
import type { Queryable } from '../../store/database.js';
import { repsManagedBy } from '../../store/repos/manager-stats-repo.js';
import { forbidden } from '../../shared/errors.js';

export type ConsoleRole = 'admin' | 'manager' | 'rep';

export interface Viewer {
  tenantId: string;
  /** The person signed in; null for a session opened with ADMIN_TOKEN (no person behind it). */
  userId: string | null;
  name: string | null;
  role: ConsoleRole;
  /** Teams this viewer leads (empty for reps; every team for an admin is implied, not listed). */
  managedTeamKeys: string[];
}

/** 'all' for an admin; otherwise the user ids whose customers, touches and reports the viewer may read. */
export async function ownersVisibleTo(q: Queryable, viewer: Viewer): Promise<'all' | string[]> {
  if (viewer.role === 'admin') return 'all';
  const self = viewer.userId ? [viewer.userId] : [];
  if (viewer.role === 'rep' || !viewer.userId) return self;
  const reps = await repsManagedBy(q, viewer.tenantId, viewer.userId);
  return [...new Set([...self, ...reps])];
}

/** True when the viewer may act on data owned by `ownerUserId`. */
export async function canSeeOwner(q: Queryable, viewer: Viewer, ownerUserId: string): Promise<boolean> {
  const owners = await ownersVisibleTo(q, viewer);
  return owners === 'all' || owners.includes(ownerUserId);
}

/** Team keys the viewer may read: 'all' for an admin, the led teams for a manager, the home team for a rep. */
export function teamsVisibleTo(viewer: Viewer, homeTeamKey: string | null): 'all' | string[] {
  if (viewer.role === 'admin') return 'all';
  if (viewer.role === 'manager') return viewer.managedTeamKeys;
  return homeTeamKey ? [homeTeamKey] : [];
}

const ROLE_NEEDED = { manager: '这个功能只对经理和管理员开放', admin: '这个功能只对管理员开放' } as const;

export function requireRole(viewer: Viewer, ...roles: ConsoleRole[]): void {
  if (!roles.includes(viewer.role)) throw forbidden('forbidden', ROLE_NEEDED[roles.includes('manager') ? 'manager' : 'admin']);
}
