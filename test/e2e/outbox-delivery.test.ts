// Outbox delivery against the fake WeCom API: classified retries, dead letters, token refresh, pacing,
// and recovery of accepted-but-unprocessed messages after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOutbound } from '../../src/store/repos/outbox-repo.js';
import { eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

async function push(userId: string, text: string): Promise<string> {
  const id = await t.db.transaction(async (tx) => {
    const outboxId = await insertOutbound(tx, {
      tenantId: 'default', channel: 'wecom', idempotencyKey: `test:${userId}:${text}`,
      recipient: { kind: 'user', userId }, message: { kind: 'text', text }, notBefore: new Date(),
    });
    await t.server.deps.queue.enqueue('deliver-outbound', { outboxId: outboxId! }, { tx });
    return outboxId!;
  });
  return id;
}

async function row(id: string) {
  const rows = await t.db.query<{ status: string; attempts: number; last_error: string | null }>(
    'select status, attempts, last_error from outbox where id = $1', [id]);
  return rows[0]!;
}

const sendsTo = (user: string) => t.fake.sent().filter((c) => c.body?.touser === user);

describe('outbox delivery', () => {
  it('retries a retryable failure (-1, then HTTP 502) and sends exactly once', async () => {
    t.fake.failNext('message/send', { errcode: -1, errmsg: 'system busy' }, { httpStatus: 502 });
    const id = await push('u-retry', '重试测试');
    await eventually(async () => (await row(id)).status === 'sent');
    expect((await row(id)).attempts).toBe(2);
    expect(sendsTo('u-retry')).toHaveLength(1);
  });

  it('backs off on a frequency limit (45009) and then sends', async () => {
    t.fake.failNext('message/send', { errcode: 45009, errmsg: 'api freq out of limit' });
    const id = await push('u-limit', '限频测试');
    await eventually(async () => (await row(id)).status === 'sent');
    expect((await row(id)).last_error).toBeNull();
    expect(sendsTo('u-limit')).toHaveLength(1);
  });

  it('backs off when a group robot answers 45009, then posts once', async () => {
    t.fake.failNext('webhook/send', { errcode: 45009, errmsg: 'api freq out of limit' });
    const id = await t.db.transaction(async (tx) => {
      const outboxId = (await insertOutbound(tx, {
        tenantId: 'default', channel: 'wecom', idempotencyKey: 'test:robot', recipient: { kind: 'wecom_webhook', key: 'robot-key-9' },
        message: { kind: 'markdown', markdown: '**测试**' }, notBefore: new Date(),
      }))!;
      await t.server.deps.queue.enqueue('deliver-outbound', { outboxId }, { tx });
      return outboxId;
    });
    await eventually(async () => (await row(id)).status === 'sent');
    expect((await row(id)).attempts).toBe(1);
    expect(t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send' && c.query.key === 'robot-key-9')).toHaveLength(1);
  });

  it('dead-letters a permanent failure (40008) with the reason, without retrying', async () => {
    t.fake.failNext('message/send', { errcode: 40008, errmsg: 'invalid message type' });
    const id = await push('u-dead', '死信测试');
    const r = await eventually(async () => ((await row(id)).status === 'dead' ? row(id) : null));
    expect(r.last_error).toContain('40008');
    await new Promise((res) => setTimeout(res, 1200));
    expect(sendsTo('u-dead')).toHaveLength(0);
  });

  it('dead-letters after the attempt limit for endless transient failures', async () => {
    const max = t.config.worker.outbox.maxAttempts;
    t.fake.failNext('message/send', ...Array.from({ length: max }, () => ({ httpStatus: 503 })));
    const id = await push('u-flaky', '一直失败');
    const r = await eventually(async () => ((await row(id)).status === 'dead' ? row(id) : null), 20_000);
    expect(r.attempts).toBe(max);
  });

  it('refreshes an expired token (42001) once and delivers', async () => {
    await push('u-token-warm', '预热');
    await eventually(() => sendsTo('u-token-warm').length === 1);
    const before = t.fake.tokenRequests();
    t.fake.expireTokens();
    const ids = await Promise.all(['一', '二', '三'].map((x) => push('u-token', `令牌${x}`)));
    for (const id of ids) await eventually(async () => (await row(id)).status === 'sent');
    expect(t.fake.tokenRequests()).toBe(before + 1);
  });

  it('never sends a row that already reached sent', async () => {
    const id = await push('u-once', '只发一次');
    await eventually(async () => (await row(id)).status === 'sent');
    await t.server.deps.queue.enqueue('deliver-outbound', { outboxId: id });
    await new Promise((res) => setTimeout(res, 1500));
    expect(sendsTo('u-once')).toHaveLength(1);
  });
});

describe('restart', () => {
  it('processes messages accepted before a crash exactly once after restart', async () => {
    await t.restart({ workers: false });
    for (const text of ['帮助', '我的客户']) expect((await t.postCallback(textXml('u-crash', text))).status).toBe(200);
    // Simulate a crash that lost the queued jobs: only the inbox rows survive.
    await t.db.execute(`delete from pgboss.job where name = 'process-inbound'`);
    await t.restart({ workers: true });
    await eventually(() => sendsTo('u-crash').length >= 2);
    await new Promise((res) => setTimeout(res, 2000));
    expect(sendsTo('u-crash')).toHaveLength(2);
    const pending = await t.db.query<{ n: number }>(`select count(*)::int as n from inbox where status <> 'done'`);
    expect(pending[0]!.n).toBe(0);
  });
});
