// `npm run simulate -- --web`: the console's 试一试 page over a whole simulation (fake WeCom API, fake ASR,
// the real server on a fresh database), played in a real browser the way a prospective customer would:
// a rep's update and a stage tap, a voice report recorded with the microphone and one uploaded, the
// clock moved for a reminder, the manager's funnel, and the daily board in the team group; then the same
// at a phone viewport.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulation, type Simulation } from '../../scripts/simulator/session.js';
import { launchBrowser, newTab, noSideScroll } from '../support/browser.js';
import { startTestServer } from '../support/test-server.js';

let sim: Simulation;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [sim, browser] = await Promise.all([
    startSimulation({ channel: 'wecom', user: 'zhangsan', keep: false, fakePort: 0, botVoiceText: false, quietMs: 300, print: () => undefined, web: true }),
    launchBrowser({ fakeMicrophone: true }),
  ]);
  const tab = await newTab(browser, 'desktop');
  page = tab.page;
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(await sim.tryItLink!());
  await page.waitForURL(/\/console\/try/);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

const messages = (p: Page) => p.locator('[data-test="messages"]');
const chat = (p: Page, id: string) => p.locator(`[data-test="chat-${id}"]`);
async function say(p: Page, text: string) {
  await p.locator('[data-test="say-input"]').fill(text);
  await p.locator('[data-test="say-send"]').click();
}
const lastCard = (p: Page) => messages(p).locator('[data-test="card"]').last();

