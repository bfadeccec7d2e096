// DingTalk Stream mode end to end: two server instances on one database, one Stream connection (the
// lease holder); a robot message frame is acked once it is in the inbox and answered like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDingtalkStream, type FakeDingtalkStream } from '../../scripts/dev/fake-dingtalk-stream.js';
import { acquireLease, releaseLease } from '../../src/store/repos/leases-repo.js';
import { dingtalkText } from '../support/dingtalk-payloads.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { DINGTALK, eventually, startTestServer, type TestServer } from '../support/test-server.js';

let db: TestDb;
let gateway: FakeDingtalkStream;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  db = await createTestDb();
  gateway = await startFakeDingtalkStream({ appKey: DINGTALK.appKey, appSecret: DINGTALK.appSecret });
  const env = { DINGTALK_MODE: 'stream', DINGTALK_API_BASE: gateway.url };
  a = await startTestServer({ testDb: db, env });
  b = await startTestServer({ testDb: db, env, dingtalk: a.dingtalk });
});
afterAll(async () => {
  await b?.stop();
  await a?.stop();
  await gateway?.close();
  await db?.cleanup();
});

describe('DingTalk Stream mode', () => {
  it('holds one connection across instances, acks a frame after storing it, and answers it', async () => {
    await gateway.waitForConnections(1, 10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(gateway.connections()).toBe(1);

    // Replies go through the sessionWebhook, which lives on the oapi host (the first fake).
    const body = dingtalkText(a.dingtalk, 'dtStreamA', '帮助');
    const messageId = await gateway.pushRobotMessage(body);
    const ack = await gateway.waitForAck(messageId, 10_000);
    expect(ack.code).toBe(200);
    const stored = await db.db.query<{ n: number }>(`select count(*)::int as n from inbox where event->>'senderId' = 'dtStreamA'`);
    expect(stored[0]!.n).toBe(1);
    await eventually(() => a.dingtalk.sent().some((c) => c.path === '/robot/sendBySession'));

    // A re-delivered frame is acked again and stored once.
    const again = await gateway.pushRobotMessage(body);
    await gateway.waitForAck(again, 10_000);
    const after = await db.db.query<{ n: number }>(`select count(*)::int as n from inbox where event->>'senderId' = 'dtStreamA'`);
    expect(after[0]!.n).toBe(1);
  });

  it('stores and answers a frame with U+0000 and a lone surrogate in its text', async () => {
    const messageId = await gateway.pushRobotMessage(dingtalkText(a.dingtalk, 'dtStreamNul', '帮\u0000助\ud800'));
    expect((await gateway.waitForAck(messageId, 10_000)).code).toBe(200);
    const stored = await db.db.query<{ text: string }>(`select event->>'text' as text from inbox where event->>'senderId' = 'dtStreamNul'`);
    expect(stored.map((r) => r.text)).toEqual(['帮助\uFFFD']);
    await eventually(() => a.dingtalk.sent().some((c) => c.path === '/robot/sendBySession' && String(c.query.session).startsWith('sdtStreamNul')));
  });

  it('acks a frame it can never store (bad payload) so it is not re-delivered forever', async () => {
    const messageId = await gateway.pushRobotMessage({ msgtype: 'text', text: { content: '缺字段' } });
    expect((await gateway.waitForAck(messageId, 10_000)).code).toBe(200);
  });
});

describe('leases', () => {
  it('go to one holder until released or expired', async () => {
    const t0 = new Date('2026-11-20T02:00:00Z');
    expect(await acquireLease(db.db, 'default', 'test-lease', 'x', t0, 30_000)).toBe(true);
    expect(await acquireLease(db.db, 'default', 'test-lease', 'y', new Date(t0.getTime() + 10_000), 30_000)).toBe(false);
    expect(await acquireLease(db.db, 'default', 'test-lease', 'x', new Date(t0.getTime() + 20_000), 30_000)).toBe(true); // renewed
    expect(await acquireLease(db.db, 'default', 'test-lease', 'y', new Date(t0.getTime() + 40_000), 30_000)).toBe(false);
    expect(await acquireLease(db.db, 'default', 'test-lease', 'y', new Date(t0.getTime() + 50_000), 30_000)).toBe(true); // expired
    await releaseLease(db.db, 'default', 'test-lease', 'y');
    expect(await acquireLease(db.db, 'default', 'test-lease', 'x', new Date(t0.getTime() + 51_000), 30_000)).toBe(true);
  });
});
