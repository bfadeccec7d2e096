// Leads end to end on a fake clock (issue 15): a lead posted through the API alerts its owner and, left
// untouched, breaches the 2 h first-contact rule; round robin stays fair across calls, concurrent posts and
// a restart; a lead for a known customer creates nothing new; signed web forms (good, bad, replayed,
// stale); CSV and XLSX imports, all or nothing; 我的线索 on both channels.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { leadHookSignature } from '../../src/domain/leads/webhook-signature.js';
import { fixedClock } from '../../src/shared/clock.js';
import { ADMIN_TOKEN, eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

const T0 = Date.parse('2026-11-30T10:00:00+08:00'); // a Monday morning
const clock = fixedClock(new Date(T0 - 3_600_000));
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
let t: TestServer;
let drivers: TwoChannelDrivers;

const REPS = ['ld-a', 'ld-b', 'ld-c'];
const sent = (user: string) => drivers.wecom!.outgoing(user).map((m) => m.text);
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(`select count(*) as n from (${sql}) x`, params))[0]!.n);
const json = async (r: Response): Promise<any> => r.json();
const ownersOf = async (names: string[]) =>
  (await t.db.query<{ name: string; owner_user_id: string }>(`select name, owner_user_id from customers where name = any($1)`, [names]))
    .reduce<Record<string, string>>((m, r) => ({ ...m, [r.name]: r.owner_user_id }), {});

useTwoChannelTeam({ clock }, (team) => ({ t, drivers } = team));
beforeAll(async () => {
  for (const u of [...REPS, 'ld-boss', 'ml-wecom', 'sc-wecom']) {
    t.fake.users.set(u, `员工${u}`);
    await drivers.wecom.sendText(u, '你好', { at: clock.now() });
    await eventually(() => drivers.wecom!.outgoing(u).length > 0);
  }
  for (const u of ['ml-dingtalk', 'sc-dingtalk']) {
    clock.advance(60_000); // DingTalk signs only the timestamp: one message per signed instant
    await drivers.dingtalk.sendText(u, '你好', { at: clock.now() });
    await eventually(() => drivers.dingtalk!.outgoing(u).length > 0);
  }
  const team = await t.send('PUT', '/api/teams/leads', {
    name: '电销组', memberUserIds: REPS, managerUserIds: ['ld-boss'], alert: { kind: 'wecom_webhook', key: 'lead-robot-0001' },
  });
  expect(team.status).toBe(200);
  clock.set(new Date(T0));
});

