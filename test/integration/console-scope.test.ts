// One sweep over every console route: a rep of team west, and the manager of team west, never read or
// touch team east's data — lists leave it out, its ids answer 404 as if they did not exist, naming its team
// answers 403, and the pages only admins or managers use answer 403 to a rep. (Each area's own tests go
// deeper; this one makes a new route that forgets the viewer stand out.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleClient, type ConsoleClient } from '../support/console-client.js';
import { PEOPLE, startSalesWorld, type SalesWorld } from '../support/console-sales-seed.js';

let w: SalesWorld;
let rep: ConsoleClient;
let boss: ConsoleClient;
const EAST_CUSTOMERS = ['宏达建材', '恒信机械', '永安纸业', '金鼎五金'];

beforeAll(async () => {
  w = await startSalesWorld();
  [rep, boss] = await Promise.all([consoleClient(w.t, PEOPLE.wRep.id), consoleClient(w.t, PEOPLE.wBoss.id)]);
}, 120_000);
afterAll(async () => {
  await w?.t.stop();
});

const names = (items: { name?: string; customer?: string }[]) => items.map((i) => i.name ?? i.customer);

describe.each([
  ['the west rep', () => rep],
  ['the west manager', () => boss],
] as const)('%s', (_who, client) => {
  it('lists only west data', async () => {
    const customers = await client().get('/customers?pageSize=100');
    expect(customers.status).toBe(200);
    expect(names(customers.json.items)).toEqual(['瑞丰化工']);
    const reports = await client().get('/reports?pageSize=100');
    expect(reports.json.items.map((r: any) => r.id)).toEqual([w.reports.west]);
    const csv = await client().get('/export/customers.csv');
    expect(csv.status).toBe(200);
    for (const name of EAST_CUSTOMERS) expect(csv.text).not.toContain(name);
    expect(csv.text).toContain('瑞丰化工');
    for (const kind of ['reports', 'touches', 'visits']) {
      const file = await client().get(`/export/${kind}.csv`);
      expect(file.status, kind).toBe(200);
      for (const name of EAST_CUSTOMERS) expect(file.text, kind).not.toContain(name);
    }
    const scope = (await client().get('/scope')).json;
    expect(scope.teams.map((t: any) => t.key)).not.toContain('east');
    expect(scope.people.map((p: any) => p.id)).not.toContain(PEOPLE.eRep1.id);
  });

  it('gets 404 for east ids and 403 for naming team east, and changes nothing', async () => {
    const east = w.customers['恒信机械']!;
    expect((await client().get(`/customers/${east}`)).status).toBe(404);
    expect((await client().get(`/reports/${w.reports.east}`)).status).toBe(404);
    // Writes: a rep may not do them at all (403 whatever the id), a manager is told the id does not exist.
    const writes = [
      await client().put(`/customers/${east}`, { name: '改掉' }),
      await client().post(`/customers/${east}/merge`, { intoId: w.customers['瑞丰化工'] }),
      await client().post(`/customers/${east}/reassign`, { ownerUserId: PEOPLE.wRep.id }),
      await client().post(`/reports/${w.reports.east}/rating`, { stars: 3 }),
    ];
    for (const r of writes) expect([403, 404]).toContain(r.status);
    for (const r of writes) expect(r.text).not.toContain('恒信机械');
    for (const path of ['/overview?teamKey=east', '/customers?teamKey=east', '/reports?teamKey=east', '/export/customers.xlsx?teamKey=east']) {
      expect((await client().get(path)).status, path).toBe(403);
    }
    const still = await w.t.db.query<{ name: string; owner_user_id: string }>('select name, owner_user_id from customers where id = $1', [east]);
    expect(still[0]).toEqual({ name: '恒信机械', owner_user_id: PEOPLE.eRep1.id });
  });
});

describe('pages only admins or managers use', () => {
  it('answer 403 to a rep', async () => {
    for (const path of ['/teams', '/people', '/stores', '/visits', '/delivery/rules', '/delivery/alerts', '/outbox', '/settings/status', '/audit', '/directory/status', '/directory/departments']) {
      expect((await rep.get(path)).status, path).toBe(403);
    }
    for (const [path, body] of [['/teams/west/test-alert', {}], ['/directory/sync', {}], ['/stores/s1', { name: '门店' }]] as const) {
      const r = path.startsWith('/stores') ? await rep.put(path, body) : await rep.post(path, body);
      expect(r.status, path).toBe(403);
    }
  });

  it('keep the west manager out of east, and out of admin-only pages', async () => {
    const teams = (await boss.get('/teams')).json.items.map((t: any) => t.key);
    expect(teams).toEqual(['west']);
    expect((await boss.post('/teams/east/test-alert', {})).status).toBe(404);
    for (const path of ['/settings/status', '/audit', '/directory/departments']) expect((await boss.get(path)).status, path).toBe(403);
    const outbox = (await boss.get('/outbox?status=sent')).json;
    const recipients = JSON.stringify(outbox);
    for (const p of [PEOPLE.eRep1, PEOPLE.eRep2, PEOPLE.eBoss]) expect(recipients).not.toContain(p.name);
  });
});
