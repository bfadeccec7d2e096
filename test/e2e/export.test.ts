// Exports end to end (issue 13 item 5): data made through chat, the admin API and the mini-program, then
// downloaded as CSV (BOM, CRLF, RFC 4180 quoting, formula guard) and XLSX (read back with exceljs), through
// the bearer API (the whole tenant) and the console (a rep's own rows, a manager's teams, audited).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileNameFrom } from '../../src/channels/file-name.js';
import { fixedClock } from '../../src/shared/clock.js';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { ADMIN_TOKEN, cardClickXml, eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';
import { sentTo } from '../support/wecom-chat.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const clock = fixedClock(sh('2026-11-18T09:00:00'));
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ clock });
  for (const [id, name] of [['ex-zhang', '张伟'], ['ex-li', '李娜'], ['ex-boss', '王经理'], ['ex-staff', '赵敏']]) t.fake.users.set(id!, name!);
  await makeData();
});
afterAll(async () => {
  await t?.stop();
});

const cardsTo = (user: string) => sentTo(t, user).map((c) => c.body?.template_card as any).filter(Boolean);
const button = (card: any, text: string) => card.button_list.find((b: any) => b.text === text).key as string;

/** Sends a text as of `at` (Asia/Shanghai) and waits for the bot's first answer. */
async function say(user: string, text: string, at: string): Promise<void> {
  clock.set(sh(at));
  const before = sentTo(t, user).length;
  expect((await t.postCallback(textXml(user, text, Math.floor(clock.now().getTime() / 1000)))).status).toBe(200);
  await eventually(() => sentTo(t, user).length > before);
}

async function tap(user: string, card: any, label: string, at: string): Promise<void> {
  clock.set(sh(at));
  expect((await t.postCallback(cardClickXml(user, card.task_id, button(card, label), Math.floor(clock.now().getTime() / 1000)))).status).toBe(200);
}

