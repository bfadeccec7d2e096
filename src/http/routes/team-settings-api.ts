// Admin API for a team's switches, apart from the team's definition (PUT /api/teams/:key replaces that):
// GET /api/teams/:key/settings, PUT /api/teams/:key/settings {"winPosts": false} silences the team's 喜报.
// Fields left out of the body keep their value.
import type Router from '@koa/router';
import { badRequest, notFound } from '../../shared/errors.js';
import type { Database } from '../../store/database.js';
import { getTeamSettings, setWinPosts } from '../../store/repos/wins-repo.js';
import { readJsonBody } from '../read-body.js';

const MAX_BODY = 4 * 1024;
const KNOWN = ['winPosts'];

export function mountTeamSettingsApi(router: Router, deps: { db: Database; tenantId: string }): void {
  const { db, tenantId } = deps;
  const missing = (key: string) => notFound('team_not_found', `no team ${key}`);

  router.get('/api/teams/:key/settings', async (ctx) => {
    const settings = await getTeamSettings(db, tenantId, ctx.params.key!);
    if (!settings) throw missing(ctx.params.key!);
    ctx.body = settings;
  });

  router.put('/api/teams/:key/settings', async (ctx) => {
    const key = ctx.params.key!;
    const body = await readJsonBody(ctx, MAX_BODY);
    const unknown = Object.keys(body).filter((k) => !KNOWN.includes(k));
    if (unknown.length) throw badRequest('invalid_settings', `unknown settings: ${unknown.join(', ')} (known: ${KNOWN.join(', ')})`);
    if (body.winPosts !== undefined && typeof body.winPosts !== 'boolean') throw badRequest('invalid_settings', 'winPosts must be true or false');
    if (typeof body.winPosts === 'boolean' && !(await setWinPosts(db, tenantId, key, body.winPosts, null))) throw missing(key);
    const settings = await getTeamSettings(db, tenantId, key);
    if (!settings) throw missing(key);
    ctx.body = settings;
  });
}
