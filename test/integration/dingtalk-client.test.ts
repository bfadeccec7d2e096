// DingTalk client against the local fake (scripts/dev/fake-dingtalk-api.ts), which answers with the real
// shapes of api.dingtalk.com and oapi.dingtalk.com: token caching / single-flight / 401 refresh, batchSend
// chunking, sessionWebhook expiry, custom-robot signing, file download, image upload, failure classes.
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeDingtalkApi, type FakeDingtalkApi } from '../../scripts/dev/fake-dingtalk-api.js';
import { createDingtalkClient, DingtalkApiError, isExpiredSession, type DingtalkClient } from '../../src/channels/dingtalk/client.js';
import { toRobotMessage, toSessionWebhookBody } from '../../src/channels/dingtalk/render.js';
import { fixedClock, systemClock, type Clock } from '../../src/shared/clock.js';
import { silentLogger, type Logger } from '../../src/shared/logger.js';

const APP_KEY = 'dingappkeyfake001';
const APP_SECRET = 'app-secret-not-real-0123456789';
const ROBOT = 'dingrobotfake001';
const text = toRobotMessage({ kind: 'text', text: '今日战报已生成' })!;

let fake: FakeDingtalkApi;

beforeEach(async () => {
  fake = await startFakeDingtalkApi({ appKey: APP_KEY, appSecret: APP_SECRET, robotCode: ROBOT });
});
afterEach(async () => {
  await fake.close();
});

function client(opts: { clock?: Clock; timeoutMs?: number; logger?: Logger; appSecret?: string } = {}): DingtalkClient {
  return createDingtalkClient({
    apiBase: fake.url, oapiBase: fake.url, appKey: APP_KEY, appSecret: opts.appSecret ?? APP_SECRET, robotCode: ROBOT,
    clock: opts.clock ?? fixedClock('2025-03-01T09:00:00+08:00'), timeoutMs: opts.timeoutMs, logger: opts.logger ?? silentLogger(),
  });
}

async function failure(p: Promise<unknown>): Promise<DingtalkApiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DingtalkApiError);
  return e as DingtalkApiError;
}

describe('access token', () => {
  it('is fetched once and cached across calls, sent as x-acs-dingtalk-access-token', async () => {
    const c = client();
    for (let i = 0; i < 3; i++) await c.sendToUsers(['rep1'], text);
    expect(fake.tokenRequests()).toBe(1);
    expect(fake.sent()).toHaveLength(3);
  });

  it('is refetched once 80 % of expireIn has passed', async () => {
    const clock = fixedClock('2025-03-01T09:00:00+08:00');
    const c = client({ clock });
    await c.sendToUsers(['rep1'], text);
    clock.advance(7200 * 0.8 * 1000 - 1000);
    await c.sendToUsers(['rep1'], text);
    expect(fake.tokenRequests()).toBe(1);
    clock.advance(2000);
    await c.sendToUsers(['rep1'], text);
    expect(fake.tokenRequests()).toBe(2);
  });

  it('10 concurrent cold callers share ONE token request', async () => {
    const c = client();
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.sendToUsers([`rep${i}`], text)));
    expect(fake.tokenRequests()).toBe(1);
    expect(fake.sent()).toHaveLength(10);
  });

  it('a revoked token (401 InvalidAuthentication) is refreshed once and the call retried once', async () => {
    const c = client();
    await c.sendToGroup('cidGroup1', text);
    fake.expireTokens();
    await c.sendToGroup('cidGroup1', text);
    expect(fake.tokenRequests()).toBe(2);
    expect(fake.sent()).toHaveLength(2);
  });

  it('concurrent 401s share one refresh', async () => {
    const c = client();
    await c.sendToUsers(['warm'], text);
    fake.expireTokens();
    await Promise.all(Array.from({ length: 8 }, () => c.sendToUsers(['rep1'], text)));
    expect(fake.tokenRequests()).toBe(2);
  });

  it('a token still rejected after the one retry is thrown (class token; the sender retries later), no third token request', async () => {
    const c = client();
    fake.failNext('/v1.0/robot/groupMessages/send', { httpStatus: 401, code: 'InvalidAuthentication' }, { httpStatus: 401, code: 'InvalidAuthentication' });
    const e = await failure(c.sendToGroup('cidGroup1', text));
    expect(e.failureClass).toBe('token');
    expect(fake.tokenRequests()).toBe(2);
  });

  it('a wrong appSecret is a permanent error that never leaks the secret', async () => {
    const c = client({ appSecret: 'wrong-secret-value' });
    const e = await failure(c.sendToUsers(['rep1'], text));
    expect(e).toMatchObject({ failureClass: 'permanent', httpStatus: 400, platformCode: 'invalidClientIdOrSecret' });
    expect(JSON.stringify({ m: e.message, d: e.details })).not.toContain('wrong-secret-value');
  });
});

