// Ordered list of versioned migrations. Append only: never edit a migration that has shipped.
import init from './0001-init.js';
import battleReports from './0002-battle-reports.js';
import teamsAndSchedules from './0003-teams-and-schedules.js';
import reportRatings from './0004-report-ratings.js';
import reminderFacts from './0005-reminder-facts.js';
import dingtalk from './0006-dingtalk.js';
import stores from './0007-stores.js';
import customerAliases from './0008-customer-aliases.js';
import commitmentLifecycle from './0009-commitment-lifecycle.js';
import touchKinds from './0010-touch-kinds.js';
import identities from './0011-identities.js';
import consoleTables from './0012-console.js';
import directory from './0013-directory.js';
import visitReviews from './0014-visit-reviews.js';
import timeOrderIndexes from './0015-time-order-indexes.js';
import wecomBot from './0016-wecom-bot.js';
import targets from './0017-targets.js';
import leads from './0018-leads.js';
import teamReports from './0019-team-reports.js';
import winsAndKnowledge from './0020-wins-and-knowledge.js';
import handoffs from './0021-handoffs.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [init, battleReports, teamsAndSchedules, reportRatings, reminderFacts, dingtalk, stores, customerAliases, commitmentLifecycle, touchKinds, identities, consoleTables, directory, visitReviews, timeOrderIndexes, wecomBot, targets, leads, teamReports, winsAndKnowledge, handoffs];
