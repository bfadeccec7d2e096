// 战报 API: search with filters and the 知识库 (★★ and up) / 标杆案例 (★★★) tabs, one report in full, and a
// rating by the writer's manager or an admin — stored once, paid once, the rep told, audited; nobody else
// lists, opens or rates another team's reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';

let w: SalesWorld;
let admin: ConsoleClient;
let eBoss: ConsoleClient;
let wBoss: ConsoleClient;
let eRep1: ConsoleClient;
let wRep: ConsoleClient;
beforeAll(async () => {
  w = await startSalesWorld();
  [admin, eBoss, wBoss, eRep1, wRep] = await Promise.all(
    [null, PEOPLE.eBoss.id, PEOPLE.wBoss.id, PEOPLE.eRep1.id, PEOPLE.wRep.id].map((u) => consoleClient(w.t, u)),
  );
});
afterAll(async () => {
  await w?.t.stop();
});

const ids = async (c: ConsoleClient, query = '') => {
  const r = await c.get(`/reports${query}`);
  expect(r.status).toBe(200);
  return (r.json.items as any[]).map((i) => i.id).sort();
};
const both = () => [w.reports.east, w.reports.west].sort();

describe('report search', () => {
  it('shows each viewer their scope only', async () => {
    expect(await ids(admin)).toEqual(both());
    expect(await ids(eBoss)).toEqual([w.reports.east]);
    expect(await ids(wBoss)).toEqual([w.reports.west]);
    expect(await ids(eRep1)).toEqual([w.reports.east]);
    expect(await ids(wRep)).toEqual([w.reports.west]);
  });

  it('filters by rep, team, Shanghai dates, topic, objection, competitor and words', async () => {
    expect(await ids(admin, `?userId=${PEOPLE.wRep.id}`)).toEqual([w.reports.west]);
    expect(await ids(admin, '?teamKey=east')).toEqual([w.reports.east]);
    expect(await ids(admin, '?from=2026-12-02')).toEqual([w.reports.east]);
    expect(await ids(admin, '?to=2026-12-01')).toEqual([w.reports.west]);
    expect(await ids(admin, '?from=2026-12-01&to=2026-12-02')).toEqual(both());
    expect(await ids(admin, '?from=2026-12-03')).toEqual([]);
    expect(await ids(admin, '?topic=price')).toEqual(both());
    expect(await ids(admin, '?topic=competitor')).toEqual([w.reports.east]);
    expect(await ids(admin, '?objection=price')).toEqual([w.reports.east]);
    expect(await ids(admin, '?objection=嫌贵')).toEqual([w.reports.east]);
    expect(await ids(admin, '?competitor=华为')).toEqual([w.reports.east]);
    expect(await ids(admin, '?q=瑞丰')).toEqual([w.reports.west]);
    expect(await ids(admin, '?q=签合同')).toEqual([w.reports.east]);
    expect((await admin.get('/reports?pageSize=1')).json).toMatchObject({ total: 2, items: [{ id: w.reports.east }] });

    expect((await eBoss.get('/reports?teamKey=west')).status).toBe(403);
    expect((await eRep1.get(`/reports?userId=${PEOPLE.eRep2.id}`)).status).toBe(403);
    expect((await admin.get('/reports?from=2026-02-30')).status).toBe(400);
    expect((await admin.get('/reports?tab=gold')).status).toBe(400);
  });

  it('opens one report in full, only within scope', async () => {
    const r = await eBoss.get(`/reports/${w.reports.east}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      rep: { id: PEOPLE.eRep1.id, name: '王伟' }, teamKey: 'east', customer: { name: '恒信机械' }, stageLabel: '商务谈判', amountText: '50万',
      competitors: ['华为'], nextActionDue: '2026-12-09', rating: null, canRate: true,
    });
    expect(r.json.objections).toContainEqual({ topic: 'price', topicLabel: '价格', quote: '客户嫌贵' });
    expect(r.json.transcript).toContain('竞品是华为');
    expect((await eRep1.get(`/reports/${w.reports.east}`)).json.canRate).toBe(false);
    expect((await wBoss.get(`/reports/${w.reports.east}`)).status).toBe(404);
    expect((await eRep1.get(`/reports/${w.reports.west}`)).status).toBe(404);
    expect((await admin.get(`/reports/${w.reports.west}`)).status).toBe(200);
  });
});

describe('rating', () => {
  const points = async (user: string) =>
    (await w.t.db.query<{ n: number }>(`select coalesce(sum(points), 0)::int as n from points_ledger where user_id = $1 and reason = 'rating'`, [user]))[0]!.n;

  it('lets the writer’s manager rate ★★★ once: 标杆案例 and the knowledge base list it, the rep is paid and told, audited', async () => {
    const id = w.reports.east;
    expect((await wBoss.post(`/reports/${id}/rating`, { stars: 3 })).status).toBe(404);
    expect((await eRep1.post(`/reports/${id}/rating`, { stars: 3 })).status).toBe(403);
    expect((await eBoss.post(`/reports/${id}/rating`, { stars: 4 })).status).toBe(400);
    expect((await eBoss.request('POST', `/reports/${id}/rating`, { stars: 3 }, { csrf: 'wrong' })).status).toBe(403);

    expect(await eBoss.post(`/reports/${id}/rating`, { stars: 3 })).toMatchObject({ status: 200, json: { rated: true, stars: 3, points: 10 } });
    expect(await eBoss.post(`/reports/${id}/rating`, { stars: 2 })).toMatchObject({ status: 409, json: { code: 'already_rated' } });
    expect(await points(PEOPLE.eRep1.id)).toBe(10);
    expect(await ids(eBoss, '?tab=benchmark')).toEqual([id]);
    expect(await ids(eBoss, '?tab=knowledge')).toEqual([id]);
    expect(await ids(admin, '?stars=3')).toEqual([id]);
    expect(await ids(admin, '?stars=0')).toEqual([w.reports.west]);
    const detail = (await eBoss.get(`/reports/${id}`)).json;
    expect(detail).toMatchObject({ rating: 3, knowledge: 'benchmark', ratedBy: { id: PEOPLE.eBoss.id, name: '赵强' }, canRate: false });

    const told = await w.t.db.query<{ recipient: any; message: any }>(`select recipient, message from outbox where idempotency_key like 'console-rating:%'`);
    expect(told).toEqual([{ recipient: { kind: 'user', userId: PEOPLE.eRep1.id }, message: { kind: 'text', text: '主管给你「恒信机械」的战报打了★★★,+10分。' } }]);
    const audit = await w.t.db.query<{ actor: string; target: string; details: any }>(`select actor, target, details from audit_log where action = 'report.rate'`);
    expect(audit).toEqual([{ actor: PEOPLE.eBoss.id, target: id, details: { stars: 3, repUserId: PEOPLE.eRep1.id, points: 10 } }]);
  });

  it('lets an admin rate any team’s report; ★★ is knowledge base, not 标杆案例', async () => {
    const id = w.reports.west;
    expect(await admin.post(`/reports/${id}/rating`, { stars: 2 })).toMatchObject({ status: 200, json: { points: 5 } });
    expect(await ids(admin, '?tab=knowledge')).toEqual(both());
    expect(await ids(admin, '?tab=benchmark')).toEqual([w.reports.east]);
    expect(await ids(wBoss, '?tab=knowledge')).toEqual([id]);
    expect((await wBoss.get(`/reports/${id}`)).json.ratedBy).toEqual({ id: 'admin-token', name: '管理员' });
  });
});
