// The composition root pages share: one session and client, a lazily created single recorder.
import { describe, expect, it } from 'vitest';
import { settings } from '../../miniprogram/config.js';
import { createServices } from '../../miniprogram/lib/services.js';
import { ORIGIN, createFakeWx, loginBody } from './fake-wx.js';

const NOW = Date.parse('2025-03-10T02:00:00Z');

describe('createServices', () => {
  it('wires env, session and api against apiBase with the configured timeouts', async () => {
    const fake = createFakeWx({ environment: 'wxwork' });
    fake.route('POST', '/mp/login', () => ({ status: 200, body: loginBody('s', NOW) }));
    fake.route('POST', '/mp/visits', () => ({ status: 500, body: { code: 'x', message: 'x' } }));
    const s = createServices(fake.wx, { apiBase: ORIGIN, timeoutMs: 1234, visitTimeoutMs: 5678 }, () => NOW);
    expect(s.env.inWeCom).toBe(true);
    expect(s.lastVisit).toBeNull();
    await s.api.createVisit({ qr: 't', question: 'q' }).catch(() => undefined);
    expect(fake.calls('POST', '/mp/login')[0]?.timeout).toBe(1234);
    expect(fake.calls('POST', '/mp/visits')[0]?.timeout).toBe(5678);
    expect(s.session.current()?.session).toBe('s');
  });

  it('creates the recorder once, on first use', () => {
    const fake = createFakeWx();
    let created = 0;
    const getRecorderManager = fake.wx.getRecorderManager;
    fake.wx.getRecorderManager = () => {
      created += 1;
      return getRecorderManager();
    };
    const s = createServices(fake.wx, settings);
    expect(created).toBe(0);
    expect(s.recorder()).toBe(s.recorder());
    expect(created).toBe(1);
  });

  it('ships an HTTPS apiBase', () => {
    expect(settings.apiBase).toMatch(/^https:\/\//);
  });
});