describe('a lead posted through the API', () => {
  it('is a customer in the lead stage, alerts its owner at once and, untouched, breaches the 2 h rule', async () => {
    const res = await t.send('POST', '/api/leads', [
      { name: '恒信机械', contact: '王经理', phone: '13800138000', source: '官网', note: '想要报价', ownerUserId: 'ld-a' },
      { name: '嘉禾物流', contact: '赵工', phone: '13900139000', source: '展会', ownerUserId: 'ld-a' },
    ]);
    expect(res.status).toBe(201);
    expect(res.json.items.map((i: any) => [i.name, i.ownerUserId, i.status, i.assignedBy])).toEqual([
      ['恒信机械', 'ld-a', 'created', 'given'], ['嘉禾物流', 'ld-a', 'created', 'given'],
    ]);
    const [row] = await t.db.query<any>(`select stage, source, lead_via, first_inquiry_at, score from customers where name = '恒信机械'`);
    expect(row).toMatchObject({ stage: 'lead', source: '官网', lead_via: 'api' });
    expect(new Date(row.first_inquiry_at).getTime()).toBe(T0);
    expect(row.score).not.toBeNull();
    const alert = await eventually(() => sent('ld-a').find((m) => m.includes('新线索:恒信机械')));
    expect(alert).toBe('新线索:恒信机械(官网)\n联系人:王经理 13800138000\n备注:想要报价\n请在2小时内联系。');

    // The rep calls 嘉禾物流 after half an hour; 恒信机械 is left alone.
    clock.set(at(30));
    expect(await drivers.wecom!.sendText('ld-a', '给嘉禾物流打了电话,约了周三上门', { at: at(30) })).toBe(200);
    await eventually(async () => (await t.db.query(`select 1 from customers where name = '嘉禾物流' and first_contact_at is not null`)).length === 1);

    const run = (m: number) => t.send('POST', '/api/jobs/reminders/run', { at: at(m).toISOString() });
    expect((await run(119)).json.messages.filter((m: any) => m.to === 'ld-a')).toEqual([]);
    clock.set(at(120));
    const due = await run(120);
    const list = due.json.messages.find((m: any) => m.to === 'ld-a');
    expect(list.text).toContain('新线索「恒信机械」还没联系,2小时内要首次联系');
    expect(list.text).not.toContain('嘉禾物流');
    await eventually(() => sent('ld-a').some((m) => m.includes('新线索「恒信机械」还没联系')));
    expect((await run(130)).json.messages.filter((m: any) => m.to === 'ld-a')).toEqual([]); // once per day
  });

  it('shows in the manager’s 漏斗 as leads to follow up, not as a step of the funnel', async () => {
    const before = drivers.wecom!.outgoing('ld-boss').length;
    expect(await drivers.wecom!.sendText('ld-boss', '漏斗', { at: clock.now() })).toBe(200);
    const funnel = await eventually(() => drivers.wecom!.outgoing('ld-boss').slice(before).find((m) => m.text.includes('**漏斗**')));
    expect(funnel.text.split('\n')[1]).toBe('线索:2 个待跟进(不计入转化)');
  });

  it('for a customer we already have creates nothing new and tells that customer’s owner', async () => {
    const res = await t.send('POST', '/api/leads', { name: '恒信机械', contact: '钱总', phone: '13700137000', source: '400电话', teamKey: 'leads' });
    expect(res.status).toBe(200);
    expect(res.json.items[0]).toMatchObject({ name: '恒信机械', ownerUserId: 'ld-a', status: 'existing', assignedBy: 'existing' });
    expect(await count(`select 1 from customers where name = '恒信机械'`)).toBe(1);
    expect(await count(`select 1 from leads l join customers c on c.id = l.customer_id where c.name = '恒信机械' and l.duplicate`)).toBe(1);
    expect(await eventually(() => sent('ld-a').find((m) => m.startsWith('老客户又来咨询')))).toBe('老客户又来咨询:恒信机械(400电话)\n联系人:钱总 13700137000');
  });

  it('refuses bad leads naming each, and stores nothing', async () => {
    const before = await count('select 1 from customers');
    const bad = await t.send('POST', '/api/leads', [{ name: '甲乙化工', teamKey: 'leads' }, { name: '', phone: 'abc', teamKey: 'leads' }, { name: '丙丁材料' }]);
    expect(bad.status).toBe(400);
    expect(bad.json.problems).toEqual([
      { index: 1, field: 'name', problem: 'missing' }, { index: 1, field: 'phone', problem: 'invalid' }, { index: 2, field: 'ownerUserId', problem: 'missing' },
    ]);
    const rejected = await t.send('POST', '/api/leads', [{ name: '甲乙化工', teamKey: 'leads' }, { name: '丙丁材料', ownerUserId: 'nobody' }, { name: '戊己纺织', teamKey: 'nope' }]);
    expect(rejected.status).toBe(422);
    expect(rejected.json.problems).toEqual([{ index: 1, field: 'ownerUserId', problem: 'unknown' }, { index: 2, field: 'teamKey', problem: 'unknown_team' }]);
    expect(await count('select 1 from customers')).toBe(before);
    expect((await fetch(`${t.server.url}/api/leads`, { method: 'POST', body: '{}' })).status).toBe(401);
  });
});

describe('round robin', () => {
  const rrCounts = async () => {
    const rows = await t.db.query<{ owner_user_id: string; n: string }>(
      `select owner_user_id, count(*) as n from leads where assigned_by = 'round_robin' group by owner_user_id`);
    return Object.fromEntries(rows.map((r) => [r.owner_user_id, Number(r.n)]));
  };

  it('takes turns in the team across calls, concurrent posts and a restart', async () => {
    const one = await t.send('POST', '/api/leads?teamKey=leads', [1, 2, 3, 4, 5, 6].map((i) => ({ name: `轮询客户${i}号公司`, source: '官网' })));
    expect(one.json.items.map((i: any) => i.ownerUserId)).toEqual(['ld-a', 'ld-b', 'ld-c', 'ld-a', 'ld-b', 'ld-c']);
    // Nine posts at once: each still sees the turn the others took.
    const all = await Promise.all([...Array(9).keys()].map((i) => t.send('POST', '/api/leads', { name: `并发客户${i}号公司`, teamKey: 'leads' })));
    expect(all.map((r) => r.status)).toEqual(Array(9).fill(201));
    expect(await rrCounts()).toEqual({ 'ld-a': 5, 'ld-b': 5, 'ld-c': 5 });
    const last = (await t.db.query<{ last_user_id: string }>(`select last_user_id from lead_cursors where team_key = 'leads'`))[0]!.last_user_id;
    await t.restart();
    const after = await t.send('POST', '/api/leads', { name: '重启后客户公司', teamKey: 'leads' });
    expect(after.json.items[0].ownerUserId).toBe({ 'ld-a': 'ld-b', 'ld-b': 'ld-c', 'ld-c': 'ld-a' }[last]);
  });
});

