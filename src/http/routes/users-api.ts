// Admin API for people: GET /api/users lists people with their channel accounts; POST
// /api/users/:id/identities {"channel","platformId"} links an account to a person. Admins name people by
// person id (what GET /api/users returns) or by "<channel>:<platform id>" (see teams-api).
import type Router from '@koa/router';
import { linkIdentity } from '../../app/people/link-identity.js';
import type { ChannelId } from '../../channels/inbound-event.js';
import { AppError, badRequest, notFound } from '../../shared/errors.js';
import type { Database, Queryable } from '../../store/database.js';
import { identitiesOf, type Identity } from '../../store/repos/identities-repo.js';
import { findUser, listUsers, type User } from '../../store/repos/users-repo.js';
import { readJsonBody } from '../read-body.js';

const CHANNELS: readonly ChannelId[] = ['wecom', 'wecom_bot', 'dingtalk'];
const MAX_BODY = 16 * 1024;

const userView = (u: User, identities: readonly Identity[]) => ({
  id: u.id,
  name: u.name,
  role: u.role,
  teamKey: u.teamKey,
  managerId: u.managerId,
  createdAt: u.createdAt.toISOString(),
  // Newest first: the first one is where this person's messages go.
  identities: identities.map((i) => ({ channel: i.channel, platformId: i.platformId, lastSeenAt: i.lastSeenAt?.toISOString() ?? null })),
});

async function oneUser(q: Queryable, tenantId: string, id: string) {
  const user = await findUser(q, tenantId, id);
  return user ? userView(user, (await identitiesOf(q, tenantId, [id])).get(id) ?? []) : null;
}

export function mountUsersApi(router: Router, deps: { db: Database; tenantId: string }): void {
  const { db, tenantId } = deps;

  router.get('/api/users', async (ctx) => {
    const [users, identities] = await Promise.all([listUsers(db, tenantId), identitiesOf(db, tenantId, null)]);
    ctx.body = { items: users.map((u) => userView(u, identities.get(u.id) ?? [])) };
  });

  router.post('/api/users/:id/identities', async (ctx) => {
    const body = await readJsonBody(ctx, MAX_BODY);
    const channel = CHANNELS.find((c) => c === body.channel);
    const platformId = typeof body.platformId === 'string' ? body.platformId.trim() : '';
    if (!channel) throw badRequest('invalid_identity', `channel must be one of ${CHANNELS.join(', ')}`);
    if (!platformId || platformId.length > 64) throw badRequest('invalid_identity', 'platformId is required (at most 64 characters)');
    const userId = ctx.params.id!;
    const r = await db.transaction((tx) => linkIdentity(tx, tenantId, userId, { channel, platformId }));
    switch (r.kind) {
      case 'user_not_found':
        throw notFound('user_not_found', `no user ${userId}`);
      case 'owner_of_customers':
        throw new AppError('identity_in_use', `${channel}:${platformId} is the only account of ${r.userId}, who owns ${r.customers} customers; reassign them first`, {
          status: 409, details: { userId: r.userId, customers: r.customers },
        });
      case 'unchanged':
        ctx.body = { linked: false, user: await oneUser(db, tenantId, userId) };
        return;
      case 'linked':
        ctx.body = { linked: true, movedFromUserId: r.movedFromUserId, removedUserId: r.removedUserId, user: await oneUser(db, tenantId, userId) };
    }
  });
}
