// 客户 API: the list with its filters and paging, one customer with its timeline, and rename / merge /
// reassign by admins and by managers within their teams — each audited; reps and other teams' managers
// neither list, nor open (404), nor act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';

let w: SalesWorld;
let admin: ConsoleClient;
let eBoss: ConsoleClient;
let wBoss: ConsoleClient;
let eRep1: ConsoleClient;
beforeAll(async () => {
  w = await startSalesWorld();
  [admin, eBoss, wBoss, eRep1] = await Promise.all([null, PEOPLE.eBoss.id, PEOPLE.wBoss.id, PEOPLE.eRep1.id].map((u) => consoleClient(w.t, u)));
});
afterAll(async () => {
  await w?.t.stop();
});

const names = async (c: ConsoleClient, query = '') => {
  const r = await c.get(`/customers${query}`);
  expect(r.status).toBe(200);
  return (r.json.items as any[]).map((i) => i.name).sort();
};
const audits = (action: string) =>
  w.t.db.query<{ actor: string; target: string; details: any }>(`select actor, target, details from audit_log where action = $1 order by id`, [action]);

describe('customer list', () => {
  it('shows each viewer their scope only', async () => {
    expect(await names(admin)).toEqual(['宏达建材', '恒信机械', '永安纸业', '瑞丰化工', '金鼎五金'].sort());
    expect(await names(eBoss)).toEqual(['宏达建材', '恒信机械', '永安纸业', '金鼎五金'].sort());
    expect(await names(wBoss)).toEqual(['瑞丰化工']);
    expect(await names(eRep1)).toEqual(['宏达建材', '恒信机械'].sort());
  });

  it('filters by stage, owner, team, untouched days, topic and name, and pages', async () => {
    expect(await names(admin, '?stage=negotiation')).toEqual(['恒信机械', '瑞丰化工'].sort());
    expect(await names(admin, '?stage=none')).toEqual(['金鼎五金']);
    expect(await names(admin, `?ownerUserId=${PEOPLE.eRep2.id}`)).toEqual(['永安纸业', '金鼎五金'].sort());
    expect(await names(admin, '?teamKey=west')).toEqual(['瑞丰化工']);
    expect(await names(eBoss, '?untouchedDays=7')).toEqual(['宏达建材']);
    expect(await names(admin, '?topic=price')).toEqual(['恒信机械', '瑞丰化工'].sort());
    expect(await names(admin, '?q=恒信')).toEqual(['恒信机械']);
    expect(await names(eRep1, '?q=瑞丰')).toEqual([]);

    const page = (await admin.get('/customers?pageSize=2&page=2')).json;
    expect(page).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(2);
    const row = (await admin.get('/customers?q=宏达')).json.items[0];
    expect(row).toMatchObject({
      name: '宏达建材', stage: 'discovery', stageLabel: '需求探询', owner: { id: PEOPLE.eRep1.id, name: '王伟' }, teamKey: 'east', untouchedDays: 11,
    });
    const hengxin = (await admin.get('/customers?q=恒信')).json.items[0];
    expect(hengxin).toMatchObject({ amount: 500000, amountText: '50万' });
    expect(hengxin.topics.map((t: any) => t.label)).toContain('价格');
  });

  it('refuses filters outside the viewer’s scope and bad values', async () => {
    expect((await eBoss.get('/customers?teamKey=west')).status).toBe(403);
    expect((await eBoss.get(`/customers?ownerUserId=${PEOPLE.wRep.id}`)).status).toBe(403);
    expect((await eRep1.get(`/customers?ownerUserId=${PEOPLE.eRep2.id}`)).status).toBe(403);
    expect((await admin.get('/customers?stage=nope')).status).toBe(400);
    expect((await admin.get('/customers?untouchedDays=-1')).status).toBe(400);
    expect((await admin.get('/customers?topic=weather')).status).toBe(400);
    expect((await admin.get('/customers?pageSize=1000')).status).toBe(400);
  });
});

