// A small sales org for the console tests, created through the real paths: reps write the bot over signed
// WeCom callbacks and tap stage cards, confirm battle reports, and an admin sets the teams with the admin
// API. Two teams on a fixed clock (Wednesday 2026-12-02 10:00 Shanghai at the end):
//   east 华东组: manager 赵强 (e-boss), reps 王伟 (e-rep1) and 李娜 (e-rep2)
//   west 华西组: manager 吴敏 (w-boss), rep 周杰 (w-rep)
// Customers: 宏达建材 (王伟, 需求探询, untouched since 11-20), 恒信机械 (王伟, 商务谈判, report 12-02 ★ none),
// 永安纸业 (李娜, 方案演示), 金鼎五金 (李娜, no stage: a duplicate to merge), 瑞丰化工 (周杰, 商务谈判, report 12-01).
import { expect } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { cardClickXml, eventually, startTestServer, textXml, type TestServer } from './test-server.js';
import { contentOf, sentTo } from './wecom-chat.js';

export const PEOPLE = {
  eBoss: { id: 'e-boss', name: '赵强' },
  eRep1: { id: 'e-rep1', name: '王伟' },
  eRep2: { id: 'e-rep2', name: '李娜' },
  wBoss: { id: 'w-boss', name: '吴敏' },
  wRep: { id: 'w-rep', name: '周杰' },
} as const;

export interface SalesWorld {
  t: TestServer;
  clock: ReturnType<typeof fixedClock>;
  /** Customer ids by name. */
  customers: Record<string, string>;
  /** Report ids: 王伟's on 恒信机械 (12-02) and 周杰's on 瑞丰化工 (12-01). */
  reports: { east: string; west: string };
  /** Sends a text as `user` one minute after the last message and returns the bot's first answer. */
  ask(user: string, text: string): Promise<string>;
}

export async function startSalesWorld(opts: { workers?: boolean } = {}): Promise<SalesWorld> {
  const clock = fixedClock('2026-11-20T10:00:00+08:00');
  const t = await startTestServer({ clock, workers: opts.workers });
  for (const p of Object.values(PEOPLE)) t.fake.users.set(p.id, p.name);

  const send = async (user: string, text: string) => {
    clock.advance(60_000);
    expect((await t.postCallback(textXml(user, text, Math.floor(clock.now().getTime() / 1000)))).status).toBe(200);
  };
  /** The first message back, but not a rating card: that is pushed to a manager and may cross the answer. */
  const ratingCard = (m: { body: Record<string, unknown> | null }) => String((m.body?.template_card as any)?.task_id ?? '').startsWith('rate-');
  const ask = async (user: string, text: string) => {
    const before = sentTo(t, user).length;
    await send(user, text);
    return contentOf(await eventually(() => sentTo(t, user).slice(before).find((m) => !ratingCard(m))));
  };
  const card = async (user: string, before: number, match: (c: any) => boolean) =>
    eventually(() => sentTo(t, user).slice(before).map((c) => c.body?.template_card as any).find((c) => c && match(c)));
  const click = async (user: string, c: any, label: string) => {
    clock.advance(60_000);
    const key = c.button_list.find((b: any) => b.text === label).key;
    expect((await t.postCallback(cardClickXml(user, c.task_id, key, Math.floor(clock.now().getTime() / 1000)))).status).toBe(200);
  };
  const customerId = async (name: string) =>
    (await t.db.query<{ id: string }>(`select id from customers where name = $1`, [name]))[0]?.id;

  /** An update naming a new customer, and the stage tapped on its card (or no tap). */
  async function update(user: string, text: string, customer: string, stage: string | null) {
    const before = sentTo(t, user).length;
    await send(user, text);
    const c = await card(user, before, (x) => String(x.main_title?.title ?? '').startsWith(customer));
    if (stage) {
      await click(user, c, stage);
      await eventually(async () => (await t.db.query(`select 1 from stage_changes s join customers c on c.id = s.customer_id where c.name = $1`, [customer])).length > 0);
    }
    return (await eventually(() => customerId(customer)))!;
  }

  async function report(user: string, text: string): Promise<string> {
    const before = sentTo(t, user).length;
    await send(user, text);
    const c = await card(user, before, (x) => String(x.task_id).startsWith('rpt-'));
    await click(user, c, '确认');
    await eventually(() => sentTo(t, user).slice(before).some((m) => contentOf(m).includes('战报已保存')));
    const rows = await t.db.query<{ id: string }>(`select id from battle_reports where user_id = $1 order by recorded_at desc limit 1`, [user]);
    return rows[0]!.id;
  }

  for (const p of Object.values(PEOPLE)) await ask(p.id, '你好');
  const teams = [
    ['east', { name: '华东组', memberUserIds: [PEOPLE.eRep1.id, PEOPLE.eRep2.id], managerUserIds: [PEOPLE.eBoss.id] }],
    ['west', { name: '华西组', memberUserIds: [PEOPLE.wRep.id], managerUserIds: [PEOPLE.wBoss.id] }],
  ] as const;
  for (const [key, body] of teams) expect((await t.send('PUT', `/api/teams/${key}`, body)).status).toBe(200);

  const customers: Record<string, string> = {};
  customers['宏达建材'] = await update(PEOPLE.eRep1.id, '拜访了宏达建材,了解一下需求', '宏达建材', '需求探询');
  clock.set('2026-12-01T10:00:00+08:00');
  customers['恒信机械'] = await update(PEOPLE.eRep1.id, '刚去了恒信机械,客户问了价格,账期想要60天', '恒信机械', '商务谈判');
  customers['永安纸业'] = await update(PEOPLE.eRep2.id, '今天去了永安纸业,给客户演示了方案', '永安纸业', '方案演示');
  customers['金鼎五金'] = await update(PEOPLE.eRep2.id, '刚去了金鼎五金,客户要样品', '金鼎五金', null);
  customers['瑞丰化工'] = await update(PEOPLE.wRep.id, '刚去了瑞丰化工,客户问了价格', '瑞丰化工', '商务谈判');
  const west = await report(PEOPLE.wRep.id, '战报 瑞丰化工报价三十万,下周五再去谈付款方式');
  clock.set('2026-12-02T10:00:00+08:00');
  const east = await report(PEOPLE.eRep1.id, '战报 恒信机械报价五十万,客户嫌贵,竞品是华为,下周三去签合同');
  // The managers' rating cards are pushes that may still be on their way: wait for them, so a test's first
  // question gets its own answer back and not a late card.
  await eventually(async () => (await t.db.query(`select 1 from outbox where status in ('pending', 'sending')`)).length === 0);
  return { t, clock, customers, reports: { east, west }, ask };
}