const touchesOf = async (user: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from touches where user_id = $1 and kind <> 'stage_change'`, [user]))[0]!.n;

async function makeData(): Promise<void> {
  await say('ex-boss', '你好', '2026-11-18T09:00:00');
  await say('ex-zhang', '刚去了恒信机械,客户问了价格,账期想要60天', '2026-11-18T09:10:00');
  const stageCard = await eventually(() => cardsTo('ex-zhang').find((c) => c.main_title?.title?.startsWith('恒信机械')));
  await tap('ex-zhang', stageCard, '商务谈判', '2026-11-18T09:11:00');
  await eventually(() => t.db.query(`select 1 from customers where name = '恒信机械' and stage = 'negotiation'`).then((r) => r.length > 0));
  expect((await t.send('PUT', '/api/teams/north', { name: '华北一组', memberUserIds: ['ex-zhang'], managerUserIds: ['ex-boss'] })).status).toBe(200);

  // What a spreadsheet must not run or split: a leading =, quotes, a comma and a line break.
  await say('ex-zhang', '=1+1 恒信机械又打了电话,说"价格太贵",\n下周再谈', '2026-11-20T10:00:00');
  await eventually(async () => (await touchesOf('ex-zhang')) === 2);
  await say('ex-zhang', '战报 恒信机械报价五十万,下周三去签合同', '2026-11-20T11:00:00');
  const report = await eventually(() => cardsTo('ex-zhang').find((c) => c.task_id?.startsWith('rpt-')));
  await tap('ex-zhang', report, '确认', '2026-11-20T11:01:00');
  const rating = await eventually(() => cardsTo('ex-boss').find((c) => c.task_id?.startsWith('rate-')));
  await tap('ex-boss', rating, '★★★', '2026-11-20T11:05:00');
  await eventually(() => t.db.query('select 1 from battle_reports where rating = 3').then((r) => r.length > 0));

  // The last seconds of 20 November and the first of the 21st: the edges of an inclusive day filter.
  await say('ex-li', '拜访了嘉禾物流,聊了交期', '2026-11-20T23:59:30');
  await eventually(async () => (await touchesOf('ex-li')) === 1);
  await say('ex-li', '给嘉禾物流打了电话,聊了价格', '2026-11-21T00:00:30');
  await eventually(async () => (await touchesOf('ex-li')) === 2);
  expect((await t.send('PUT', '/api/teams/south', { name: '华南二组', memberUserIds: ['ex-li'], managerUserIds: [] })).status).toBe(200);

  // A flagged store visit at a store of the north team, recorded by staff outside every team.
  clock.set(sh('2026-11-21T10:00:00'));
  expect((await t.send('PUT', '/api/stores/ex-xuhui', { name: '徐汇店', teamKey: 'north', city: '上海' })).status).toBe(200);
  const qr = (await t.send('POST', '/api/stores/ex-xuhui/qrcodes', { purpose: 'visit' })).json.url as string;
  t.fake.miniCodes.set('ex-code', { userid: 'ex-staff' });
  const login = await mp('POST', '/mp/login', { code: 'ex-code' }, null);
  expect(login.status).toBe(200);
  const visit = await mp('POST', '/mp/visits', {
    qr, question: '孩子对牛奶过敏,医院诊断是湿疹,能用这个吗', customerName: '王女士', customerPhone: '13800135678',
    complianceNote: '已提醒顾客遵医嘱,未推荐药品',
  }, login.json.session);
  expect(visit.status).toBe(200);
  clock.set(sh('2026-11-21T10:30:00'));
}

async function mp(method: string, path: string, body: unknown, token: string | null) {
  const res = await fetch(`${t.server.url}${path}`, {
    method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json: any;
}

async function download(path: string, auth: { token?: string; console?: ConsoleClient } = { token: ADMIN_TOKEN }): Promise<Download> {
  const headers: Record<string, string> = auth.console ? { cookie: auth.console.cookie } : auth.token ? { authorization: `Bearer ${auth.token}` } : {};
  const res = await fetch(`${t.server.url}${path}`, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: any = null;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, bytes, json };
}

/** RFC 4180 as Excel reads it: quoted fields may hold commas, "" and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') record.push(field), records.push(record), (field = ''), (record = []), i++;
    else field += ch;
  }
  if (field || record.length) throw new Error('CSV does not end with CRLF');
  return records;
}

function csvOf(d: Download): { header: string[]; rows: Record<string, string>[] } {
  expect(d.status).toBe(200);
  expect(d.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect([...d.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rest] = parseCsv(d.bytes.toString('utf8').slice(1));
  for (const r of rest) expect(r).toHaveLength(header!.length);
  return { header: header!, rows: rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

async function xlsxOf(d: Download): Promise<ExcelJS.Worksheet> {
  expect(d.status).toBe(200);
  expect(d.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(d.bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? null])));
  });
  return { header, rows };
};

describe('the bearer export API', () => {
  it('sends customers as a CSV Excel opens: BOM, CRLF, Chinese headers, labels and names', async () => {
    const d = await download('/api/export/customers.csv');
    expect(d.headers.get('content-disposition')).toBe(
      `attachment; filename="customers_2026-11-21.csv"; filename*=UTF-8''${encodeURIComponent('客户_2026-11-21.csv')}`);
    expect(fileNameFrom(d.headers.get('content-disposition'))).toBe('客户_2026-11-21.csv');
    expect(d.headers.get('cache-control')).toBe('no-store');
    const text = d.bytes.toString('utf8');
    expect(text.split('\r\n').at(-1)).toBe('');
    const { header, rows } = csvOf(d);
    expect(header).toEqual(['客户', '阶段', '负责人', '团队', '行业', '来源', '金额(元)', '最近跟进', '首次接触', '创建时间', '别名', '客户ID']);
    expect(rows.map((r) => r['客户'])).toEqual(['恒信机械', '嘉禾物流']);
    expect(rows[0]).toMatchObject({ 阶段: '商务谈判', 负责人: '张伟', 团队: '华北一组', 创建时间: '2026-11-18 09:10', 首次接触: '2026-11-18 09:10' });
    expect(rows[1]).toMatchObject({ 负责人: '李娜', 团队: '华南二组', 创建时间: '2026-11-20 23:59', 最近跟进: '2026-11-21 00:00' });
  });

  it('quotes commas, quotes and line breaks, and guards a leading = against formulas', async () => {
    const d = await download('/api/export/touches.csv');
    const text = d.bytes.toString('utf8');
    expect(text).toContain(`"'=1+1 恒信机械又打了电话,说""价格太贵"",\n下周再谈"`);
    const { header, rows } = csvOf(d);
    expect(header).toEqual(['时间', '销售', '团队', '客户', '方式', '内容', '话题']);
    const guarded = rows.find((r) => r['内容']!.includes('价格太贵'))!;
    expect(guarded).toMatchObject({ 时间: '2026-11-20 10:00', 销售: '张伟', 客户: '恒信机械', 方式: '电话', 内容: `'=1+1 恒信机械又打了电话,说"价格太贵",\n下周再谈` });
    expect(guarded['话题']).toContain('价格');
    expect(rows.find((r) => r['时间'] === '2026-11-18 09:10')).toMatchObject({ 方式: '拜访', 话题: expect.stringContaining('账期') });
  });

  it('sends reports as an XLSX exceljs reads back: bold frozen header, widths, Chinese text, numbers', async () => {
    const d = await download('/api/export/reports.xlsx');
    expect(fileNameFrom(d.headers.get('content-disposition'))).toBe('战报_2026-11-21.xlsx');
    const ws = await xlsxOf(d);
    expect(ws.name).toBe('战报');
    const { header, rows } = rowsOf(ws);
    expect(header).toEqual(['日期', '销售', '团队', '客户', '联系人', '阶段', '进展', '金额(元)', '账期(天)', '下一步', '截止日期', '异议', '竞品', '评分', '原文', '战报ID']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(7).width).toBe(40);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ 日期: '2026-11-20 11:00', 销售: '张伟', 团队: '华北一组', 客户: '恒信机械', 评分: '★★★' });
    expect(rows[0]!['金额(元)']).toBe(500000);
    expect(rows[0]!['截止日期']).toBe('2026-11-25');
    expect(String(rows[0]!['原文'])).toContain('恒信机械报价五十万');
  });

  it('sends store visits with the store, masked phone, sensitive words and the review state', async () => {
    const ws = await xlsxOf(await download('/api/export/visits.xlsx'));
    expect(ws.name).toBe('门店拜访');
    const { header, rows } = rowsOf(ws);
    expect(header).toEqual(['时间', '门店', '团队', '店员', '问题', '话题', '顾客', '顾客电话', '敏感词', '合规说明', '审核', '审核意见']);
    expect(rows).toEqual([expect.objectContaining({
      时间: '2026-11-21 10:00', 门店: '徐汇店', 团队: '华北一组', 店员: '赵敏', 顾客: '王女士', 顾客电话: '138****5678',
      敏感词: expect.stringContaining('过敏'), 合规说明: '已提醒顾客遵医嘱,未推荐药品', 审核: '待审核',
    })]);
  });

  it('filters by Asia/Shanghai days, both ends inclusive, and by team', async () => {
    const day = csvOf(await download('/api/export/touches.csv?from=2026-11-20&to=2026-11-20')).rows;
    expect(day.length).toBeGreaterThanOrEqual(2);
    expect(day.every((r) => r['时间']!.startsWith('2026-11-20'))).toBe(true);
    expect(day.map((r) => r['时间'])).toContain('2026-11-20 23:59');
    expect(csvOf(await download('/api/export/customers.csv?from=2026-11-19')).rows.map((r) => r['客户'])).toEqual(['嘉禾物流']);
    expect(csvOf(await download('/api/export/customers.csv?to=2026-11-18')).rows.map((r) => r['客户'])).toEqual(['恒信机械']);
    const south = await download('/api/export/touches.csv?teamKey=south&from=2026-11-20');
    expect(fileNameFrom(south.headers.get('content-disposition'))).toBe('跟进记录_south_2026-11-20起.csv');
    expect(new Set(csvOf(south).rows.map((r) => r['销售']))).toEqual(new Set(['李娜']));
    expect(csvOf(await download('/api/export/visits.csv?teamKey=south')).rows).toEqual([]);
    expect(csvOf(await download('/api/export/visits.csv?teamKey=north')).rows).toHaveLength(1);
  });

  it('answers a wrong kind with 404, wrong dates with a Chinese 400, an unknown team with 404, no token with 401', async () => {
    for (const path of ['/api/export/orders.csv', '/api/export/customers.pdf', '/api/export/customers']) {
      const d = await download(path);
      expect(d.status).toBe(404);
      expect(d.json).toMatchObject({ code: 'export_not_found', message: expect.stringContaining('客户') });
    }
    const bad = await download('/api/export/reports.csv?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'invalid_date', message: '开始日期格式不对,请用 YYYY-MM-DD,例如 2026-12-06' });
    expect((await download('/api/export/reports.csv?to=20261201')).json.code).toBe('invalid_date');
    const range = await download('/api/export/reports.xlsx?from=2026-12-02&to=2026-12-01');
    expect(range.status).toBe(400);
    expect(range.json.message).toBe('开始日期不能晚于结束日期');
    expect((await download('/api/export/reports.csv?teamKey=nope')).status).toBe(404);
    expect((await download('/api/export/reports.csv?teamKey=a%20b')).status).toBe(400);
    expect((await download('/api/export/reports.csv', { token: 'wrong' })).status).toBe(401);
  });
});