describe('sendToUsers / sendToGroup', () => {
  it('batchSend body: robotCode, userIds, msgKey and msgParam as a JSON string', async () => {
    const res = await client().sendToUsers(['rep1', 'rep2'], text);
    expect(fake.sent()[0]!.body).toEqual({ robotCode: ROBOT, userIds: ['rep1', 'rep2'], msgKey: 'sampleText', msgParam: '{"content":"今日战报已生成"}' });
    expect(res.processQueryKeys).toHaveLength(1);
    expect(res).toMatchObject({ invalidStaffIds: [], flowControlledStaffIds: [] });
  });

  it('45 users go out as 20 + 20 + 5, results merged', async () => {
    fake.invalidStaffIds.add('u3');
    fake.flowControlledStaffIds.add('u44');
    const users = Array.from({ length: 45 }, (_, i) => `u${i}`);
    const res = await client().sendToUsers(users, text);
    const chunks = fake.sent().map((c) => c.body!.userIds as string[]);
    expect(chunks.map((c) => c.length)).toEqual([20, 20, 5]);
    expect(chunks.flat()).toEqual(users);
    expect(res.processQueryKeys).toHaveLength(3);
    expect(res).toMatchObject({ invalidStaffIds: ['u3'], flowControlledStaffIds: ['u44'] });
  });

  it('a failing later chunk reports which users already received the message', async () => {
    fake.failNext('batchSend', { delayMs: 0 }, { httpStatus: 429, code: 'Throttling.Api' });
    const users = Array.from({ length: 30 }, (_, i) => `u${i}`);
    const e = await failure(client().sendToUsers(users, text));
    expect(e.failureClass).toBe('rate_limited');
    expect(e.deliveredUserIds).toEqual(users.slice(0, 20));
  });

  it('group send: openConversationId + msgKey, returns the processQueryKey', async () => {
    const md = toRobotMessage({ kind: 'markdown', markdown: '## 本周排行榜\n1. 张三' })!;
    const res = await client().sendToGroup('cidGroup1', md);
    expect(res.processQueryKey).toMatch(/^fake-pqk-/);
    expect(fake.sent()[0]!.body).toMatchObject({ robotCode: ROBOT, openConversationId: 'cidGroup1', msgKey: 'sampleMarkdown' });
  });

  it('429 → rate_limited, 5xx → retryable, 400 invalidParameter → permanent', async () => {
    const c = client();
    fake.failNext('groupMessages/send', { httpStatus: 429, code: 'Throttling' }, { httpStatus: 503, code: 'ServiceUnavailable' });
    expect((await failure(c.sendToGroup('cid', text))).failureClass).toBe('rate_limited');
    expect((await failure(c.sendToGroup('cid', text))).failureClass).toBe('retryable');
    const e = await failure(c.sendToUsers(['rep1'], { msgKey: 'sampleText', msgParam: 'not json' }));
    expect(e).toMatchObject({ failureClass: 'permanent', httpStatus: 400, platformCode: 'invalidParameter.msgParam.invalid' });
  });

  it('a timeout → retryable', async () => {
    const c = client({ timeoutMs: 100 });
    await c.sendToGroup('cid', text); // warm the token so only the send stalls
    fake.failNext('groupMessages/send', { delayMs: 400 });
    const e = await failure(c.sendToGroup('cid', text));
    expect(e.failureClass).toBe('retryable');
    expect(e.message).toMatch(/timed out/);
  });

  it('a closed port → retryable network error', async () => {
    const c = client();
    await fake.close();
    const e = await failure(c.sendToGroup('cid', text));
    expect(e.failureClass).toBe('retryable');
    expect(e.message).toMatch(/network error/);
    fake = await startFakeDingtalkApi(); // for afterEach
  });
});

