// media/get against nock, answering as qyapi.weixin.qq.com does: AMR bytes with Content-Type and
// Content-disposition headers, or HTTP 200 with a JSON errcode body (platforms.md §2.4).
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWecomClient, WecomApiError } from '../../src/channels/wecom/client.js';
import { fileNameFrom } from '../../src/channels/file-name.js';
import { createWecomMedia, downloadWecomMedia } from '../../src/channels/wecom/media.js';
import { fixedClock } from '../../src/shared/clock.js';
import { silentLogger } from '../../src/shared/logger.js';

const API = 'https://qyapi.weixin.qq.com';
const CORP = 'ww4c3b1a0f9e8d7c6b';
const SECRET = 'app-secret-not-real';
const MEDIA_ID = '1G6nrLmr5EC3MMb_-zK1dDdzmd0p7cNliYu9V5w7o8K0';
const amr = readFileSync(new URL('../fixtures/audio/note-short.amr', import.meta.url));

const fail = (errcode: number, errmsg: string) => ({ errcode, errmsg: `${errmsg}, hint: [1700000000_1_abc], from ip: 203.0.113.7` });
const amrHeaders = {
  'Content-Type': 'audio/amr',
  'Content-disposition': `attachment; filename="${MEDIA_ID}.amr"`,
  'Cache-Control': 'no-cache, must-revalidate',
};

function setup(timeoutMs?: number) {
  return createWecomClient({
    apiBase: API, corpId: CORP, secret: SECRET, agentId: 1000002, logger: silentLogger(),
    clock: fixedClock('2025-03-01T09:00:00+08:00'), timeoutMs,
  });
}

function gettoken(...tokens: string[]) {
  const calls = { n: 0 };
  nock(API).get('/cgi-bin/gettoken').query({ corpid: CORP, corpsecret: SECRET }).times(tokens.length)
    .reply(200, () => ({ errcode: 0, errmsg: 'ok', access_token: tokens[calls.n++]!, expires_in: 7200 }));
  return calls;
}

const mediaGet = (token: string) => nock(API).get('/cgi-bin/media/get').query({ access_token: token, media_id: MEDIA_ID });

async function rejection(p: Promise<unknown>): Promise<WecomApiError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(WecomApiError);
  return e as WecomApiError;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('downloadWecomMedia', () => {
  it('returns the AMR bytes unchanged with content type and file name', async () => {
    gettoken('TOKEN_A');
    mediaGet('TOKEN_A').reply(200, amr, amrHeaders);
    const file = await downloadWecomMedia(setup(), MEDIA_ID);
    expect(file.bytes.equals(amr)).toBe(true);
    expect(file.contentType).toBe('audio/amr');
    expect(file.fileName).toBe(`${MEDIA_ID}.amr`);
  });

  it('works through the ChannelMedia adapter and without a Content-disposition header', async () => {
    gettoken('TOKEN_A');
    mediaGet('TOKEN_A').reply(200, amr, { 'Content-Type': 'voice/amr; charset=binary' });
    const file = await createWecomMedia(setup()).downloadMedia(MEDIA_ID);
    expect(file).toMatchObject({ contentType: 'voice/amr', fileName: null });
    expect(file.bytes.length).toBe(amr.length);
  });

  it('40007 (invalid or expired media_id) in a JSON body → permanent, no retry', async () => {
    const calls = gettoken('TOKEN_A');
    const scope = mediaGet('TOKEN_A').reply(200, fail(40007, 'invalid media_id'), { 'Content-Type': 'application/json; charset=UTF-8' });
    const e = await rejection(downloadWecomMedia(setup(), MEDIA_ID));
    expect(e).toMatchObject({ errcode: 40007, failureClass: 'permanent', httpStatus: 200 });
    expect(e.message).not.toContain('TOKEN_A');
    expect(scope.isDone()).toBe(true);
    expect(calls.n).toBe(1);
  });

  it('a JSON errcode body sent as text/plain is still an error', async () => {
    gettoken('TOKEN_A');
    mediaGet('TOKEN_A').reply(200, JSON.stringify(fail(40007, 'invalid media_id')), { 'Content-Type': 'text/plain' });
    const e = await rejection(downloadWecomMedia(setup(), MEDIA_ID));
    expect(e).toMatchObject({ errcode: 40007, failureClass: 'permanent' });
  });

  it('42001 (token expired) → refreshes the token once and retries once', async () => {
    const calls = gettoken('TOKEN_A', 'TOKEN_B');
    mediaGet('TOKEN_A').reply(200, fail(42001, 'access_token expired'), { 'Content-Type': 'application/json' });
    const retried = mediaGet('TOKEN_B').reply(200, amr, amrHeaders);
    const file = await downloadWecomMedia(setup(), MEDIA_ID);
    expect(file.bytes.equals(amr)).toBe(true);
    expect(calls.n).toBe(2);
    expect(retried.isDone()).toBe(true);
  });

  it('a token still rejected after the one retry stops there (failureClass token)', async () => {
    const calls = gettoken('TOKEN_A', 'TOKEN_B');
    mediaGet('TOKEN_A').reply(200, fail(40014, 'invalid access_token'), { 'Content-Type': 'application/json' });
    mediaGet('TOKEN_B').reply(200, fail(40014, 'invalid access_token'), { 'Content-Type': 'application/json' });
    const e = await rejection(downloadWecomMedia(setup(), MEDIA_ID));
    expect(e).toMatchObject({ errcode: 40014, failureClass: 'token' });
    expect(calls.n).toBe(2);
  });

  it('HTTP 502 → retryable; a timeout → retryable; an empty body → retryable', async () => {
    gettoken('TOKEN_A');
    mediaGet('TOKEN_A').reply(502, '<html>502 Bad Gateway</html>', { 'Content-Type': 'text/html' });
    expect(await rejection(downloadWecomMedia(setup(), MEDIA_ID))).toMatchObject({ failureClass: 'retryable', httpStatus: 502 });

    gettoken('TOKEN_A');
    mediaGet('TOKEN_A').delay(500).reply(200, amr, amrHeaders);
    const timedOut = await rejection(downloadWecomMedia(setup(50), MEDIA_ID));
    expect(timedOut).toMatchObject({ failureClass: 'retryable', message: expect.stringMatching(/timed out/) });

    gettoken('TOKEN_A');
    mediaGet('TOKEN_A').reply(200, Buffer.alloc(0), amrHeaders);
    expect(await rejection(downloadWecomMedia(setup(), MEDIA_ID))).toMatchObject({ failureClass: 'retryable' });
  });
});

describe('fileNameFrom', () => {
  it('reads quoted, bare and RFC 6266 names and never keeps a directory', () => {
    expect(fileNameFrom('attachment; filename="abc.amr"')).toBe('abc.amr');
    expect(fileNameFrom('attachment; filename=abc.amr')).toBe('abc.amr');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E8%AF%AD%E9%9F%B3.amr")).toBe('语音.amr');
    expect(fileNameFrom('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(fileNameFrom('attachment')).toBeNull();
    expect(fileNameFrom(null)).toBeNull();
  });
});
