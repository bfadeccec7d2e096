// 总览 API: GET /console/api/overview?teamKey=&period= (the chat commands' numbers for one scope) and
// GET /console/api/scope (the teams, people, stages and topics the viewer may filter by, for every page).
import type Router from '@koa/router';
import { BOARD_PERIODS, overviewFor } from '../../app/console/overview.js';
import { oneOf, text } from '../../app/console/list-params.js';
import { visiblePeople, visibleTeams } from '../../app/console/team-scope.js';
import { topicLabels } from '../../app/messages.js';
import { TOPIC_IDS } from '../../domain/topics/topic-ids.js';
import { viewerIn, type ConsoleDeps } from './console-deps.js';

export function mountOverviewRoutes(router: Router, deps: ConsoleDeps): void {
  const { app } = deps;

  router.get('/overview', async (ctx) => {
    const teamKey = text(ctx.query, 'teamKey') ?? null;
    const period = oneOf(ctx.query, 'period', BOARD_PERIODS) ?? 'week';
    ctx.body = await overviewFor(app.db, app, viewerIn(ctx), { teamKey, period, now: app.clock.now() });
  });

  router.get('/scope', async (ctx) => {
    const viewer = viewerIn(ctx);
    const [teams, people] = await Promise.all([visibleTeams(app.db, viewer), visiblePeople(app.db, viewer)]);
    ctx.body = {
      role: viewer.role,
      teams,
      people,
      stages: app.stages.stages.map((s) => ({ id: s.id, label: s.label, terminal: s.terminal })),
      topics: TOPIC_IDS.map((id) => ({ id, label: topicLabels[id] ?? id })),
    };
  });
}