describe('replyBySession', () => {
  it('posts the webhook body to a live session without any token', async () => {
    const webhook = fake.openSession('s1');
    await client().replyBySession(webhook, toSessionWebhookBody({ kind: 'text', text: '收到' }, { atUserIds: ['rep1'] })!);
    expect(fake.sent()[0]).toMatchObject({ path: '/robot/sendBySession', query: { session: 's1' } });
    expect(fake.sent()[0]!.body).toEqual({ msgtype: 'text', text: { content: '收到' }, at: { atUserIds: ['rep1'] } });
    expect(fake.tokenRequests()).toBe(0);
  });

  it('an expired session (300001) is recognised by isExpiredSession', async () => {
    const webhook = fake.openSession('s2');
    fake.expireSession('s2');
    const e = await failure(client().replyBySession(webhook, { msgtype: 'text', text: { content: 'x' } }));
    expect(isExpiredSession(e)).toBe(true);
    expect(e).toMatchObject({ failureClass: 'permanent', errcode: 300001 });
    expect(e.message).not.toContain('s2');
  });

  it('130101 (send too fast) → rate_limited, not an expired session', async () => {
    const webhook = fake.openSession('s3');
    fake.failNext('sendBySession', { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    const e = await failure(client().replyBySession(webhook, { msgtype: 'text', text: { content: 'x' } }));
    expect(e.failureClass).toBe('rate_limited');
    expect(isExpiredSession(e)).toBe(false);
  });

  it('refuses URLs that are not the DingTalk session endpoint (SSRF guard), without a request', async () => {
    const c = client();
    for (const url of ['https://evil.example/robot/sendBySession?session=x', `${fake.url}/v1.0/robot/groupMessages/send`, 'not a url']) {
      const e = await failure(c.replyBySession(url, {}));
      expect(e.failureClass).toBe('permanent');
    }
    expect(fake.calls).toHaveLength(0);
  });
});

describe('postCustomRobot', () => {
  it('signs timestamp + sign with the robot secret; the fake verifies it', async () => {
    fake.customRobots.set('robot-token-1', 'SECfakesecret0123456789');
    await client({ clock: systemClock }).postCustomRobot('robot-token-1', 'SECfakesecret0123456789', toSessionWebhookBody({ kind: 'text', text: '日报' })!);
    const call = fake.sent()[0]!;
    expect(call.path).toBe('/robot/send');
    expect(call.query).toMatchObject({ access_token: 'robot-token-1' });
    expect(call.query.timestamp).toMatch(/^\d{13}$/);
  });

  it('a wrong secret → 310000 permanent; a stale clock → 310000 too', async () => {
    fake.customRobots.set('robot-token-1', 'SECright');
    expect(await failure(client({ clock: systemClock }).postCustomRobot('robot-token-1', 'SECwrong', {}))).toMatchObject({ errcode: 310000, failureClass: 'permanent' });
    const stale = fixedClock(new Date(Date.now() - 2 * 3_600_000));
    expect(await failure(client({ clock: stale }).postCustomRobot('robot-token-1', 'SECright', {}))).toMatchObject({ errcode: 310000 });
  });

  it('without 加签 no timestamp/sign is sent; an unknown robot token is permanent (300001, not a session)', async () => {
    fake.customRobots.set('open-robot', null);
    await client().postCustomRobot('open-robot', null, { msgtype: 'text', text: { content: 'x' } });
    expect(fake.sent()[0]!.query).toEqual({ access_token: 'open-robot' });
    const e = await failure(client().postCustomRobot('nope', null, {}));
    expect(e).toMatchObject({ errcode: 300001, failureClass: 'permanent' });
    expect(isExpiredSession(e)).toBe(false);
  });
});

describe('downloadMessageFile', () => {
  it('exchanges the downloadCode for a URL and fetches the bytes, sniffing a generic content type', async () => {
    const amr = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64, 0x3c)]);
    fake.files.set('code/+1=', { bytes: amr, contentType: 'application/octet-stream', fileName: '语音.amr' });
    const media = await client().downloadMessageFile('code/+1=');
    expect(media.bytes.equals(amr)).toBe(true);
    expect(media.contentType).toBe('audio/amr');
    expect(media.fileName).toBe('语音.amr');
    expect(fake.calls.find((c) => c.path === '/v1.0/robot/messageFiles/download')!.body).toEqual({ downloadCode: 'code/+1=', robotCode: ROBOT });
  });

  it('keeps a specific declared content type', async () => {
    fake.files.set('pic', { bytes: Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'), contentType: 'image/png; charset=binary' });
    expect(await client().downloadMessageFile('pic')).toMatchObject({ contentType: 'image/png', fileName: null });
  });

  it('an unknown/expired downloadCode → permanent', async () => {
    expect(await failure(client().downloadMessageFile('gone'))).toMatchObject({ failureClass: 'permanent', httpStatus: 400 });
  });
});

describe('uploadImage', () => {
  it('multipart upload to /media/upload with the same token; returns the media_id for sampleImageMsg', async () => {
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(200, 7)]);
    const c = client();
    const mediaId = await c.uploadImage(png, 'board.png');
    expect(mediaId).toBe('@fake-media-1');
    expect(fake.uploads[0]).toMatchObject({ type: 'image', fileName: 'board.png', contentType: 'image/png' });
    expect(fake.uploads[0]!.bytes.equals(png)).toBe(true);
    await c.sendToGroup('cidGroup1', toRobotMessage({ kind: 'image', base64: '', md5: '' }, { photoURL: mediaId })!);
    expect(fake.sent()[0]!.body).toMatchObject({ msgKey: 'sampleImageMsg', msgParam: '{"photoURL":"@fake-media-1"}' });
    expect(fake.tokenRequests()).toBe(1);
  });

  it('an expired token (oapi errcode 40014) is refreshed once', async () => {
    const c = client();
    await c.uploadImage(Buffer.from('\x89PNG\r\n\x1a\nxx', 'latin1'));
    fake.expireTokens();
    await c.uploadImage(Buffer.from('\x89PNG\r\n\x1a\nyy', 'latin1'));
    expect(fake.tokenRequests()).toBe(2);
    expect(fake.uploads).toHaveLength(2);
  });
});