describe('exports in the console', () => {
  const auditOf = async (actor: string) =>
    t.db.query<{ action: string; details: Record<string, unknown> }>('select action, details from audit_log where actor = $1 order by id', [actor]);

  it('gives a rep only their own rows, and refuses another team', async () => {
    const rep = await consoleClient(t, 'ex-li');
    const customers = csvOf(await download('/console/api/export/customers.csv', { console: rep })).rows;
    expect(customers.map((r) => r['客户'])).toEqual(['嘉禾物流']);
    const touches = await xlsxOf(await download('/console/api/export/touches.xlsx', { console: rep }));
    expect(new Set(rowsOf(touches).rows.map((r) => r['销售']))).toEqual(new Set(['李娜']));
    expect(csvOf(await download('/console/api/export/reports.csv', { console: rep })).rows).toEqual([]);
    expect(csvOf(await download('/console/api/export/visits.csv', { console: rep })).rows).toEqual([]);
    expect(csvOf(await download('/console/api/export/customers.csv?teamKey=south', { console: rep })).rows).toHaveLength(1);
    const other = await download('/console/api/export/customers.csv?teamKey=north', { console: rep });
    expect(other.status).toBe(403);
    expect(other.json.code).toBe('team_out_of_scope');
    expect(await auditOf('ex-li')).toEqual(expect.arrayContaining([
      { action: 'export.customers', details: { format: 'csv', from: null, to: null, teamKey: null } },
      { action: 'export.touches', details: { format: 'xlsx', from: null, to: null, teamKey: null } },
    ]));
  });

  it('gives a manager their team’s rows and the visits at their team’s stores', async () => {
    const boss = await consoleClient(t, 'ex-boss');
    expect(csvOf(await download('/console/api/export/customers.csv', { console: boss })).rows.map((r) => r['客户'])).toEqual(['恒信机械']);
    const reports = rowsOf(await xlsxOf(await download('/console/api/export/reports.xlsx?teamKey=north&from=2026-11-01&to=2026-11-30', { console: boss })));
    expect(reports.rows.map((r) => r['客户'])).toEqual(['恒信机械']);
    expect(csvOf(await download('/console/api/export/visits.csv', { console: boss })).rows.map((r) => r['店员'])).toEqual(['赵敏']);
    expect(new Set(csvOf(await download('/console/api/export/touches.csv', { console: boss })).rows.map((r) => r['销售']))).toEqual(new Set(['张伟']));
    expect((await download('/console/api/export/touches.csv?teamKey=south', { console: boss })).status).toBe(403);
    expect(await auditOf('ex-boss')).toContainEqual({ action: 'export.reports', details: { format: 'xlsx', from: '2026-11-01', to: '2026-11-30', teamKey: 'north' } });
  });

  it('gives the admin everything; wrong kinds and dates are JSON errors; no session is 401', async () => {
    const admin = await consoleClient(t, null);
    expect(csvOf(await download('/console/api/export/customers.csv', { console: admin })).rows).toHaveLength(2);
    expect((await download('/console/api/export/visits.xlsx?teamKey=nope', { console: admin })).status).toBe(404);
    const wrong = await download('/console/api/export/deals.xlsx', { console: admin });
    expect(wrong.status).toBe(404);
    expect(wrong.json.code).toBe('export_not_found');
    const bad = await download('/console/api/export/touches.csv?to=2026-1-5', { console: admin });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('结束日期');
    expect((await download('/console/api/export/touches.csv', {})).status).toBe(401);
    expect(await auditOf('admin-token')).toContainEqual({ action: 'export.customers', details: { format: 'csv', from: null, to: null, teamKey: null } });
  });
});

describe('a download that goes away', () => {
  it('leaves no query running and the server serving', async () => {
    await t.db.exec(`insert into customers (tenant_id, name, name_key, owner_user_id, created_at, updated_at)
      select 'default', '批量客户' || g, 'bulk' || g, 'ex-zhang', timestamptz '2026-11-19 12:00:00+08' + g * interval '1 second', now()
      from generate_series(1, 20000) g`);
    const aborter = new AbortController();
    const res = await fetch(`${t.server.url}/api/export/customers.xlsx`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: aborter.signal });
    expect(res.status).toBe(200);
    await res.body!.getReader().read();
    aborter.abort();
    await new Promise((r) => setTimeout(r, 500));
    if (t.db.kind === 'postgres') {
      const running = await t.db.query(`select 1 from pg_stat_activity where state = 'active' and pid <> pg_backend_pid() and query like '%from customers c%'`);
      expect(running).toEqual([]);
    }
    expect(csvOf(await download('/api/export/customers.csv?to=2026-11-18')).rows.map((r) => r['客户'])).toEqual(['恒信机械']);
    expect(csvOf(await download('/api/export/customers.csv?from=2026-11-19')).rows).toHaveLength(20_001);
  });
});
