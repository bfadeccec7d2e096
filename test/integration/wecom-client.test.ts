// WeCom client + sender against nock, answering exactly as qyapi.weixin.qq.com does (HTTP 200 + errcode).
// Covers token caching/expiry/single-flight refresh and the DeliveryError classes the outbox relies on.
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/channels/channel.js';
import type { OutboundMessage } from '../../src/channels/outbound-message.js';
import { createWecomClient, WecomApiError } from '../../src/channels/wecom/client.js';
import { createWecomSender } from '../../src/channels/wecom/sender.js';
import { fixedClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';

const API = 'https://qyapi.weixin.qq.com';
const CORP = 'ww4c3b1a0f9e8d7c6b';
const SECRET = 'app-secret-not-real';
const AGENT = 1000002;
const text: OutboundMessage = { kind: 'text', text: '今日战报已生成' };
const toUser = { kind: 'user', userId: 'ZhangSan' } as const;

const sent = (msgid = 'msgid_1') => ({ errcode: 0, errmsg: 'ok', invaliduser: '', msgid });
const fail = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg}, hint: [1700000000_1_abc], from ip: 203.0.113.7` });

function setup(opts: { timeoutMs?: number; clock?: ReturnType<typeof fixedClock> } = {}) {
  const clock = opts.clock ?? fixedClock('2025-03-01T09:00:00+08:00');
  const client = createWecomClient({
    apiBase: API, corpId: CORP, secret: SECRET, agentId: AGENT, clock, logger: silentLogger(), timeoutMs: opts.timeoutMs,
  });
  return { clock, client, sender: createWecomSender(client, AGENT) };
}

/** gettoken answering the given tokens in order; returns a counter of calls. */
function gettoken(...tokens: string[]) {
  const calls = { n: 0 };
  nock(API)
    .get('/cgi-bin/gettoken')
    .query({ corpid: CORP, corpsecret: SECRET })
    .times(tokens.length)
    .reply(200, () => {
      const token = tokens[calls.n++]!;
      return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 };
    });
  return calls;
}

function messageSend(token: string, times = 1) {
  return nock(API).post('/cgi-bin/message/send').query({ access_token: token }).times(times);
}

async function deliveryError(p: Promise<unknown>): Promise<DeliveryError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(DeliveryError);
  return e as DeliveryError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('access token', () => {
  it('is fetched once and cached across calls', async () => {
    const { sender } = setup();
    const calls = gettoken('TOKEN_A');
    const scope = messageSend('TOKEN_A', 3).reply(200, sent());
    for (let i = 0; i < 3; i++) await sender.send(toUser, text);
    expect(calls.n).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it('is refetched once 80 % of expires_in has passed', async () => {
    const { sender, clock } = setup();
    const calls = gettoken('TOKEN_A', 'TOKEN_B');
    messageSend('TOKEN_A', 2).reply(200, sent());
    const b = messageSend('TOKEN_B').reply(200, sent());
    await sender.send(toUser, text);
    clock.advance(7200 * 0.8 * 1000 - 1000);
    await sender.send(toUser, text);
    expect(calls.n).toBe(1);
    clock.advance(2000);
    await sender.send(toUser, text);
    expect(calls.n).toBe(2);
    expect(b.isDone()).toBe(true);
  });

  it('on 42001 refreshes once and retries the call once', async () => {
    const { sender } = setup();
    const calls = gettoken('TOKEN_A', 'TOKEN_B');
    messageSend('TOKEN_A').reply(200, fail(42001, 'access_token expired'));
    const retried = messageSend('TOKEN_B').reply(200, sent());
    await sender.send(toUser, text);
    expect(calls.n).toBe(2);
    expect(retried.isDone()).toBe(true);
  });

  it('10 concurrent callers that all get 42001 share ONE refresh', async () => {
    const { sender } = setup();
    const calls = gettoken('TOKEN_A', 'TOKEN_B');
    // Staggered answers: most 42001s arrive after the refresh finished and must not trigger another.
    for (let i = 0; i < 10; i++) messageSend('TOKEN_A').delay(i * 15).reply(200, fail(42001, 'access_token expired'));
    const retried = messageSend('TOKEN_B', 10).reply(200, sent());
    await Promise.all(Array.from({ length: 10 }, () => sender.send(toUser, text)));
    expect(calls.n).toBe(2); // initial fetch + exactly one refresh
    expect(retried.isDone()).toBe(true);
  });

  it('a token still rejected after the one retry → retryable', async () => {
    const { sender } = setup();
    const calls = gettoken('TOKEN_A', 'TOKEN_B');
    messageSend('TOKEN_A').reply(200, fail(40014, 'invalid access_token'));
    messageSend('TOKEN_B').reply(200, fail(40014, 'invalid access_token'));
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('retryable');
    expect(e.platformCode).toBe(40014);
    expect(calls.n).toBe(2);
  });

  it('a wrong secret (40001 on gettoken) is a permanent error', async () => {
    const { client, sender } = setup();
    nock(API).get('/cgi-bin/gettoken').query(true).times(2).reply(200, fail(40001, 'invalid credential'));
    const err = await client.call('POST', '/cgi-bin/message/send', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomApiError);
    expect(err).toMatchObject({ errcode: 40001, failureClass: 'permanent' });
    expect(String((err as Error).message)).not.toContain(SECRET);
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('permanent');
    expect(e.platformCode).toBe(40001);
  });
});

describe('send failures map to DeliveryError classes', () => {
  it('45009 → rate_limited with the errcode kept', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    messageSend('TOKEN_A').reply(200, fail(45009, 'api freq out of limit'));
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('rate_limited');
    expect(e.platformCode).toBe(45009);
  });

  it('-1 (system busy) → retryable', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    messageSend('TOKEN_A').reply(200, fail(-1, 'system busy'));
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('retryable');
    expect(e.platformCode).toBe(-1);
  });

  it('HTTP 500 → retryable', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    messageSend('TOKEN_A').reply(500, '<html>502 Bad Gateway</html>', { 'Content-Type': 'text/html' });
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('retryable');
    expect(e.platformCode).toBe(500);
  });

  it('a timeout → retryable', async () => {
    const { sender } = setup({ timeoutMs: 50 });
    gettoken('TOKEN_A');
    messageSend('TOKEN_A').delay(500).reply(200, sent());
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('retryable');
    expect(e.message).toMatch(/timed out/);
  });

  it('a network error → retryable', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    nock(API).post('/cgi-bin/message/send').query(true).replyWithError('socket hang up') // string form: nock 15.0.0 crashes on the object form;
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('retryable');
    expect(e.message).toMatch(/network error/);
  });

  it('40008 (invalid msgtype) → permanent', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    messageSend('TOKEN_A').reply(200, fail(40008, 'invalid message type'));
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('permanent');
    expect(e.platformCode).toBe(40008);
  });

  it('errcode 0 with the recipient in invaliduser → permanent', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    messageSend('TOKEN_A').reply(200, { errcode: 0, errmsg: 'ok', invaliduser: 'zhangsan', msgid: 'm1' });
    const e = await deliveryError(sender.send(toUser, text));
    expect(e.failureClass).toBe('permanent');
  });

  it('an unrenderable message (7 buttons) → permanent without any call', async () => {
    const { sender } = setup();
    const buttons = Array.from({ length: 7 }, (_, i) => ({ key: `k${i}`, text: `${i}` }));
    const e = await deliveryError(sender.send(toUser, { kind: 'button_card', card: { taskId: 't1', title: 'x', buttons } }));
    expect(e.failureClass).toBe('permanent');
  });
});

describe('request shapes', () => {
  it('sends the rendered template card body to message/send', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    const scope = nock(API)
      .post('/cgi-bin/message/send', (b: Record<string, unknown>) =>
        b.msgtype === 'template_card' && b.agentid === AGENT && b.enable_duplicate_check === 1 &&
        (b.template_card as { card_type: string }).card_type === 'button_interaction')
      .query({ access_token: 'TOKEN_A' })
      .reply(200, { ...sent(), response_code: 'RC_1' });
    await sender.send(toUser, {
      kind: 'button_card',
      card: { taskId: 'stage_1', title: '确认阶段', buttons: [{ key: 'a', text: '报价', primary: true }, { key: 'b', text: '暂缓' }] },
    });
    expect(scope.isDone()).toBe(true);
  });

  it('sends card_update to update_template_card', async () => {
    const { sender } = setup();
    gettoken('TOKEN_A');
    const scope = nock(API)
      .post('/cgi-bin/message/update_template_card', {
        userids: ['ZhangSan'], agentid: AGENT, response_code: 'RC_1', button: { replace_name: '已选：报价' },
      })
      .query({ access_token: 'TOKEN_A' })
      .reply(200, { errcode: 0, errmsg: 'ok', invaliduser: [] });
    await sender.send(toUser, { kind: 'card_update', responseCode: 'RC_1', taskId: 'stage_1', label: '已选：报价' });
    expect(scope.isDone()).toBe(true);
  });
});

describe('logging', () => {
  it('never writes the secret or an access token, even at debug level', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (l: string) => void lines.push(l) });
    const client = createWecomClient({ apiBase: API, corpId: CORP, secret: SECRET, agentId: AGENT, logger });
    const sender = createWecomSender(client, AGENT);
    gettoken('TOKEN_A', 'TOKEN_B');
    messageSend('TOKEN_A').reply(200, fail(42001, 'access_token expired'));
    messageSend('TOKEN_B').reply(200, fail(45009, 'api freq out of limit'));
    await sender.send(toUser, text).catch(() => undefined);
    const out = lines.join('');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [SECRET, 'TOKEN_A', 'TOKEN_B', 'access_token=']) expect(out).not.toContain(secret);
  });
});

describe('getUser', () => {
  it('returns userid and name', async () => {
    const { client, sender } = setup();
    gettoken('TOKEN_A');
    nock(API)
      .get('/cgi-bin/user/get')
      .query({ access_token: 'TOKEN_A', userid: 'ZhangSan' })
      .times(2)
      .reply(200, { errcode: 0, errmsg: 'ok', userid: 'ZhangSan', name: '张三', department: [1], status: 1 });
    // No mobile or email: apps created since 2022-06 are not given them (they link accounts when they are).
    expect(await client.getUser('ZhangSan')).toEqual({ userid: 'ZhangSan', name: '张三', mobile: null, email: null });
    expect(await sender.getUserName('ZhangSan')).toBe('张三');
  });

  it('60011 (no privilege) → null, not a throw', async () => {
    const { client } = setup();
    gettoken('TOKEN_A');
    nock(API).get('/cgi-bin/user/get').query(true).reply(200, fail(60011, 'no privilege to access/modify contact/party/agent'));
    expect(await client.getUser('LiSi')).toBeNull();
  });

  it('other failures still throw', async () => {
    const { client } = setup();
    gettoken('TOKEN_A');
    nock(API).get('/cgi-bin/user/get').query(true).reply(200, fail(-1, 'system busy'));
    await expect(client.getUser('LiSi')).rejects.toMatchObject({ errcode: -1, failureClass: 'retryable' });
  });
});
