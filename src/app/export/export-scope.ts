// Whose rows an export may hold: what the console shows the viewer (ownersVisibleTo), and for store
// visits also whatever was recorded at the stores of the teams a manager leads. A team filter outside the
// viewer's teams is refused, never silently widened or emptied.
import type { Queryable } from '../../store/database.js';
import { requireTeamVisible } from '../console/team-scope.js';
import { ownersVisibleTo, type Viewer } from '../console/viewer.js';

export interface ExportScope {
  owners: 'all' | readonly string[];
  storeTeams: readonly string[];
}

export async function exportScopeFor(q: Queryable, viewer: Viewer, teamKey: string | null): Promise<ExportScope> {
  if (teamKey !== null) await requireTeamVisible(q, viewer, teamKey);
  return {
    owners: await ownersVisibleTo(q, viewer),
    storeTeams: viewer.role === 'manager' ? viewer.managedTeamKeys : [],
  };
}
