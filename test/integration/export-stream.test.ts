// The export loop on a real database: keyset pages that neither skip nor repeat rows sharing a millisecond,
// reading that waits for a slow download (CSV and XLSX), a download that goes away stops before its next
// query, and a failing query cuts the download short with one log line and nothing unhandled.
import { Writable, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../src/app/export/export-kinds.js';
import { openExport } from '../../src/app/export/open-export.js';
import { loadStages } from '../../src/config/load-stages.js';
import { fixedClock } from '../../src/shared/clock.js';
import type { Queryable } from '../../src/store/database.js';
import { createTestDb, type TestDb } from '../support/test-db.js';

const CUSTOMERS = 5000;
let testDb: TestDb;
const stages = loadStages();

beforeAll(async () => {
  testDb = await createTestDb();
  // Seven customers to each microsecond, so pages end inside runs of equal times.
  await testDb.db.exec(`
    insert into tenants (id, name) values ('exp', 'exp');
    insert into users (tenant_id, id, name) values ('exp', 'rep1', '张伟');
    insert into customers (tenant_id, name, name_key, owner_user_id, created_at, updated_at)
      select 'exp', '客户' || g, 'k' || g, 'rep1', timestamptz '2026-11-20 10:00:00.000001+08' + (g / 7) * interval '1 microsecond', now()
      from generate_series(1, ${CUSTOMERS}) g;
  `);
});
afterAll(async () => {
  await testDb?.cleanup();
});

function logSink() {
  const lines: { msg: string; rows?: number }[] = [];
  const out = new Writable({ write: (chunk, _e, cb) => (lines.push(JSON.parse(String(chunk))), cb()) });
  return { log: pino({ level: 'info' }, out), lines };
}

/** A Queryable that counts export page queries and can fail the nth. */
function counting(failAt?: number) {
  const c = { pages: 0, db: null as unknown as Queryable };
  c.db = {
    ...testDb.db,
    query: async (text: string, params?: readonly unknown[]) => {
      if (text.includes('from customers c')) {
        c.pages++;
        if (c.pages === failAt) throw new Error('connection lost');
      }
      return testDb.db.query(text, params);
    },
  } as Queryable;
  return c;
}

async function open(format: ExportFormat, db: Queryable, log = logSink().log, pageRows = 50) {
  return openExport({ db, stages, clock: fixedClock('2026-12-06T02:00:00Z'), log }, {
    tenantId: 'exp', kind: 'customers', format, filter: { fromDay: null, toDay: null, teamKey: null }, scope: { owners: 'all', storeTeams: [] },
  }, { pageRows });
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Page queries to read every row: the last page is the first one not full (possibly empty). */
const pagesOf = (pageRows: number) => Math.floor(CUSTOMERS / pageRows) + 1;
const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
/** The page count once reading has stopped moving (a loaded machine may take a few moments to get there). */
async function whenStill(c: { pages: number }): Promise<number> {
  let last = -1;
  for (let i = 0; i < 20 && c.pages !== last; i++) {
    last = c.pages;
    await settle();
  }
  return c.pages;
}

describe('export pages', () => {
  it('reads every row once, in order, across pages that split equal times (CSV)', async () => {
    const c = counting();
    const text = (await readAll((await open('csv', c.db, undefined, 100)).body)).toString('utf8');
    const ids = text.trim().split('\r\n').slice(1).map((line) => line.split(',').at(-1)!);
    expect(ids).toHaveLength(CUSTOMERS);
    expect(new Set(ids).size).toBe(CUSTOMERS);
    const expected = await testDb.db.query<{ id: string }>(`select id from customers where tenant_id = 'exp' order by created_at, id`);
    expect(ids).toEqual(expected.map((r) => r.id));
    expect(c.pages).toBe(pagesOf(100));
  });

  it('writes an XLSX of every row that exceljs reads back', async () => {
    const bytes = await readAll((await open('xlsx', testDb.db)).body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(CUSTOMERS + 1);
    const [first] = await testDb.db.query<{ name: string }>(`select name from customers where tenant_id = 'exp' order by created_at, id limit 1`);
    expect(ws.getRow(2).getCell(1).value).toBe(first!.name);
    expect(ws.getRow(2).getCell(10).value).toBe('2026-11-20 10:00');
  });
});

describe.each(['csv', 'xlsx'] as const)('a slow or vanished %s download', (format) => {
  it('waits for the reader instead of reading ahead, then finishes', async () => {
    const c = counting();
    const { body } = await open(format, c.db);
    const stalled = await whenStill(c);
    expect(stalled).toBeLessThan(pagesOf(50) / 3);
    await settle();
    expect(c.pages).toBe(stalled);
    const bytes = await readAll(body);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(c.pages).toBe(pagesOf(50));
  });

  it('stops before the next query when the download goes away', async () => {
    const c = counting();
    const { log, lines } = logSink();
    const { body } = await open(format, c.db, log);
    await new Promise((resolve) => body.once('data', resolve));
    body.destroy();
    const atClose = await whenStill(c);
    await settle();
    expect(c.pages).toBe(atClose);
    expect(atClose).toBeLessThan(pagesOf(50) / 3);
    expect(lines.map((l) => l.msg)).toContain('export stopped: the download went away');
  });

  it('cuts the download short when a later page fails, and says so once', async () => {
    const c = counting(3);
    const { log, lines } = logSink();
    const { body } = await open(format, c.db, log);
    await expect(readAll(body)).rejects.toThrow('connection lost');
    await settle(50);
    expect(lines.filter((l) => l.msg === 'export failed mid-download')).toHaveLength(1);
  });
});

describe('a failure before the first byte', () => {
  it('is thrown to the caller (a JSON error), with no stream opened', async () => {
    await expect(open('csv', counting(1).db)).rejects.toThrow('connection lost');
  });
});
