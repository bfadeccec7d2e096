// Signing in to the console in a real browser, on a desktop and at a phone viewport inside WeCom: the
// one-time link from `console-link` (and a used one), the ADMIN_TOKEN form, and WeCom sign-in with the
// platform's pages stood in for by the browser's request routing and getuserinfo by nock.
import nock from 'nock';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSignInLink } from '../../src/app/console/sign-in/sign-in-links.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { consoleUrl, launchBrowser, newTab, type ViewportName, noSideScroll } from '../support/browser.js';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer({ workers: false }), launchBrowser()]);
  await ensureUser(t.db, t.config.defaultTenantId, 'zhangsan', '张三', 'wecom');
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/**
 * What `console-link` prints. Made through the app rather than the bearer API: with nock loaded, Node 20's
 * fetch cannot send a request body (the interceptor's passthrough fails with "unusable").
 */
async function signInLink(userId: string): Promise<string> {
  const made = await createSignInLink(t.db, { tenantId: t.config.defaultTenantId, userId, now: t.server.deps.clock.now(), ip: null });
  if (made.kind !== 'created') throw new Error(`no link for ${userId}: ${made.kind}`);
  return `${t.server.url}/console/login?link=${made.token}`;
}

/** Stands in for WeCom's sign-in pages: whoever lands there is sent straight back with a code. */
async function fakeWecomPages(page: Page, code: string): Promise<string[]> {
  const visited: string[] = [];
  const back = async (route: import('playwright-core').Route) => {
    const url = new URL(route.request().url());
    visited.push(`${url.origin}${url.pathname}`);
    const callback = `${url.searchParams.get('redirect_uri')}?code=${code}&state=${url.searchParams.get('state')}`;
    await route.fulfill({ contentType: 'text/html', body: `<script>location.replace(${JSON.stringify(callback)})</script>` });
  };
  await page.route('https://open.weixin.qq.com/**', back);
  await page.route('https://login.work.weixin.qq.com/**', back);
  nock(t.fake.url, { allowUnmocked: true })
    .get('/cgi-bin/auth/getuserinfo')
    .query((q) => q.code === code)
    .reply(200, { errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
  return visited;
}

// Element Plus puts extra attributes on the <input> itself, not on its wrapper.
const tokenInput = (page: Page) => page.locator('[data-test="login-token-input"]').locator('xpath=descendant-or-self::input');

describe.each(['desktop', 'phone'] as ViewportName[])('sign-in on %s', (viewport) => {
  it('opens the console with a one-time link, which then is used up', async () => {
    const url = await signInLink('zhangsan');
    const { page, context, errors } = await newTab(browser, viewport);
    await page.goto(url);
    await page.waitForURL(/\/console\/overview$/);
    await expect.poll(() => page.locator('[data-test="who"]').textContent()).toContain('张三');
    expect(page.url()).not.toContain('link=');

    const again = await context.newPage();
    await context.clearCookies();
    await again.goto(url);
    const error = again.locator('[data-test="login-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('登录链接已失效');
    expect(await noSideScroll(again)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs in with WeCom and comes back to the page asked for', async () => {
    const { page, context, errors } = await newTab(browser, viewport);
    const visited = await fakeWecomPages(page, `CODE-${viewport}`);
    await page.goto(consoleUrl(t, '/customers'));
    if (viewport === 'desktop') {
      // A desktop browser: the sign-in page with its buttons; 企业微信登录 opens the QR web login.
      await page.locator('[data-test="login-wecom"]').click();
    }
    // Inside the WeCom client (the phone's user agent) the page starts the silent OAuth2 by itself.
    await page.waitForURL(/\/console\/customers$/);
    await expect.poll(() => page.locator('[data-test="who"]').textContent()).toContain('张三');
    expect(visited).toEqual([viewport === 'phone' ? 'https://open.weixin.qq.com/connect/oauth2/authorize' : 'https://login.work.weixin.qq.com/wwlogin/sso/login']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the sign-in page on a desktop', () => {
  it('takes the ADMIN_TOKEN, and says so when it is wrong', async () => {
    const { page, context, errors } = await newTab(browser, 'desktop');
    await page.goto(consoleUrl(t, '/login'));
    await page.locator('[data-test="login-hint"]').waitFor();
    expect(await page.locator('[data-test="login-hint"]').textContent()).toContain('console-link');
    expect(await page.locator('[data-test="login-dingtalk"]').isVisible()).toBe(true);

    await tokenInput(page).fill('not-the-token');
    await page.locator('[data-test="login-token-submit"]').click();
    await page.locator('[data-test="login-error"]').waitFor();
    expect(await page.locator('[data-test="login-error"]').textContent()).toContain('管理员令牌不正确');

    await tokenInput(page).fill(ADMIN_TOKEN);
    await page.locator('[data-test="login-token-submit"]').click();
    await page.waitForURL(/\/console\/overview$/);
    await expect.poll(() => page.locator('[data-test="who"]').textContent()).toContain('管理员');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('explains a platform sign-in that found no member', async () => {
    const { page, context } = await newTab(browser, 'phone');
    await page.goto(consoleUrl(t, '/login?error=not_member&next=/reports'));
    const error = page.locator('[data-test="login-error"]');
    await error.waitFor();
    expect(await error.textContent()).toContain('你还不是战报的成员');
    // No automatic WeCom sign-in after a refusal: that would go round in circles.
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect(await noSideScroll(page)).toBe(true);
    await context.close();
  });
});
