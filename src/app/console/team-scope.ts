// Which teams and people a console viewer may pick in filters, and whose numbers a 总览 covers: an admin
// any team or all of them, a manager the teams they lead (all of them together is what the chat commands
// answer), a rep only their own numbers. Out-of-scope picks are refused, never silently widened.
import { forbidden, notFound } from '../../shared/errors.js';
import type { Queryable } from '../../store/database.js';
import { homeTeamOf, peopleIn, sellingPeople, teamMemberIds, teamNames, type PersonInScope } from '../../store/repos/console-scope-repo.js';
import { repsManagedBy } from '../../store/repos/manager-stats-repo.js';
import { ownersVisibleTo, teamsVisibleTo, type Viewer } from './viewer.js';

export interface TeamRef {
  key: string;
  name: string;
}

/** Teams the viewer may filter by. */
export async function visibleTeams(q: Queryable, viewer: Viewer): Promise<TeamRef[]> {
  const home = viewer.role === 'rep' && viewer.userId ? await homeTeamOf(q, viewer.tenantId, viewer.userId) : null;
  const allowed = teamsVisibleTo(viewer, home);
  const teams = await teamNames(q, viewer.tenantId);
  return allowed === 'all' ? teams : teams.filter((t) => allowed.includes(t.key));
}

/** People the viewer may see (and pick as owner or rep), with their home team. */
export async function visiblePeople(q: Queryable, viewer: Viewer): Promise<PersonInScope[]> {
  return peopleIn(q, viewer.tenantId, await ownersVisibleTo(q, viewer));
}

/** Refuses a team filter outside the viewer's teams (403; an unknown team is 404 only to an admin). */
export async function requireTeamVisible(q: Queryable, viewer: Viewer, teamKey: string): Promise<TeamRef> {
  const all = await teamNames(q, viewer.tenantId);
  const team = all.find((t) => t.key === teamKey);
  if (!team && viewer.role === 'admin') throw notFound('team_not_found', '没有这个团队');
  const mine = (await visibleTeams(q, viewer)).some((t) => t.key === teamKey);
  if (!team || !mine) throw forbidden('team_out_of_scope', '你没有这个团队的权限');
  return team;
}

export interface OverviewScope {
  /** 'team': one team; 'all': the whole tenant (admin); 'managed': every team the manager leads; 'own': a rep. */
  kind: 'team' | 'all' | 'managed' | 'own';
  team: TeamRef | null;
  /** Whose numbers count: the reps the chat commands would use for the same choice. */
  reps: string[];
}

export async function overviewScope(q: Queryable, viewer: Viewer, teamKey: string | null): Promise<OverviewScope> {
  if (viewer.role === 'rep') {
    if (teamKey) throw forbidden('team_out_of_scope', '销售只能看自己的数据');
    return { kind: 'own', team: null, reps: viewer.userId ? [viewer.userId] : [] };
  }
  if (teamKey) {
    const team = await requireTeamVisible(q, viewer, teamKey);
    return { kind: 'team', team, reps: await teamMemberIds(q, viewer.tenantId, team.key) };
  }
  if (viewer.role === 'admin') return { kind: 'all', team: null, reps: await sellingPeople(q, viewer.tenantId) };
  return { kind: 'managed', team: null, reps: viewer.userId ? await repsManagedBy(q, viewer.tenantId, viewer.userId) : [] };
}
