// The 团队与成员, 门店, 提醒与推送 and 设置 pages in a real browser: the teams page shows members and sends a
// test message; a store and its QR code are created; a flagged visit is approved; a dead letter is retried
// and delivered; the self-check and the audit log show. The same flows again at a phone viewport
// (390×844, as a manager), with no sideways scrolling. One server and one browser for the whole file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { fixedClock } from '../../src/shared/clock.js';
import { insertOutbound } from '../../src/store/repos/outbox-repo.js';
import { insertVisit } from '../../src/store/repos/stores-repo.js';
import { ensureUser } from '../../src/store/repos/users-repo.js';
import { mintQrCode } from '../../src/app/stores/qr-codes.js';
import { consoleUrl, launchBrowser, openConsole, type ConsoleTab } from '../support/browser.js';
import { eventually, startTestServer, type TestServer } from '../support/test-server.js';

const ROBOT_KEY = 'robot-key-browser-east';
const clock = fixedClock('2026-11-17T10:00:00+08:00');
let t: TestServer;
let browser: Browser;
let qrId = '';

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestServer({ clock }), launchBrowser()]);
  for (const [id, name] of [['boss-east', '周经理'], ['rep-a', '张三'], ['rep-b', '李四']] as const) await ensureUser(t.db, 'default', id, name, 'wecom');
  await t.send('PUT', '/api/teams/east', { name: '华东一组', memberUserIds: ['rep-a', 'rep-b'], managerUserIds: ['boss-east'], alert: { kind: 'wecom_webhook', key: ROBOT_KEY } });
  await t.send('PUT', '/api/stores/sh-xuhui', { name: '徐汇旗舰店', teamKey: 'east', city: '上海' });
  const minted = await mintQrCode(t.server.deps, 'default', 'sh-xuhui', 'visit', null);
  qrId = minted.token.split('.')[0]!;
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function flaggedVisit(question: string): Promise<string> {
  return (await insertVisit(t.db, {
    tenantId: 'default', storeKey: 'sh-xuhui', qrId, userId: 'rep-b', question, transcript: null, topics: [], customerName: null, customerPhone: null,
    complianceNote: '已建议先咨询医生', sensitiveWords: ['过敏'], flaggedForReview: true, createdAt: clock.now(),
  })).id;
}

async function deadLetter(text: string): Promise<string> {
  t.fake.failNext('message/send', { errcode: 40008, errmsg: 'invalid message type' });
  const id = await t.db.transaction(async (tx) => {
    const outboxId = (await insertOutbound(tx, {
      tenantId: 'default', channel: 'wecom', idempotencyKey: `browser:${text}`, recipient: { kind: 'user', userId: 'rep-a' },
      message: { kind: 'text', text }, notBefore: clock.now(),
    }))!;
    await t.server.deps.queue.enqueue('deliver-outbound', { outboxId }, { tx });
    return outboxId;
  });
  await eventually(async () => (await t.db.query<{ status: string }>('select status from outbox where id = $1', [id]))[0]!.status === 'dead');
  return id;
}

const input = (page: Page, test: string) => page.locator(`input[data-test="${test}"], textarea[data-test="${test}"], [data-test="${test}"] input, [data-test="${test}"] textarea`).first();
const tid = (page: Page, test: string) => page.locator(`[data-test="${test}"]`).first();

async function pick(page: Page, selectTest: string, option: string): Promise<void> {
  await tid(page, selectTest).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click();
}

async function noSidewaysScroll(page: Page): Promise<void> {
  // A string, not a function: the test code is compiled without the DOM library.
  const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, view: window.innerWidth })')) as { scroll: number; view: number };
  expect(widths.scroll).toBeLessThanOrEqual(widths.view);
}

