// Browser tests: Debian's chromium driven by playwright-core (never a downloaded browser), pages of the
// console at a desktop or phone viewport, signed in by a session cookie or through the sign-in link flow.
//
//   const browser = await launchBrowser();
//   const { page } = await openConsole(browser, t, 'u-manager', { viewport: 'phone' });
//   await page.goto(`${t.server.url}/console/customers`);
//   …
//   await browser.close();
//
// The console must be built first (`npm run build:console`; `npm test` does it before vitest).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openSession } from '../../src/app/console/sessions.js';
import { repoRoot } from '../../src/config/repo-root.js';
import type { TestServer } from './test-server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const VIEWPORTS = {
  desktop: { viewport: { width: 1366, height: 860 } },
  // An iPhone-sized screen inside the WeCom in-app browser (its user agent carries "wxwork").
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh',
  },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

/** `fakeMicrophone`: getUserMedia is granted without asking and hears Chromium's test tone. */
export async function launchBrowser(opts: { fakeMicrophone?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  if (!existsSync(join(repoRoot(), 'dist', 'console', 'index.html'))) throw new Error('the console is not built: npm run build:console');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
      ...(opts.fakeMicrophone ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] : [])],
  });
}

export interface ConsoleTab {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors seen so far (a test may assert there are none). */
  errors: string[];
}

/** A fresh browser context at a viewport, not signed in. */
export async function newTab(browser: Browser, viewport: ViewportName = 'desktop'): Promise<ConsoleTab> {
  const context = await browser.newContext({ ...VIEWPORTS[viewport], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

/** A tab signed in as a person (or as the admin token when userId is null) by a session cookie. */
export async function openConsole(browser: Browser, t: TestServer, userId: string | null, opts: { viewport?: ViewportName } = {}): Promise<ConsoleTab> {
  const tab = await newTab(browser, opts.viewport ?? 'desktop');
  const session = await openSession(t.db, { tenantId: t.config.defaultTenantId, userId, via: userId ? 'link' : 'admin_token', now: t.server.deps.clock.now(), adminToken: t.config.adminToken });
  const { hostname } = new URL(t.server.url);
  await tab.context.addCookies([{ name: 'zb_console', value: session.token, domain: hostname, path: '/console', httpOnly: true, sameSite: 'Lax' }]);
  return tab;
}

/** The console URL of a page path such as '/customers'. */
export const consoleUrl = (t: TestServer, path: string) => `${t.server.url}/console${path.startsWith('/') ? path : `/${path}`}`;

/** True when the page is no wider than the window (no sideways scrolling on a phone). */
export const noSideScroll = (page: Page) => page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
