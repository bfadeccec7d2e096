// 改名 / 合并 / 我的待办 through real WeCom callbacks, and the customer admin API: names resolve through
// aliases, only the owner or the owner's manager may change a customer, and repeats say they changed nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardClickXml, eventually, startTestServer, type TestServer } from '../support/test-server.js';
import { say, sentTo } from '../support/wecom-chat.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const to = (user: string) => sentTo(t, user);
const ask = (user: string, text: string) => say(t, user, text);
const customerId = async (name: string) =>
  (await t.db.query<{ id: string }>(`select id from customers where tenant_id = 'default' and name = $1`, [name]))[0]?.id;

describe('改名 and 合并 in chat', () => {
  it('renames with the old name kept as an alias, refuses strangers, lets the owner’s manager act', async () => {
    expect(await ask('c-rep', '刚去了博远电气,客户问了价格')).toContain('博远电气');
    expect(await ask('c-rep', '改名 博远电气 博远智能')).toContain('已把「博远电气」改名为「博远智能」');
    // The old name is still recognised and lands on the renamed customer.
    expect(await ask('c-rep', '博远电气那边又问了交期')).toContain('博远智能');
    expect(await ask('c-rep', '改名　博远电气　博远智能')).toContain('已经叫「博远智能」');
    expect(await ask('c-rep', '改名 无名公司 新名称')).toContain('没找到客户「无名公司」');
    expect(await ask('c-rep', '改名')).toContain('用法');

    expect(await ask('c-stranger', '改名 博远智能 博远装备')).toContain('不是你负责的客户');
    await ask('c-boss', '你好');
    expect((await t.send('PUT', '/api/teams/c', { name: '三组', memberUserIds: ['c-rep'], managerUserIds: ['c-boss'] })).status).toBe(200);
    expect(await ask('c-boss', '改名 博远智能 博远装备')).toContain('改名为「博远装备」');
  });

  it('refuses renaming onto another customer’s name and points at 合并; merges once, then says it is done', async () => {
    await ask('c-rep', '刚去了金桥物流,客户问了价格');
    const card = await eventually(() => to('c-rep').map((c) => c.body?.template_card as any).find((c) => c?.main_title?.title?.startsWith('金桥物流')));
    await t.postCallback(cardClickXml('c-rep', card.task_id, card.button_list.find((b: any) => b.text === '方案演示').key));
    await eventually(() => t.db.query(`select 1 from stage_changes s join customers c on c.id = s.customer_id where c.name = '金桥物流'`).then((r) => r.length > 0));
    await ask('c-rep', '刚去了金桥供应链,聊了售后');
    const from = await customerId('金桥物流');

    expect(await ask('c-rep', '改名 金桥物流 金桥供应链')).toContain('合并 金桥物流 金桥供应链');
    expect(await ask('c-stranger', '合并 金桥物流 金桥供应链')).toContain('不是你负责的客户');
    expect(await ask('c-rep', '合并 金桥物流 金桥供应链')).toContain('已把「金桥物流」合并到「金桥供应链」');
    expect(await customerId('金桥物流')).toBeUndefined();
    const into = await customerId('金桥供应链');
    const [row] = await t.db.query<{ stage: string; n: number }>(
      `select c.stage, (select count(*)::int from touches where customer_id = c.id) as n from customers c where c.id = $1`, [into]);
    expect(row).toEqual({ stage: 'demo', n: 3 }); // two updates and the stage tap
    expect(await ask('c-rep', '合并 金桥物流 金桥供应链')).toContain('已经是同一个客户');
    expect(await ask('c-rep', '金桥物流又来问交期了')).toContain('金桥供应链');

    const view = await t.api(`/api/customers/${into}`);
    expect(view.json.aliases.map((a: any) => a.name)).toEqual(['金桥物流']);
    expect(view.json.aliases[0].mergedFromId).toBe(from);
    expect(await t.api(`/api/customers/${from}`)).toMatchObject({ status: 404, json: { code: 'customer_merged', mergedIntoId: into } });
  });

  it('我的待办 is personal, also for a manager (whose 逾期 is the team’s)', async () => {
    expect(await ask('c-boss', '我的待办')).toContain('没有待办');
    expect(await ask('c-boss', '逾期')).not.toContain('没有待办');
  });
});

describe('customer admin API', () => {
  it('renames and merges with clear status codes', async () => {
    await ask('a-rep', '刚去了长风重工,客户问了价格');
    await ask('a-rep', '刚去了长风机械,客户问了交期');
    const a = (await customerId('长风重工'))!;
    const b = (await customerId('长风机械'))!;
    await t.db.execute(`insert into tenants (id, name) values ('api-other', 'other')`);
    const other = (await t.db.query<{ id: string }>(
      `insert into customers (tenant_id, name, name_key, owner_user_id) values ('api-other', '外部客户', '外部客户', 'x') returning id`,
    ))[0]!.id;

    const renamed = await t.send('PUT', `/api/customers/${a}`, { name: '长风精工' });
    expect(renamed).toMatchObject({ status: 200, json: { changed: true, customer: { name: '长风精工', aliases: [{ name: '长风重工' }] } } });
    expect(await t.send('PUT', `/api/customers/${a}`, { name: '长风精工' })).toMatchObject({ status: 200, json: { changed: false } });
    expect(await t.send('PUT', `/api/customers/${a}`, { name: '长风机械' })).toMatchObject({ status: 409, json: { code: 'name_taken', customerId: b } });
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 7 }, { name: '长'.repeat(65) }]) {
      expect((await t.send('PUT', `/api/customers/${a}`, body)).status).toBe(400);
    }
    expect((await t.send('PUT', `/api/customers/${a}`, 'not json')).status).toBe(400);
    expect((await t.send('PUT', '/api/customers/no-such-id', { name: '随便' })).status).toBe(404);
    expect((await t.send('PUT', `/api/customers/${other}`, { name: '随便' })).status).toBe(404);
    expect((await t.api(`/api/customers/${other}`)).status).toBe(404);

    expect((await t.send('POST', `/api/customers/${a}/merge`, { into: a })).status).toBe(400);
    expect((await t.send('POST', `/api/customers/${a}/merge`, {})).status).toBe(400);
    expect((await t.send('POST', `/api/customers/${a}/merge`, { into: 'no-such-id' })).status).toBe(404);
    expect((await t.send('POST', `/api/customers/${a}/merge`, { into: other })).status).toBe(404);
    expect((await t.send('POST', `/api/customers/${other}/merge`, { into: a })).status).toBe(404);
    const merged = await t.send('POST', `/api/customers/${a}/merge`, { into: b });
    expect(merged).toMatchObject({ status: 200, json: { merged: true, into: { id: b }, moved: { touches: 1 } } });
    expect(merged.json.into.aliases.map((x: any) => x.name).sort()).toEqual(['长风重工', '长风精工'].sort());
    expect(await t.send('POST', `/api/customers/${a}/merge`, { into: b })).toMatchObject({ status: 200, json: { merged: false, into: { id: b } } });
    expect((await t.api(`/api/customers/${b}`)).json.aliases).toHaveLength(2);
    const search = await t.api(`/api/customers?q=${encodeURIComponent('长风重工')}`);
    expect(search.json.items.map((c: any) => c.id)).toEqual([b]);
    const noToken = await fetch(`${t.server.url}/api/customers/${b}`, { method: 'PUT', body: JSON.stringify({ name: 'x' }) });
    expect(noToken.status).toBe(401);
  });
});