describe('getUser (topapi/v2/user/get)', () => {
  it('returns name, mobile and email; an unknown member is null; a busy platform throws', async () => {
    fake.users.set('0123', { name: '张三', mobile: '13800001111', email: 'zs@example.com' });
    const c = client();
    expect(await c.getUser('0123')).toEqual({ name: '张三', mobile: '13800001111', email: 'zs@example.com' });
    expect(await c.getUser('nobody')).toBeNull();
    fake.failNext('/topapi/v2/user/get', { errcode: -1, errmsg: '系统繁忙' });
    expect((await failure(c.getUser('0123'))).failureClass).toBe('retryable');
  });
});

describe('logging', () => {
  it('never writes the app secret, an access token, a session id or a robot token, even at debug', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(l) });
    const c = client({ logger, clock: systemClock });
    fake.customRobots.set('robot-token-secret', 'SECsecretvalue');
    const webhook = fake.openSession('session-secret-id');
    await c.sendToUsers(['rep1'], text);
    fake.expireTokens();
    await c.sendToGroup('cid', text);
    await c.replyBySession(webhook, { msgtype: 'text', text: { content: 'x' } });
    fake.expireSession('session-secret-id');
    await c.replyBySession(webhook, {}).catch(() => undefined);
    await c.postCustomRobot('robot-token-secret', 'SECsecretvalue', {});
    fake.files.set('f', { bytes: Buffer.from('#!AMR\nxx'), contentType: 'audio/amr' });
    await c.downloadMessageFile('f');
    const out = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const s of [APP_SECRET, 'fake-token-1', 'fake-token-2', 'session-secret-id', 'robot-token-secret', 'SECsecretvalue', 'Signature=', 'access_token=']) {
      expect(out).not.toContain(s);
    }
  });
});