/** The flows both viewports run; `who` is the signed-in tab, `suffix` keeps the two runs' data apart. */
async function teamsShowMembers(tab: ConsoleTab): Promise<void> {
  const { page } = tab;
  await page.goto(consoleUrl(t, '/teams'));
  const card = tid(page, 'team-card-east');
  await card.waitFor();
  await card.locator('[data-test="team-member"]', { hasText: '李四' }).waitFor();
  expect(await card.locator('[data-test="team-member"]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('张三'), expect.stringContaining('李四')]));
  expect(await card.locator('[data-test="team-manager"]').textContent()).toContain('周经理');
  expect(await card.locator('[data-test="team-alert"]').textContent()).toContain('企业微信群机器人');
  const before = t.fake.sent().filter((c) => c.query.key === ROBOT_KEY).length;
  await tid(page, 'team-test-east').click();
  await page.locator('.el-message--success').waitFor();
  await eventually(() => t.fake.sent().filter((c) => c.query.key === ROBOT_KEY).length === before + 1);
}

async function createStoreAndQr(tab: ConsoleTab, key: string, name: string): Promise<void> {
  const { page } = tab;
  await page.goto(consoleUrl(t, '/stores'));
  await tid(page, 'store-new').click();
  await input(page, 'store-key').fill(key);
  await input(page, 'store-name').fill(name);
  await pick(page, 'store-team', '华东一组');
  await input(page, 'store-city').fill('上海');
  await tid(page, 'store-save').click();
  await tid(page, `store-row-${key}`).waitFor();
  expect(await tid(page, `store-row-${key}`).textContent()).toContain(name);

  await tid(page, `store-qr-${key}`).click();
  await tid(page, 'qr-create').click();
  await tid(page, 'qr-image').waitFor();
  expect(await input(page, 'qr-url').inputValue()).toMatch(/\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  await page.locator('.el-dialog [data-test="qr-row"]').first().waitFor();
  const codes = await t.db.query<{ n: number }>('select count(*)::int as n from qr_codes where store_key = $1 and revoked_at is null', [key]);
  expect(codes[0]!.n).toBe(1);
  await page.keyboard.press('Escape');
}

async function approveFlaggedVisit(tab: ConsoleTab, visitId: string): Promise<void> {
  const { page } = tab;
  await page.goto(consoleUrl(t, '/stores'));
  await tid(page, 'tab-reviews').click();
  const card = tid(page, `review-card-${visitId}`);
  await card.waitFor();
  expect(await card.textContent()).toContain('过敏');
  await card.locator('[data-test="review-approve"]').click();
  await card.waitFor({ state: 'detached' });
  const rows = await t.db.query<{ review_status: string }>('select review_status from store_visits where id = $1', [visitId]);
  expect(rows[0]!.review_status).toBe('approved');
}

async function retryDeadLetter(tab: ConsoleTab, outboxId: string, text: string): Promise<void> {
  const { page } = tab;
  await page.goto(consoleUrl(t, '/delivery?tab=outbox'));
  const row = tid(page, `outbox-row-${outboxId}`);
  await row.waitFor();
  expect(await row.locator('[data-test="outbox-error"]').textContent()).toContain('40008');
  await row.locator(`[data-test="outbox-retry-${outboxId}"]`).click();
  await page.locator('.el-message--success', { hasText: '重新排队' }).waitFor();
  await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'rep-a' && (c.body.text as any)?.content === text));
  const rows = await t.db.query<{ status: string }>('select status from outbox where id = $1', [outboxId]);
  expect(rows[0]!.status).toBe('sent');
}

describe('desktop, admin', () => {
  let tab: ConsoleTab;
  beforeAll(async () => {
    tab = await openConsole(browser, t, null);
  });
  afterAll(async () => {
    await tab?.context.close();
  });

  it('the teams page shows members and sends a test message', async () => {
    await teamsShowMembers(tab);
  }, 60_000);

  it('creates a store and a QR code', async () => {
    await createStoreAndQr(tab, 'sh-jingan', '静安店');
  }, 60_000);

  it('approves a flagged visit', async () => {
    await approveFlaggedVisit(tab, await flaggedVisit('孩子对牛奶过敏能用吗'));
  }, 60_000);

  it('retries a dead letter', async () => {
    await retryDeadLetter(tab, await deadLetter('请今天回访恒信机械'), '请今天回访恒信机械');
  }, 60_000);

  it('shows the channel self-check, the rules and the audit log', async () => {
    const { page } = tab;
    await page.goto(consoleUrl(t, '/settings'));
    await tid(page, 'check-database').waitFor();
    expect(await tid(page, 'check-database').textContent()).toContain('正常');
    expect(await tid(page, 'check-wecom_token').textContent()).toContain('正常');
    await tid(page, 'tab-audit').click();
    await page.locator('.el-table__row', { hasText: '审核通过' }).first().waitFor();
    expect(await page.locator('.el-table__row', { hasText: '重试推送' }).count()).toBe(1);

    await page.goto(consoleUrl(t, '/delivery'));
    await tid(page, 'rule-no_report_today').waitFor();
    expect(await tid(page, 'quiet-hours').textContent()).toContain('21:00–08:00');
    expect(tab.errors).toEqual([]);
  }, 60_000);
});

describe('phone 390×844, manager', () => {
  let tab: ConsoleTab;
  beforeAll(async () => {
    tab = await openConsole(browser, t, 'boss-east', { viewport: 'phone' });
  });
  afterAll(async () => {
    await tab?.context.close();
  });

  it('the teams page shows members', async () => {
    await teamsShowMembers(tab);
    await noSidewaysScroll(tab.page);
  }, 60_000);

  it('creates a store and a QR code', async () => {
    await createStoreAndQr(tab, 'sh-minhang', '闵行店');
    await noSidewaysScroll(tab.page);
  }, 60_000);

  it('approves a flagged visit', async () => {
    await approveFlaggedVisit(tab, await flaggedVisit('宝宝湿疹过敏,这个能用吗'));
    await noSidewaysScroll(tab.page);
  }, 60_000);

  it('retries a dead letter', async () => {
    await retryDeadLetter(tab, await deadLetter('请明天回访华安医药'), '请明天回访华安医药');
    await noSidewaysScroll(tab.page);
    expect(tab.errors).toEqual([]);
  }, 60_000);
});