describe('试一试 (simulate --web)', () => {
  it('signs in from the printed link and shows the page in the menu', async () => {
    await expect.poll(() => page.locator('.el-menu-item', { hasText: '试一试' }).count()).toBeGreaterThan(0);
    await expect.poll(() => chat(page, 'zhangsan').textContent()).toContain('张三');
    await expect.poll(() => page.locator('[data-test="clock"]').textContent()).toMatch(/\d{1,2}:\d\d/);
  });

  it('turns a rep\'s update into a stage card, and a tap on it into a stage', async () => {
    await chat(page, 'zhangsan').click();
    await say(page, '刚去了恒信机械,客户问了价格,账期想要60天');
    await expect.poll(() => messages(page).textContent(), { timeout: 20_000 }).toContain('恒信机械');
    await lastCard(page).getByRole('button', { name: '方案演示' }).click();
    await expect.poll(() => lastCard(page).locator('[data-test="card-chosen"]').textContent(), { timeout: 20_000 }).toContain('方案演示');
  });

  it('records a voice note with the microphone and turns it into a battle report', async () => {
    await page.locator('[data-test="open-voice"]').click();
    await page.locator('[data-test="record"]').click();
    await page.waitForTimeout(1500);
    await page.locator('[data-test="stop"]').click();
    await page.locator('textarea[data-test="transcript"]').fill('今天去了嘉禾物流,见了采购经理,报价八十万,下周三前给他发合同');
    await page.locator('[data-test="send-voice"]').click();
    await expect.poll(() => messages(page).locator('[data-test="msg-voice"]').count()).toBe(1);
    await expect.poll(() => lastCard(page).textContent(), { timeout: 30_000 }).toContain('嘉禾物流');
    await lastCard(page).getByRole('button', { name: '确认' }).click();
    await expect.poll(() => messages(page).textContent(), { timeout: 20_000 }).toContain('战报已保存');
  });

  it('sends an uploaded AMR file through the same voice path', async () => {
    await page.locator('[data-test="open-voice"]').click();
    await page.locator('[data-test="voice-file"]').setInputFiles(join('scripts', 'simulator', 'samples', 'jiahe.amr'));
    await page.locator('textarea[data-test="transcript"]').fill('刚拜访了华东冷链,客户要试用两周,预算五十万');
    await page.locator('[data-test="send-voice"]').click();
    await expect.poll(() => lastCard(page).textContent(), { timeout: 30_000 }).toContain('华东冷链');
  });

  it('moves the clock and runs the reminder sweep: the overdue follow-up reaches the rep', async () => {
    const before = await page.locator('[data-test="clock"]').textContent();
    await page.locator('[data-test="clock-49h"]').click();
    await expect.poll(() => page.locator('[data-test="clock"]').textContent()).not.toBe(before);
    await page.locator('[data-test="job-reminders"]').click();
    await expect.poll(() => messages(page).textContent(), { timeout: 20_000 }).toContain('48小时没有跟进');
  });

  it('switches to the manager, who asks for the funnel, and shows the daily board in the team group', async () => {
    await chat(page, 'wangjingli').click();
    await say(page, '漏斗');
    await expect.poll(() => messages(page).textContent(), { timeout: 20_000 }).toContain('漏斗');
    await page.locator('[data-test="job-leaderboard-daily"]').click();
    await chat(page, 'group').click();
    await expect.poll(() => messages(page).textContent(), { timeout: 20_000 }).toContain('张三');
    expect(errors).toEqual([]);
  });

  it('refuses bad requests with a clear error and changes nothing', async () => {
    const api = `${sim.urls.server}/console/api`;
    const me = (await (await page.request.get(`${api}/me`)).json()) as { csrfToken: string };
    const post = async (path: string, data: unknown) => {
      const res = await page.request.post(`${api}${path}`, { data, headers: { 'x-csrf-token': me.csrfToken } });
      return { status: res.status(), code: ((await res.json()) as { code?: string }).code };
    };
    const before = ((await (await page.request.get(`${api}/try/state`)).json()) as { cursor: number }).cursor;
    expect(await post('/try/say', { text: '你好' })).toEqual({ status: 400, code: 'invalid_request' });
    expect(await post('/try/say', { userId: 'nobody', text: '你好' })).toEqual({ status: 404, code: 'unknown_person' });
    expect(await post('/try/tap', { userId: 'zhangsan', seq: 99_999, button: '确认' })).toEqual({ status: 400, code: 'unknown_button' });
    expect(await post('/try/clock', { hours: -1 })).toEqual({ status: 400, code: 'invalid_request' });
    expect(await post('/try/job', { name: 'directory-sync' })).toEqual({ status: 400, code: 'unknown_job' });
    expect(await post('/try/voice', { userId: 'zhangsan', audio: '', transcript: '你好' })).toEqual({ status: 400, code: 'invalid_request' });
    expect((await page.request.post(`${api}/try/say`, { data: { userId: 'zhangsan', text: '你好' } })).status()).toBe(403); // no CSRF token
    // Nothing was sent as anyone (the bot may still be answering earlier steps).
    const after = ((await (await page.request.get(`${api}/try/state?after=${before}`)).json()) as { messages: Array<{ from: string }> }).messages;
    expect(after.filter((m) => m.from === 'user')).toEqual([]);
  });

  it('fits a phone: the chat fills the screen without sideways scrolling', async () => {
    const tab = await newTab(browser, 'phone');
    try {
      await tab.page.goto(await sim.tryItLink!());
      await tab.page.waitForURL(/\/console\/try/);
      await expect.poll(() => messages(tab.page).textContent(), { timeout: 15_000 }).toContain('恒信机械');
      expect(await noSideScroll(tab.page)).toBe(true);
      expect(tab.errors).toEqual([]);
    } finally {
      await tab.context.close();
    }
  });
});

describe('试一试 on a real server', () => {
  it('does not exist: no routes, and /me says so', async () => {
    const t = await startTestServer({ workers: false });
    try {
      expect((await fetch(`${t.server.url}/console/api/try/state`)).status).toBe(404);
      const { openSession } = await import('../../src/app/console/sessions.js');
      const s = await openSession(t.db, { tenantId: t.config.defaultTenantId, userId: null, via: 'admin_token', now: new Date(), adminToken: t.config.adminToken });
      const headers = { cookie: `zb_console=${s.token}` };
      expect((await fetch(`${t.server.url}/console/api/try/state`, { headers })).status).toBe(404);
      expect(((await (await fetch(`${t.server.url}/console/api/me`, { headers })).json()) as { tryIt: boolean }).tryIt).toBe(false);
    } finally {
      await t.stop();
    }
  });
});
