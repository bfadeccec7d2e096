// 导出 in a real browser: the manager downloads the customers workbook from the 客户 page (desktop and
// phone) and it reads back with exceljs — their team's customers with Chinese headers, nobody else's.
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchBrowser, openConsole } from '../support/browser.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';

let w: SalesWorld;
let browser: Browser;
beforeAll(async () => {
  [w, browser] = await Promise.all([startSalesWorld(), launchBrowser()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await w?.t.stop();
});

async function readWorkbook(path: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe.each(['desktop', 'phone'] as const)('export on %s', (viewport) => {
  it('downloads the customers workbook of the manager’s team and it reads back', async () => {
    const { page, context, errors } = await openConsole(browser, w.t, PEOPLE.eBoss.id, { viewport });
    await page.goto(consoleUrl(w.t, '/customers?teamKey=east'));
    await page.locator('[data-test="export"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-customers-xlsx"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^客户_east_.*\.xlsx$/);
    const rows = await readWorkbook(await download.path());
    expect(rows[0]!.slice(0, 3)).toEqual(['客户', '阶段', '负责人']);
    const names = rows.slice(1).map((r) => r[0]).sort();
    expect(names).toEqual(['宏达建材', '恒信机械', '永安纸业', '金鼎五金'].sort());
    expect(names).not.toContain('瑞丰化工'); // the other team's customer
    expect(rows.find((r) => r[0] === '恒信机械')!.slice(1, 3)).toEqual(['商务谈判', '王伟']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
