// Configuration from the environment: defaults, all-or-nothing credential groups, and the env.example
// file loading as it is (every variable empty or at its default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { repoRoot } from '../../src/config/repo-root.js';

const DT = { DINGTALK_APP_KEY: 'dingkeyexample01', DINGTALK_APP_SECRET: 'secret-example' };

describe('configuration', () => {
  it('loads config/env.example unchanged', () => {
    const env = Object.fromEntries(
      readFileSync(join(repoRoot(), 'config', 'env.example'), 'utf8').split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const config = loadConfig(env);
    expect(config.wecom).toBeNull();
    expect(config.dingtalk).toBeNull();
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('configures DingTalk with defaults: HTTP mode, robotCode = AppKey, the public API hosts', () => {
    expect(loadConfig(DT).dingtalk).toEqual({
      appKey: 'dingkeyexample01', appSecret: 'secret-example', robotCode: 'dingkeyexample01', mode: 'http', corpId: null,
      apiBase: 'https://api.dingtalk.com', oapiBase: 'https://oapi.dingtalk.com',
    });
    expect(loadConfig({ ...DT, DINGTALK_MODE: 'stream', DINGTALK_CORP_ID: 'dingcorp1' }).dingtalk).toMatchObject({ mode: 'stream', corpId: 'dingcorp1' });
  });

  it('configures the WeCom AI bot with both credentials or neither, on the public URL by default', () => {
    expect(loadConfig({}).wecomBot).toBeNull();
    expect(loadConfig({ WECOM_BOT_ID: 'aibX', WECOM_BOT_SECRET: 's' }).wecomBot).toEqual({ botId: 'aibX', secret: 's', wsUrl: 'wss://openws.work.weixin.qq.com' });
    expect(loadConfig({ WECOM_BOT_ID: 'aibX', WECOM_BOT_SECRET: 's', WECOM_BOT_WS_URL: 'ws://127.0.0.1:9' }).wecomBot?.wsUrl).toBe('ws://127.0.0.1:9');
    expect(() => loadConfig({ WECOM_BOT_ID: 'aibX' })).toThrow(/WECOM_BOT_SECRET/);
    expect(() => loadConfig({ WECOM_BOT_SECRET: 's' })).toThrow(/WECOM_BOT_ID/);
    expect(() => loadConfig({ WECOM_BOT_ID: 'aibX', WECOM_BOT_SECRET: 's', WECOM_BOT_WS_URL: 'https://x' })).toThrow(/WECOM_BOT_WS_URL/);
  });

  it('names what is wrong', () => {
    expect(() => loadConfig({ DINGTALK_APP_KEY: 'k' })).toThrow(/DINGTALK_APP_SECRET/);
    expect(() => loadConfig({ ...DT, DINGTALK_MODE: 'websocket' })).toThrow(/DINGTALK_MODE/);
    expect(() => loadConfig({ DINGTALK_CORP_ID: 'dingcorp1' })).toThrow(/DINGTALK_APP_KEY is missing/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'zb.example.com' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
