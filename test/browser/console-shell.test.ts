// The console's shell in a real browser: served under /console/, a signed-out visitor lands on sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { consoleUrl, launchBrowser, newTab } from '../support/browser.js';

let t: TestServer;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer({ workers: false }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('console shell', () => {
  it('sends a signed-out visitor to the sign-in page, on a desktop and on a phone', async () => {
    for (const viewport of ['desktop', 'phone'] as const) {
      const { page, context, errors } = await newTab(browser, viewport);
      await page.goto(consoleUrl(t, '/customers'));
      await page.waitForURL(/\/console\/login\?next=/);
      expect(await page.title()).toContain('战报');
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('serves hashed assets with a long cache and the page itself fresh', async () => {
    const res = await fetch(consoleUrl(t, '/overview'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    const asset = /\/console\/assets\/[^"]+\.js/.exec(html)![0];
    const js = await fetch(`${t.server.url}${asset}`);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.server.url}/console/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${t.server.url}/console/..%2f..%2fpackage.json`)).headers.get('content-type')).toContain('text/html');
  });
});
