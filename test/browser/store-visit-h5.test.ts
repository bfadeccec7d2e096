// The H5 visit form in a real browser at a phone viewport inside WeCom (390×844, wxwork user agent):
// scanning /s/<token> goes through WeCom OAuth2 (the authorize page stood in for by the browser's request
// routing, auth/getuserinfo by the fake WeCom API), the form warns about a sensitive word as it is typed and
// asks for the note, and the submitted visit comes back with suggestions — saved once.
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newTab, noSideScroll } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let t: TestServer;
let browser: Browser;
let token = '';

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer({ workers: false }), launchBrowser()]);
  await t.send('PUT', '/api/stores/sh-xuhui', { name: '徐汇旗舰店', city: '上海' });
  token = (await t.send('POST', '/api/stores/sh-xuhui/qrcodes', { purpose: 'visit' })).json.token;
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the H5 visit form inside WeCom on a phone', () => {
  it('signs in through OAuth2, warns about a sensitive word, takes the note and shows suggestions', async () => {
    const { page, context, errors } = await newTab(browser, 'phone');
    expect(page.viewportSize()).toEqual({ width: 390, height: 844 });
    t.fake.users.set('staff-zhao', '赵敏');
    t.fake.webCodes.set('CODE-ZHAO', 'staff-zhao');
    const visited: string[] = [];
    // WeCom's authorize page: whoever lands there is sent straight back with a code.
    await page.route('https://open.weixin.qq.com/**', async (route: Route) => {
      const url = new URL(route.request().url());
      visited.push(`${url.origin}${url.pathname}?scope=${url.searchParams.get('scope')}`);
      const callback = `${url.searchParams.get('redirect_uri')}?code=CODE-ZHAO&state=${url.searchParams.get('state')}`;
      await route.fulfill({ contentType: 'text/html', body: `<script>location.replace(${JSON.stringify(callback)})</script>` });
    });

    // As a scan does: the phone lands on /s/<token> and the server sends it on to WeCom's authorize page.
    await page.goto(`${t.server.url}/healthz`);
    // (Playwright's routing does not see a redirect out of page.goto's own request, so the scan is a navigation.)
    await page.evaluate(`location.href = ${JSON.stringify(`${t.server.url}/s/${token}`)}`);
    await page.locator('[data-test="h5-form"]').waitFor();
    expect(visited).toEqual(['https://open.weixin.qq.com/connect/oauth2/authorize?scope=snsapi_base']);
    expect(await page.locator('[data-test="h5-store"]').textContent()).toBe('徐汇旗舰店');
    expect(await page.locator('body').textContent()).toContain('赵敏');

    const warning = page.locator('[data-test="h5-warning"]');
    const note = page.locator('[data-test="h5-note"]');
    expect(await warning.isVisible()).toBe(false);
    expect(await note.isVisible()).toBe(false);
    await page.locator('[data-test="h5-question"]').fill('孩子对牛奶过敏,医院诊断是湿疹,能用这个吗');
    await warning.waitFor({ state: 'visible' });
    expect(await warning.textContent()).toMatch(/过敏/);
    expect(await note.isVisible()).toBe(true);
    await page.locator('[data-test="h5-customer-name"]').fill('王女士');
    // The note is required once a sensitive word is in: the browser does not send the form without it.
    await page.locator('[data-test="h5-submit"]').click();
    expect(await note.evaluate((el) => (el as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing)).toBe(true);
    expect(page.url()).toBe(`${t.server.url}/s/${token}?from=oauth`);

    await note.fill('已提醒顾客遵医嘱,未推荐药品');
    await page.locator('[data-test="h5-submit"]').click();
    await page.locator('[data-test="h5-done"]').waitFor();
    const suggestions = await page.locator('[data-test="h5-suggestion"]').allTextContents();
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(await page.locator('[data-test="h5-flagged"]').isVisible()).toBe(true);
    expect(await page.locator('[data-test="h5-board-store"]').textContent()).toContain('徐汇旗舰店 · 1次');
    expect(await noSideScroll(page)).toBe(true);

    const rows = await t.db.query<{ user_id: string; customer_name: string; flagged_for_review: boolean }>(
      'select user_id, customer_name, flagged_for_review from store_visits');
    expect(rows).toEqual([{ user_id: 'staff-zhao', customer_name: '王女士', flagged_for_review: true }]);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'zb_store_h5')).toMatchObject({ path: '/s/', httpOnly: true, sameSite: 'Lax' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