describe('web-form webhook', () => {
  let source: { token: string; secret: string; url: string };
  const post = (body: string, o: { ts?: number; sig?: string; token?: string } = {}) => {
    const ts = String(o.ts ?? Math.floor(clock.now().getTime() / 1000));
    return fetch(`${t.server.url}/hooks/leads/${o.token ?? source.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zhanbao-timestamp': ts, 'x-zhanbao-signature': o.sig ?? `sha256=${leadHookSignature(source.secret, ts, body)}` },
      body,
    });
  };

  beforeAll(async () => {
    const res = await t.send('POST', '/api/lead-sources', { name: '官网表单', teamKey: 'leads' });
    expect(res.status).toBe(201);
    source = res.json;
    expect(source.url).toBe(`${t.config.publicBaseUrl}/hooks/leads/${source.token}`);
    const listed = await t.api('/api/lead-sources');
    expect(listed.json.items[0].secret).not.toBe(source.secret);
  });

  it('stores a correctly signed lead without any bearer token', async () => {
    const body = JSON.stringify({ name: '云帆科技', contact: '孙女士', phone: '13600136000', note: '官网留言:想试用' });
    const res = await post(body);
    expect(res.status).toBe(201);
    const [row] = await t.db.query<any>(`select stage, source, lead_via, owner_user_id from customers where name = '云帆科技'`);
    expect(row).toMatchObject({ stage: 'lead', source: '官网表单', lead_via: 'webhook' });
    expect(await eventually(() => sent(row.owner_user_id).find((m) => m.includes('云帆科技')))).toContain('联系人:孙女士 13600136000');
    // The same request again (a replay): refused, nothing new.
    const replay = await post(body); // same timestamp, same signature
    expect(replay.status).toBe(409);
    expect(await count(`select 1 from leads l join customers c on c.id = l.customer_id where c.name = '云帆科技'`)).toBe(1);
  });

  it('refuses a bad signature, a stale timestamp and an unknown token, storing nothing', async () => {
    const before = await count('select 1 from leads');
    const body = JSON.stringify({ name: '伪造公司' });
    const bad = await post(body, { sig: `sha256=${leadHookSignature('wrong-secret', String(Math.floor(clock.now().getTime() / 1000)), body)}` });
    expect([bad.status, (await json(bad)).code]).toEqual([401, 'bad_signature']);
    const tampered = await post(body.replace('伪造', '篡改'), { sig: `sha256=${leadHookSignature(source.secret, String(Math.floor(clock.now().getTime() / 1000)), body)}` });
    expect(tampered.status).toBe(401);
    const stale = await post(body, { ts: Math.floor(clock.now().getTime() / 1000) - 6 * 60 });
    expect([stale.status, (await json(stale)).code]).toEqual([401, 'stale_timestamp']);
    expect((await post(body, { token: 'no-such-token' })).status).toBe(404);
    expect(await count('select 1 from leads')).toBe(before);
    expect(await count(`select 1 from customers where name like '%公司' and name in ('伪造公司', '篡改公司')`)).toBe(0);
  });
});

describe('imports', () => {
  const upload = (body: Buffer | string, type: string, query = '?teamKey=leads&source=展会') =>
    fetch(`${t.server.url}/api/leads/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': type }, body });

  it('imports a CSV with a BOM and Chinese headers; owners named or in turn; one message per owner', async () => {
    const csv = '\uFEFF客户,联系人,电话,来源,备注,负责人\r\n北港建材,周经理,13500135000,,要样品,ld-c\r\n南山五金,吴总,,转介绍,,\r\n"东海包装,华东区",郑工,021-5555 6666,,,员工ld-b\r\n';
    const res = await upload(Buffer.from(csv, 'utf8'), 'text/csv; charset=utf-8');
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.created).toBe(3);
    expect(body.items.map((i: any) => [i.line, i.name, i.assignedBy])).toEqual([[2, '北港建材', 'given'], [3, '南山五金', 'round_robin'], [4, '东海包装,华东区', 'given']]);
    const owners = await ownersOf(['北港建材', '东海包装,华东区']);
    expect(owners).toEqual({ 北港建材: 'ld-c', '东海包装,华东区': 'ld-b' });
    expect((await t.db.query<any>(`select source from customers where name = '北港建材'`))[0].source).toBe('展会');
    expect(await eventually(() => sent('ld-c').find((m) => m.startsWith('新到') && m.includes('北港建材')))).toMatch(/^新到\d+条线索:/);
  });

  it('reports bad rows with their line numbers and imports nothing', async () => {
    const before = await count('select 1 from customers');
    const csv = '客户,电话,负责人\n甲丙建设,13300133000,ld-a\n,13300133001,ld-a\n乙丁建设,not-a-phone,ld-a\n戊庚建设,,陌生人\n';
    const res = await upload(csv, 'text/csv');
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.problems).toEqual([{ line: 3, field: 'name', problem: 'missing' }, { line: 4, field: 'phone', problem: 'invalid' }]);
    // Fixed rows, one unknown owner left: still nothing.
    const owner = await upload('客户,负责人\n甲丙建设,ld-a\n戊庚建设,陌生人\n', 'text/csv');
    expect(owner.status).toBe(422);
    expect((await json(owner)).problems).toEqual([{ line: 3, field: 'owner', problem: 'unknown' }]);
    expect(await count('select 1 from customers')).toBe(before);
    expect((await upload('x', 'application/pdf')).status).toBe(415);
    expect((await upload('联系人\n王\n', 'text/csv')).status).toBe(400);
  });

  it('imports an XLSX with English headers (phones typed as numbers)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Leads');
    sheet.addRow(['Name', 'Contact', 'Phone', 'Owner', 'Note']);
    sheet.addRow(['金桥电子', 'Mr. Lin', 13100131000, 'ld-b', 'trade show']);
    sheet.addRow(['银河照明', '', '', '', '']);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const res = await upload(xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '?teamKey=leads');
    expect(res.status).toBe(201);
    expect((await json(res)).items.map((i: any) => [i.line, i.name])).toEqual([[2, '金桥电子'], [3, '银河照明']]);
    const [lead] = await t.db.query<any>(`select l.phone, l.contact, l.via from leads l join customers c on c.id = l.customer_id where c.name = '金桥电子'`);
    expect(lead).toEqual({ phone: '13100131000', contact: 'Mr. Lin', via: 'import' });
    const badSheet = new ExcelJS.Workbook();
    badSheet.addWorksheet('x').addRows([['客户', '负责人'], ['金桥二厂', 'ld-b'], ['', 'ld-b']]);
    const bad = await upload(Buffer.from(await badSheet.xlsx.writeBuffer()), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    // A row with only an owner is a row without a customer.
    expect(bad.status).toBe(422);
    expect((await json(bad)).problems).toEqual([{ line: 3, field: 'name', problem: 'missing' }]);
    expect(await count(`select 1 from customers where name = '金桥二厂'`)).toBe(0);
  });
});

