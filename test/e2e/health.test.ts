// GET /healthz?deep=1: for operators only, with one line per check — the database, each platform's
// credentials (a token from the fake WeCom and DingTalk APIs), the chart font and an https public URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let plain: TestServer;
beforeAll(async () => {
  t = await startTestServer({ env: { PUBLIC_BASE_URL: 'https://zb.example.com' } });
  plain = await startTestServer({ env: { PUBLIC_BASE_URL: 'http://zb.example.com' } });
});
afterAll(async () => {
  await t?.stop();
  await plain?.stop();
});

const get = (server: TestServer, path: string, token?: string) =>
  fetch(`${server.server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => ({ status: r.status, json: (await r.json()) as any }));

describe('/healthz', () => {
  it('stays a cheap database check without ?deep', async () => {
    expect(await get(t, '/healthz')).toEqual({ status: 200, json: { ok: true } });
  });

  it('asks for the admin token before calling out to the platforms', async () => {
    expect((await get(t, '/healthz?deep=1')).status).toBe(401);
    expect((await get(t, '/healthz?deep=1', 'wrong')).status).toBe(401);
  });

  it('lists every check, all passing with working credentials', async () => {
    const res = await get(t, '/healthz?deep=1', ADMIN_TOKEN);
    const names = (res.json.checks as { name: string; ok: boolean }[]).map((c) => c.name).sort();
    expect(names).toEqual(['cjk_font', 'database', 'dingtalk_token', 'public_base_url', 'wecom_token']);
    expect(res).toMatchObject({ status: 200, json: { ok: true } });
  });

  it('says so when PUBLIC_BASE_URL is plain http on a public host', async () => {
    const res = await get(plain, '/healthz?deep=1', ADMIN_TOKEN);
    expect(res.status).toBe(503);
    expect(res.json.checks.find((c: any) => c.name === 'public_base_url')).toMatchObject({ ok: false });
  });
});
