// 设置 through the console API: the channel self-check (tokens against the fake WeCom and DingTalk APIs,
// ASR and LLM reachable, font, public URL) and when each channel last delivered a message. Admins only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelApi, type FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { consoleClient } from '../support/console-client.js';
import { eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';

let t: TestServer;
let model: FakeModelApi;

beforeAll(async () => {
  model = await startFakeModelApi();
  t = await startTestServer({
    env: { ASR_BASE_URL: model.url, ASR_API_KEY: 'k', LLM_BASE_URL: model.url, LLM_API_KEY: 'k', LLM_MODEL: 'fake-model' },
  });
  await ensureUser(t.db, 'default', 'boss', '周经理', 'wecom');
  await ensureUser(t.db, 'default', 'rep-a', '张三', 'wecom');
  await t.send('PUT', '/api/teams/east', { name: '华东', memberUserIds: ['rep-a'], managerUserIds: ['boss'] });
});
afterAll(async () => {
  await t?.stop();
  await model?.close();
});

const states = (body: any) => Object.fromEntries(body.checks.map((c: any) => [c.name, c.state]));

describe('channel status', () => {
  it('is for admins only', async () => {
    expect((await (await consoleClient(t, 'boss')).get('/settings/status')).status).toBe(403);
    expect((await (await consoleClient(t, 'rep-a')).get('/settings/status')).status).toBe(403);
  });

  it('checks tokens, ASR, LLM, font and URL, and shows when each channel was last heard from', async () => {
    const admin = await consoleClient(t, null);
    const before = await admin.get('/settings/status');
    expect(before.status).toBe(200);
    expect(states(before.json)).toEqual({
      database: 'ok', wecom_token: 'ok', dingtalk_token: 'ok', asr_reachable: 'ok', llm_reachable: 'ok', cjk_font: 'ok', public_base_url: 'ok',
    });
    expect(before.json.checks.find((c: any) => c.name === 'wecom_token').label).toBe('企业微信凭证');
    expect(before.json.channels).toEqual([
      { channel: 'wecom', configured: true, mode: 'callback', lastMessageAt: null },
      { channel: 'dingtalk', configured: true, mode: 'http', lastMessageAt: null },
    ]);
    expect(JSON.stringify(before.json)).not.toContain(t.config.wecom!.secret);

    expect((await t.postCallback(textXml('rep-a', '帮助'))).status).toBe(200);
    await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'rep-a'));
    const after = await admin.get('/settings/status');
    const wecom = after.json.channels.find((c: any) => c.channel === 'wecom');
    expect(Date.now() - Date.parse(wecom.lastMessageAt)).toBeLessThan(60_000);
    expect(after.json.channels.find((c: any) => c.channel === 'dingtalk').lastMessageAt).toBeNull();
  });

  it('says what is not configured and what fails', async () => {
    await t.restart({ config: { asr: null, dingtalk: null, llm: { ...t.config.llm!, baseUrl: 'http://127.0.0.1:9/v1' } } });
    const admin = await consoleClient(t, null);
    const res = await admin.get('/settings/status');
    expect(states(res.json)).toMatchObject({ asr_reachable: 'off', dingtalk_token: 'off', llm_reachable: 'failed', wecom_token: 'ok' });
    expect(res.json.checks.find((c: any) => c.name === 'asr_reachable').detail).toBe('未配置');
    expect(res.json.channels[1]).toMatchObject({ channel: 'dingtalk', configured: false });
  });
});
