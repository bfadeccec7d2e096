// Migration 0011 on a database that already has users: each user keeps the account its first message came
// from; a same-id account seen later on the other channel is left to become a person of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import type { Database } from '../../src/store/database.js';
import { openPgliteDatabase } from '../../src/store/pglite-database.js';

let db: Database;
beforeAll(async () => {
  db = await openPgliteDatabase({ dataDir: 'memory://' });
  await migrate(db, migrations.filter((m) => m.version < 11));
});
afterAll(async () => {
  await db?.close();
});

const message = (seq: number, channel: string, senderId: string) =>
  db.execute(
    `insert into inbox (tenant_id, channel, dedupe_key, conversation_key, event, status) values ('t1', $1, $2, $3, $4::jsonb, 'done')`,
    [channel, `m${seq}`, `${channel}:${senderId}`, JSON.stringify({ type: 'text', channel, senderId, text: 'x' })],
  );

describe('migration 0011 identities', () => {
  it('backfills one identity per user, on the channel of its first message', async () => {
    await db.execute(`insert into tenants (id, name) values ('t1', 't')`);
    // u1 wrote on WeCom first; a DingTalk staffId "u1" later flipped users.channel (the old coincidence).
    await db.execute(`insert into users (tenant_id, id, name, channel) values ('t1', 'u1', '甲', 'dingtalk'), ('t1', 'u2', '乙', 'dingtalk'),
      ('t1', 'staff', '丙', 'wecom')`);
    await message(1, 'wecom', 'u1');
    await message(2, 'dingtalk', 'u1');
    await message(3, 'dingtalk', 'u2');
    await migrate(db);
    const rows = await db.query<{ channel: string; platform_id: string; user_id: string }>(
      'select channel, platform_id, user_id from identities order by platform_id');
    expect(rows).toEqual([
      { channel: 'wecom', platform_id: 'staff', user_id: 'staff' },
      { channel: 'wecom', platform_id: 'u1', user_id: 'u1' },
      { channel: 'dingtalk', platform_id: 'u2', user_id: 'u2' },
    ]);
  });
});