describe.each(['wecom', 'dingtalk'])('我的线索 on %s', (name) => {
  const d = () => drivers[name]!;
  const rep = `ml-${name}`;
  const firm = name === 'wecom' ? ['恒丰建材', '瑞达电气'] : ['恒茂建材', '瑞安电气'];
  const reply = async (text: string, m: number) => {
    const before = d().outgoing(rep).length;
    clock.set(at(m));
    expect(await d().sendText(rep, text, { at: at(m) })).toBe(200);
    return eventually(() => d().outgoing(rep).slice(before).find((o) => o.text.startsWith('我的线索') || o.text.startsWith('你现在没有')));
  };

  it('lists the rep’s open leads with their age and contact, and a qualified lead leaves the list', async () => {
    clock.set(at(200));
    expect((await t.send('POST', '/api/leads', { name: firm[0], contact: '刘经理', phone: '13700000000', source: '展会', ownerUserId: rep })).status).toBe(201);
    clock.set(at(201));
    expect((await t.send('POST', '/api/leads', { name: firm[1], source: '官网', ownerUserId: rep })).status).toBe(201);
    await eventually(() => d().outgoing(rep).some((o) => o.text.startsWith(`新线索:${firm[1]}`)));
    const list = (await reply('我的线索', 260)).text;
    expect(list).toContain('我的线索(2条):');
    expect(list).toContain(`1. ${firm[0]}(展会) · 1小时前来的 · 未联系 · 刘经理 13700000000`);
    expect(list).toContain(`2. ${firm[1]}(官网) · 59分钟前来的 · 未联系`);
    // A call is the first contact; the stage card moves the lead on, out of the list.
    const before = d().outgoing(rep).length;
    clock.set(at(270));
    expect(await d().sendText(rep, `给${firm[0]}打了电话,了解了需求`, { at: at(270) })).toBe(200);
    const stageCard = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card'));
    expect(stageCard.buttons).not.toContain('线索');
    clock.set(at(271));
    expect(await d().choose(rep, stageCard, '需求探询', { at: at(271) })).toBe(200);
    await eventually(async () => (await t.db.query<any>(`select stage from customers where name = $1`, [firm[0]]))[0]?.stage === 'discovery');
    const after = (await reply('线索', 280)).text;
    expect(after).toContain('我的线索(1条):');
    expect(after).toContain(firm[1]);
    expect(after).not.toContain(firm[0]);
  });
});
