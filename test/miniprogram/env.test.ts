// WeCom detection: wx.qy.login decides whether we can log in; outside WeCom the page shows
// 请在企业微信中打开 and nothing calls wx.qy.login or the server.
import { describe, expect, it } from 'vitest';
import { settings } from '../../miniprogram/config.js';
import { detectEnv, envBlocker, requireQy } from '../../miniprogram/lib/env.js';
import { createServices } from '../../miniprogram/lib/services.js';
import { createFakeWx } from './fake-wx.js';

describe('env', () => {
  it('is WeCom when wx.qy.login exists, with or without the environment flag', () => {
    expect(detectEnv(createFakeWx({ environment: 'wxwork' }).wx)).toEqual({ canLogin: true, reportsWxwork: true, inWeCom: true });
    // The WeCom DevTools simulator exposes wx.qy but no environment flag.
    expect(detectEnv(createFakeWx().wx)).toEqual({ canLogin: true, reportsWxwork: false, inWeCom: true });
    expect(envBlocker(detectEnv(createFakeWx().wx))).toBeNull();
  });

  it('is plain WeChat without wx.qy: blocked with a Chinese message', () => {
    const env = detectEnv(createFakeWx({ noQy: true }).wx);
    expect(env).toEqual({ canLogin: false, reportsWxwork: false, inWeCom: false });
    expect(envBlocker(env)).toBe('请在企业微信中打开');
  });

  it('stays blocked when the flag says wxwork but wx.qy.login is missing: there is no way to log in', () => {
    const env = detectEnv(createFakeWx({ noQy: true, environment: 'wxwork' }).wx);
    expect(env.inWeCom).toBe(true);
    expect(envBlocker(env)).toBe('请在企业微信中打开');
  });

  it('survives getSystemInfoSync throwing', () => {
    expect(detectEnv(createFakeWx({ systemInfoThrows: true }).wx).canLogin).toBe(true);
  });

  it('requireQy throws not_in_wecom instead of returning undefined', () => {
    expect(() => requireQy(createFakeWx({ noQy: true }).wx)).toThrow('请在企业微信中打开');
    expect(requireQy(createFakeWx().wx).login).toBeTypeOf('function');
  });

  it('outside WeCom an API call fails with not_in_wecom before any request', async () => {
    const fake = createFakeWx({ noQy: true });
    const services = createServices(fake.wx, { ...settings, apiBase: 'https://api.test' });
    expect(envBlocker(services.env)).toBe('请在企业微信中打开');
    await expect(services.api.myVisits()).rejects.toMatchObject({ code: 'not_in_wecom' });
    expect(fake.requests).toHaveLength(0);
  });
});
