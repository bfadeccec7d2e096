// 总览 / 客户 / 战报 in a real browser, on a desktop and at a phone viewport (390×844, inside WeCom): the
// dashboard shows the API's numbers, a customer opens with its timeline, rename and merge work from their
// dialogs, a ★★★ rating lands under 标杆案例, and a rep gets nothing of another team's customer.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../support/console-client.js';
import { consoleUrl, launchBrowser, openConsole, type ViewportName, noSideScroll } from '../support/browser.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';
import { eventually } from '../support/test-server.js';

let w: SalesWorld;
let browser: Browser;
beforeAll(async () => {
  [w, browser] = await Promise.all([startSalesWorld(), launchBrowser()]);
  // One more pair of customers per viewport for the rename and merge flows (李娜, team east).
  for (const name of ['安泰包装', '长风物流', '博远电气', '金桥化纤']) {
    await w.ask(PEOPLE.eRep2.id, `刚去了${name},客户问了交期`);
    await eventually(async () => (await w.t.db.query(`select 1 from customers where name = $1`, [name])).length > 0);
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await w?.t.stop();
});

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
const customerId = async (name: string) => (await w.t.db.query<{ id: string }>(`select id from customers where name = $1`, [name]))[0]!.id;
/** Picks an option of the open Element Plus select dropdown by its text. */
const pick = (page: Page, label: string) => page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
const pct = (p: number | null) => (p === null ? '—' : `${p}%`);

const flows: { viewport: ViewportName; rename: [string, string]; merge: [string, string] }[] = [
  { viewport: 'desktop', rename: ['安泰包装', '安泰包装材料'], merge: ['长风物流', '安泰包装材料'] },
  { viewport: 'phone', rename: ['博远电气', '博远电气设备'], merge: ['金桥化纤', '博远电气设备'] },
];

describe.each(flows)('console pages on $viewport', ({ viewport, rename, merge }) => {
  it('shows the 总览 numbers of the API, for the manager’s teams and for a team an admin picks', async () => {
    const { page, context, errors } = await openConsole(browser, w.t, PEOPLE.eBoss.id, { viewport });
    await page.goto(consoleUrl(w.t, '/overview'));
    await page.locator('[data-test="stat-today"]').waitFor();
    const o = (await (await consoleClient(w.t, PEOPLE.eBoss.id)).get('/overview')).json;
    const expected: Record<string, string> = {
      today: String(o.reports.today), week: String(o.reports.week), forecast: o.forecast.totalText, overdue: String(o.overdue.count),
      touched: pct(o.health.touched72hRate), fulfilment: pct(o.health.fulfilment.rate), complete: pct(o.health.completeRate), touches: `${o.health.touchesPerRep} 次`,
    };
    for (const [key, value] of Object.entries(expected)) expect(await text(page, `[data-test="stat-${key}"] [data-test="stat-value"]`), key).toBe(value);
    for (const s of o.funnel.stages) {
      expect(await text(page, `[data-test="funnel-${s.stage}"] [data-test="funnel-current"]`)).toBe(String(s.current));
      expect(await text(page, `[data-test="funnel-${s.stage}"] [data-test="funnel-reached"]`)).toBe(String(s.reached));
    }
    expect(await page.locator('[data-test="board-name"]').allTextContents()).toEqual(o.leaderboard.entries.map((e: any) => e.name));
    expect(await page.locator('[data-test="board-points"]').allTextContents()).toEqual(o.leaderboard.entries.map((e: any) => `${e.points}分`));
    expect(await page.locator('[data-test="funnel-chart"] canvas').count()).toBe(1);
    expect(await page.locator('[data-test="board-chart"] canvas').count()).toBe(1);
    expect(await noSideScroll(page)).toBe(true);
    await context.close();

    const admin = await openConsole(browser, w.t, null, { viewport });
    await admin.page.goto(consoleUrl(w.t, '/overview'));
    await admin.page.locator('[data-test="stat-today"]').waitFor();
    expect(await text(admin.page, '[data-test="scope-label"]')).toBe('全部团队');
    await admin.page.locator('[data-test="team-select"]').click();
    await pick(admin.page, '华西组');
    await expect.poll(() => text(admin.page, '[data-test="scope-label"]')).toBe('华西组');
    const west = (await (await consoleClient(w.t, null)).get('/overview?teamKey=west')).json;
    expect(await text(admin.page, '[data-test="stat-week"] [data-test="stat-value"]')).toBe(String(west.reports.week));
    expect(await admin.page.locator('[data-test="board-name"]').allTextContents()).toEqual(['周杰']);
    expect(admin.page.url()).toContain('teamKey=west');
    expect([...errors, ...admin.errors]).toEqual([]);
    await admin.context.close();
  });

  it('opens a customer from the list and shows its timeline', async () => {
    const { page, context, errors } = await openConsole(browser, w.t, PEOPLE.eBoss.id, { viewport });
    await page.goto(consoleUrl(w.t, '/customers'));
    const item = viewport === 'phone' ? '[data-test="customer-card"]' : '.customer-row';
    await page.locator(item).first().waitFor();
    expect(await page.locator('[data-test="customer-link"]', { hasText: '瑞丰化工' }).count()).toBe(0);
    await page.locator('[data-test="customer-link"]', { hasText: '恒信机械' }).click();
    await page.waitForURL(/\/console\/customers\/[^/]+$/);
    expect(await text(page, '[data-test="customer-name"]')).toBe('恒信机械');
    expect(await text(page, '[data-test="customer-owner"]')).toBe('王伟');
    const items = page.locator('[data-test="timeline-item"]');
    await items.first().waitFor();
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['commitment', 'report', 'stage', 'touch']);
    const texts = (await page.locator('[data-test="timeline-text"]').allTextContents()).join('\n');
    expect(texts).toContain('刚去了恒信机械,客户问了价格,账期想要60天');
    expect(texts).toContain('商务谈判');
    expect(texts).toContain('下周三去签合同');
    expect(await page.locator('.evidence').first().textContent()).toContain('客户问了价格');
    expect(await noSideScroll(page)).toBe(true);

    // The list's filters narrow it, and the 导出 links carry the team.
    await page.goto(consoleUrl(w.t, '/customers?untouchedDays=7'));
    await expect.poll(() => page.locator('[data-test="customer-link"]').allTextContents()).toEqual(['宏达建材']);
    await page.goto(consoleUrl(w.t, '/customers?teamKey=east'));
    expect(await page.locator('[data-test="export-customers-xlsx"]').getAttribute('href')).toBe('/console/api/export/customers.xlsx?teamKey=east');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renames and merges a customer from its page', async () => {
    const { page, context, errors } = await openConsole(browser, w.t, PEOPLE.eBoss.id, { viewport });
    await page.goto(consoleUrl(w.t, `/customers/${await customerId(rename[0])}`));
    await page.locator('[data-test="action-rename"]').click();
    const input = page.locator('[data-test="rename-input"]').locator('xpath=descendant-or-self::input');
    await input.fill(rename[1]);
    await page.locator('[data-test="rename-submit"]').click();
    await expect.poll(() => text(page, '[data-test="customer-name"]')).toBe(rename[1]);
    expect(await page.locator('[data-test="customer-alias"]').allTextContents()).toEqual([rename[0]]);

    await page.goto(consoleUrl(w.t, `/customers/${await customerId(merge[0])}`));
    await page.locator('[data-test="action-merge"]').click();
    const select = page.locator('[data-test="merge-select"]').locator('xpath=descendant-or-self::input').first();
    await select.click();
    await select.pressSequentially(merge[1].slice(0, 2));
    await pick(page, merge[1]);
    await page.locator('[data-test="merge-submit"]').click();
    await expect.poll(() => text(page, '[data-test="customer-name"]')).toBe(merge[1]);
    expect((await page.locator('[data-test="customer-alias"]').allTextContents()).map((s) => s.trim())).toEqual([rename[0], `${merge[0]}(已合并)`]);
    expect(await noSideScroll(page)).toBe(true);
    const audit = await w.t.db.query<{ action: string }>(`select action from audit_log where actor = $1 and details::text like $2 order by id`, [PEOPLE.eBoss.id, `%${merge[0]}%`]);
    expect(audit.map((a) => a.action)).toEqual(['customer.merge']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('rates a report ★★★ in the drawer and finds it under 标杆案例', async () => {
    // Desktop: 赵强 rates 王伟's report; phone: 吴敏 rates 周杰's.
    const [boss, reportId, customer] = viewport === 'desktop' ? [PEOPLE.eBoss, w.reports.east, '恒信机械'] : [PEOPLE.wBoss, w.reports.west, '瑞丰化工'];
    const { page, context, errors } = await openConsole(browser, w.t, boss.id, { viewport });
    await page.goto(consoleUrl(w.t, '/reports?tab=benchmark'));
    await page.locator('[data-test="tab-benchmark"]').waitFor();
    await expect.poll(() => text(page, '[data-test="report-total"]')).toBe('共 0 条');
    await page.locator('[data-test="tab-all"]').click();
    const row = page.locator(viewport === 'phone' ? '[data-test="report-card"]' : '.report-row', { hasText: customer });
    await row.click();
    await page.waitForURL(new RegExp(`id=${reportId}`));
    const drawer = page.locator('.el-drawer');
    await drawer.locator('[data-test="rate-3"]').click();
    await page.locator('.el-message-box .el-button--primary').click();
    await expect.poll(() => drawer.locator('[data-test="report-rating"]').textContent()).toContain('标杆案例');
    await drawer.locator('.el-drawer__close-btn').click();

    await page.locator('[data-test="tab-benchmark"]').click();
    await expect.poll(() => text(page, '[data-test="report-total"]')).toBe('共 1 条');
    expect(await page.locator(viewport === 'phone' ? '[data-test="report-card"]' : '.report-row').first().textContent()).toContain(customer);
    expect(await text(page, '[data-test="report-stars"]')).toBe('★★★');
    expect(page.url()).toContain('tab=benchmark');
    expect(await noSideScroll(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives a rep nothing of another team’s customer: 404 from the API, a not-found page in the console', async () => {
    const { page, context, errors } = await openConsole(browser, w.t, PEOPLE.wRep.id, { viewport });
    const east = w.customers['宏达建材']!;
    const api = await page.request.get(`${w.t.server.url}/console/api/customers/${east}`);
    expect(api.status()).toBe(404);
    await page.goto(consoleUrl(w.t, `/customers/${east}`));
    await page.locator('[data-test="customer-missing"]').waitFor();
    expect(await page.locator('[data-test="customer-name"]').count()).toBe(0);
    await page.goto(consoleUrl(w.t, '/customers'));
    await expect.poll(() => page.locator('[data-test="customer-link"]').allTextContents()).toEqual(['瑞丰化工']);
    expect(await page.locator('[data-test="filter-team"]').count()).toBe(0);
    expect(await noSideScroll(page)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
