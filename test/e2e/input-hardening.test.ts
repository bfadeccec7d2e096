// Odd input that used to become a 500 or a lost message (issue 12): lookup tables fed by input only
// answer their own keys ("constructor", "__proto__"), and "not configured" is a 503 with a Chinese message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { say } from '../support/wecom-chat.js';

let t: TestServer;
let bare: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://zb.example.com' } });
  // No WeCom app and no ASR: the mini-program cannot log in and dictation cannot be transcribed.
  bare = await startTestServer({ env: { WECOM_CORP_ID: '', WECOM_AGENT_ID: '', WECOM_SECRET: '', WECOM_TOKEN: '', WECOM_ENCODING_AES_KEY: '' } });
});
afterAll(async () => {
  await t?.stop();
  await bare?.stop();
});

async function post(server: TestServer, path: string, body: unknown, token?: string) {
  const res = await fetch(`${server.server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

describe('words that are keys of every object', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('a rep typing %s gets an answer, not a processing failure', async (word) => {
    const answer = await say(t, `proto-${word}`, word);
    expect(answer).not.toContain('处理出错');
  });

  it('a mini-program audio format "__proto__" or "constructor" is a 400, not a crash', async () => {
    await t.send('PUT', '/api/stores/h-1', { name: '测试店', city: '上海' });
    const qr = (await t.send('POST', '/api/stores/h-1/qrcodes', { purpose: 'visit' })).json.url as string;
    t.fake.miniCodes.set('h-code', { userid: 'h-staff' });
    const session = (await post(t, '/mp/login', { code: 'h-code' })).json.session as string;
    for (const format of ['__proto__', 'constructor']) {
      const res = await post(t, '/mp/visits', { qr, audio: { format, base64: Buffer.from('x').toString('base64') } }, session);
      expect(res.status).toBe(400);
    }
  });
});

describe('not configured', () => {
  it('is a 503 with a Chinese message, not a 500', async () => {
    const res = await post(bare, '/mp/login', { code: 'anything' });
    expect(res.status).toBe(503);
    expect(res.json.message).toMatch(/未配置/);
  });
});

describe('admin input', () => {
  it.each(['1.5', '0', '-3', '501', 'abc', '1e2'])('limit=%s is a 400, not a 500', async (limit) => {
    const res = await t.api(`/api/customers?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_limit');
  });

  it('a limit in range, or none, lists customers', async () => {
    expect((await t.api('/api/customers?limit=500')).status).toBe(200);
    expect((await t.api('/api/customers')).status).toBe(200);
  });

  it.each(['0001-01-01T00:00:00Z', '9999-12-31T00:00:00Z', '-271821-04-20T00:00:00Z', 'tomorrow'])('a job run at %s is a 400', async (at) => {
    const res = await t.send('POST', '/api/jobs/reminders/run', { at });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('invalid_at');
  });
});