describe('one customer', () => {
  it('has its aliases and a timeline merged by time: touches, stage history with evidence, reports, commitments', async () => {
    const r = await eBoss.get(`/customers/${w.customers['恒信机械']}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ name: '恒信机械', stageLabel: '商务谈判', owner: { name: '王伟' }, teamKey: 'east', can: { rename: true } });
    const types = (r.json.timeline as any[]).map((i) => i.type);
    expect(types).toEqual(['commitment', 'report', 'stage', 'touch']);
    const [commitment, report, stage, touch] = r.json.timeline;
    expect(touch).toMatchObject({ kind: 'visit', kindLabel: '拜访', text: '刚去了恒信机械,客户问了价格,账期想要60天', who: { name: '王伟' } });
    expect(stage).toMatchObject({ toLabel: '商务谈判', evidence: '刚去了恒信机械,客户问了价格,账期想要60天' });
    expect(report).toMatchObject({ id: w.reports.east, nextActionDue: '2026-12-09', amountText: '50万' });
    expect(commitment).toMatchObject({ status: 'open', statusLabel: '进行中', dueDate: '2026-12-09' });
    const times = (r.json.timeline as any[]).map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('is a 404 to a rep or manager outside its scope, and readable by an admin', async () => {
    const west = w.customers['瑞丰化工']!;
    expect((await eRep1.get(`/customers/${west}`)).status).toBe(404);
    expect((await eBoss.get(`/customers/${west}`)).status).toBe(404);
    expect((await eRep1.get(`/customers/${w.customers['永安纸业']}`)).status).toBe(404);
    expect((await admin.get(`/customers/${west}`)).status).toBe(200);
    expect((await eRep1.get(`/customers/${w.customers['恒信机械']}`)).json.can).toEqual({ rename: false, merge: false, reassign: false });
  });
});

describe('customer actions', () => {
  it('renames (old name kept as alias), audited; refuses reps, other teams and a missing CSRF token', async () => {
    const id = w.customers['宏达建材']!;
    expect((await eRep1.put(`/customers/${id}`, { name: '宏达新材' })).status).toBe(403);
    expect((await wBoss.put(`/customers/${id}`, { name: '宏达新材' })).status).toBe(404);
    expect((await eBoss.request('PUT', `/customers/${id}`, { name: '宏达新材' }, { csrf: null })).status).toBe(403);
    expect((await eBoss.put(`/customers/${id}`, { name: 'x' })).status).toBe(400);
    expect((await eBoss.put(`/customers/${id}`, { name: '恒信机械' })).json).toMatchObject({ code: 'name_taken', customerId: w.customers['恒信机械'] });

    const r = await eBoss.put(`/customers/${id}`, { name: '宏达新材' });
    expect(r).toMatchObject({ status: 200, json: { changed: true, customer: { name: '宏达新材' } } });
    expect((await eBoss.get(`/customers/${id}`)).json.aliases.map((a: any) => a.name)).toEqual(['宏达建材']);
    expect(await names(eBoss, '?q=宏达建材')).toEqual(['宏达新材']);
    expect(await audits('customer.rename')).toEqual([{ actor: PEOPLE.eBoss.id, target: id, details: { from: '宏达建材', to: '宏达新材' } }]);
  });

  it('merges within the team, audited; the old id then points at the survivor; never across teams', async () => {
    const from = w.customers['金鼎五金']!;
    const into = w.customers['永安纸业']!;
    expect((await eBoss.post(`/customers/${from}/merge`, { intoId: w.customers['瑞丰化工'] })).status).toBe(404);
    expect((await wBoss.post(`/customers/${w.customers['瑞丰化工']}/merge`, { intoId: into })).status).toBe(404);
    expect((await eRep1.post(`/customers/${from}/merge`, { intoId: into })).status).toBe(403);
    expect((await eBoss.post(`/customers/${from}/merge`, { intoId: from })).status).toBe(400);

    const r = await eBoss.post(`/customers/${from}/merge`, { intoId: into });
    expect(r).toMatchObject({ status: 200, json: { merged: true, into: { id: into, name: '永安纸业' } } });
    expect(await eBoss.get(`/customers/${from}`)).toMatchObject({ status: 404, json: { code: 'customer_merged', mergedIntoId: into } });
    const survivor = (await eBoss.get(`/customers/${into}`)).json;
    expect(survivor.aliases).toEqual([expect.objectContaining({ name: '金鼎五金', merged: true })]);
    expect(survivor.timeline.some((i: any) => i.type === 'touch' && i.text.includes('金鼎五金'))).toBe(true);
    // Outside the manager's teams the merged id tells nothing.
    expect((await wBoss.get(`/customers/${from}`)).json.code).toBe('customer_not_found');
    const [row] = await audits('customer.merge');
    expect(row).toMatchObject({ actor: PEOPLE.eBoss.id, target: from, details: { fromName: '金鼎五金', intoId: into, intoName: '永安纸业' } });
  });

  it('reassigns to someone in the manager’s teams, audited and both owners told; an admin may hand over across teams', async () => {
    const id = w.customers['恒信机械']!;
    expect((await eBoss.post(`/customers/${id}/reassign`, { ownerUserId: PEOPLE.wRep.id })).status).toBe(403);
    expect((await eRep1.post(`/customers/${id}/reassign`, { ownerUserId: PEOPLE.eRep2.id })).status).toBe(403);
    expect((await wBoss.post(`/customers/${id}/reassign`, { ownerUserId: PEOPLE.wRep.id })).status).toBe(404);

    const r = await eBoss.post(`/customers/${id}/reassign`, { ownerUserId: PEOPLE.eRep2.id });
    expect(r).toMatchObject({ status: 200, json: { changed: true, customer: { ownerUserId: PEOPLE.eRep2.id } } });
    expect((await eRep1.get(`/customers/${id}`)).status).toBe(404);
    expect(await names(eRep1)).toEqual(['宏达新材']);
    const outbox = await w.t.db.query<{ recipient: any; message: any }>(`select recipient, message from outbox where idempotency_key like 'console-reassign:%'`);
    expect(outbox.map((o) => o.recipient.userId).sort()).toEqual([PEOPLE.eRep1.id, PEOPLE.eRep2.id].sort());
    expect(outbox.find((o) => o.recipient.userId === PEOPLE.eRep2.id)!.message.text).toContain('赵强 把客户「恒信机械」转给了你');

    expect((await admin.post(`/customers/${id}/reassign`, { ownerUserId: PEOPLE.wRep.id })).status).toBe(200);
    expect((await wBoss.get(`/customers/${id}`)).status).toBe(200);
    expect((await eBoss.get(`/customers/${id}`)).status).toBe(404);
    expect(await audits('customer.reassign')).toEqual([
      { actor: PEOPLE.eBoss.id, target: id, details: { name: '恒信机械', from: PEOPLE.eRep1.id, to: PEOPLE.eRep2.id } },
      { actor: 'admin-token', target: id, details: { name: '恒信机械', from: PEOPLE.eRep2.id, to: PEOPLE.wRep.id } },
    ]);
  });
});
