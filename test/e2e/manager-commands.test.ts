// Managers' chat commands over their team: 漏斗, 逾期, 预测, 健康度; others get an explanation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardClickXml, eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';

// The server's clock is wall time moved to 10:00 Shanghai: the rating card is a push to the manager, and
// at night it would wait for 08:30 (quiet-hours.test.ts covers that).
const MINUTE = 60_000;
const shiftToMorning = (10 * 60 - Math.floor(Date.now() / MINUTE + 8 * 60) % 1440) * MINUTE;
const daytime = { now: () => new Date(Date.now() + shiftToMorning) };

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ clock: daytime });
});
afterAll(async () => {
  await t?.stop();
});

const to = (user: string) =>
  t.fake.sent().filter((c) => c.body?.touser === user || (c.body?.userids as string[] | undefined)?.includes(user));
const contentOf = (c: any) => (c.body.markdown?.content ?? c.body.text?.content ?? '') as string;

async function ask(user: string, text: string): Promise<string> {
  const before = to(user).length;
  await t.postCallback(textXml(user, text));
  const reply = await eventually(() => to(user)[before]);
  return contentOf(reply);
}

describe('manager commands', () => {
  it('answer for the manager’s team and explain themselves to others', async () => {
    await t.postCallback(textXml('m-rep', '刚去了恒信机械,客户问了价格,账期想要60天'));
    const card = await eventually(() => to('m-rep').find((c) => c.body?.msgtype === 'template_card'));
    const tc = card.body!.template_card as any;
    await t.postCallback(cardClickXml('m-rep', tc.task_id, tc.button_list.find((b: any) => b.text === '商务谈判').key));
    await eventually(() => to('m-rep').some((c) => c.path.endsWith('update_template_card')));
    await t.postCallback(textXml('m-boss', '你好'));
    await eventually(() => to('m-boss').length > 0);
    expect((await t.send('PUT', '/api/teams/m', { name: '一组', memberUserIds: ['m-rep'], managerUserIds: ['m-boss'] })).status).toBe(200);

    const funnel = await ask('m-boss', '漏斗');
    expect(funnel).toContain('商务谈判:1 个');
    expect(await ask('m-boss', '逾期')).toContain('逾期');
    expect(await ask('m-boss', '预测')).toContain('预测');
    const health = await ask('m-boss', '健康度');
    expect(health).toContain('72小时内跟进的在谈客户:100%');
    expect(await ask('m-boss', '排行 本周')).toContain('m-rep');
    expect(await ask('m-rep', '漏斗')).toContain('主管');
    // A rep's 逾期 is about their own customers.
    expect(await ask('m-rep', '逾期')).toContain('没有逾期');
  });
});

describe('manager rating', () => {
  it('sends the rep’s managers a rating card; a rating awards points once and flags the knowledge base', async () => {
    await t.postCallback(textXml('m-rep', '战报 恒信机械报价五十万,下周三去签合同'));
    const card = await eventually(() => to('m-rep').map((c) => c.body?.template_card as any).find((c) => c?.task_id?.startsWith('rpt-')));
    await t.postCallback(cardClickXml('m-rep', card.task_id, card.button_list.find((b: any) => b.text === '确认').key));
    const rating = await eventually(() => to('m-boss').map((c) => c.body?.template_card as any).find((c) => c?.task_id?.startsWith('rate-')));
    expect(rating.button_list.map((b: any) => b.text)).toEqual(['★', '★★', '★★★']);
    const two = rating.button_list.find((b: any) => b.text === '★★');
    const points = async () => (await t.db.query<{ n: number }>(`select coalesce(sum(points),0)::int as n from points_ledger where user_id = 'm-rep' and reason = 'rating'`))[0]!.n;
    await t.postCallback(cardClickXml('m-boss', rating.task_id, two.key));
    await t.postCallback(cardClickXml('m-boss', rating.task_id, rating.button_list[2].key, Math.floor(Date.now() / 1000) + 1));
    await eventually(() => to('m-rep').some((c) => ((c.body?.text as any)?.content ?? '').includes('★★')));
    await new Promise((r) => setTimeout(r, 1000));
    expect(await points()).toBe(5);
    const rows = await t.db.query<{ rating: number; knowledge: string }>(`select rating, knowledge from battle_reports where user_id = 'm-rep'`);
    expect(rows).toEqual([{ rating: 2, knowledge: 'knowledge_base' }]);
  });
});
