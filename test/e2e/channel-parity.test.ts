// Parity: one scenario table, run against the WeCom app, the WeCom AI bot (long connection) and DingTalk
// through the same server and pipeline. What a rep sees must match: topic → stage prompt → choice → stored
// stage; voice → report card → 确认 → saved; a visit in chat or in a report ends the golden 48 h; a duplicate
// delivery answered once; a forged message (bad signature; for the bot, another bot's frame) refused with
// nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelApi, type FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { startFakeWecomBot, type FakeWecomBot } from '../../scripts/dev/fake-wecom-bot.js';
import { dingtalkDriver, wecomBotDriver, wecomDriver, type ChannelDriver } from '../support/channel-drivers.js';
import { eventually, startTestServer, WECOM_BOT, type TestServer } from '../support/test-server.js';

let t: TestServer;
let model: FakeModelApi;
let bot: FakeWecomBot;
const drivers: Record<string, ChannelDriver> = {};

beforeAll(async () => {
  model = await startFakeModelApi();
  bot = await startFakeWecomBot(WECOM_BOT);
  t = await startTestServer({ env: { ASR_BASE_URL: model.url, ASR_API_KEY: 'test-key' }, wecomBot: bot });
  drivers.wecom = wecomDriver(t, model);
  drivers.wecom_bot = wecomBotDriver(bot);
  drivers.dingtalk = dingtalkDriver(t);
  await bot.waitForConnections(1, 10_000);
});
afterAll(async () => {
  await t?.stop();
  await bot?.stop();
  await model?.close();
});

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;

describe.each(['wecom', 'wecom_bot', 'dingtalk'])('on %s', (name) => {
  const d = () => drivers[name]!;
  const rep = (n: string) => `${name}Rep${n}x`;
  // Customers are per tenant and the channels share one: each run names its own.
  const firm = <T,>(wecom: T, bot: T, dingtalk: T): T => (name === 'wecom' ? wecom : name === 'wecom_bot' ? bot : dingtalk);

  it('turns a topic into a stage prompt, and the choice into a stored stage', async () => {
    const user = rep('A');
    const customer = firm('北辰电子', '东湖光电', '南岭电气');
    expect(await d().sendText(user, `刚去了${customer},客户问了价格,账期想要60天`)).toBe(200);
    const card = await eventually(() => d().outgoing(user).find((m) => m.kind === 'card'));
    expect(card.text).toContain(customer);
    expect(card.buttons).toEqual(expect.arrayContaining(['需求探询', '方案演示', '商务谈判']));
    expect(await d().choose(user, card, '商务谈判')).toBe(200);
    await eventually(() => d().outgoing(user).some((m) => m.kind === 'text' && m.text.includes('商务谈判')));
    const rows = await t.db.query<{ stage: string }>(`select stage from customers where owner_user_id = $1`, [user]);
    expect(rows).toEqual([{ stage: 'negotiation' }]);
    expect(await count(`select count(*)::int as n from stage_changes where user_id = $1`, [user])).toBe(1);
  });

  it('turns a voice note into a report card, and 确认 into a saved report', async () => {
    const user = rep('B');
    const customer = firm('嘉禾物流', '顺通物流', '远航物流');
    expect(await d().sendVoice(user, `今天去了${customer},和王经理谈了价格,报价八十万,下周三带合同过去。`)).toBe(200);
    const card = await eventually(() => d().outgoing(user).find((m) => m.kind === 'card' && m.buttons.includes('确认')));
    expect(card.text).toContain(customer);
    expect(card.buttons).toEqual(['确认', '修改', '作废']);
    expect(await d().choose(user, card, '确认')).toBe(200);
    await eventually(() => d().outgoing(user).some((m) => m.text.includes('战报已保存')));
    expect(await count(`select count(*)::int as n from battle_reports where user_id = $1`, [user])).toBe(1);
  });

  it('counts a visit said in chat or in a confirmed report: no golden 48 h for it, unlike a call', async () => {
    const user = rep('E');
    const [called, chatVisit, reportVisit] = firm(['青松建材', '红枫纺织', '金穗粮油'], ['翠竹门窗', '海棠服饰', '丰禾农牧'], ['白桦家具', '银杏医疗', '玉兰化工']);
    expect(await d().sendText(user, `和${called}通了电话,先聊了聊需求`)).toBe(200);
    expect(await d().sendText(user, `刚去了${chatVisit},先聊了聊需求`)).toBe(200);
    expect(await d().sendText(user, `战报 今天拜访了${reportVisit},王经理聊了聊需求`)).toBe(200);
    const card = await eventually(() => d().outgoing(user).find((m) => m.kind === 'card' && m.buttons.includes('确认')));
    expect(await d().choose(user, card, '确认')).toBe(200);
    await eventually(() => d().outgoing(user).some((m) => m.text.includes('战报已保存')));
    const kinds = await t.db.query<{ name: string; kind: string; has_visit: boolean; stage: string | null }>(
      `select c.name, t.kind, c.has_visit, c.stage from touches t join customers c on c.id = t.customer_id where t.user_id = $1 order by c.name`, [user]);
    expect(Object.fromEntries(kinds.map((k) => [k.name, [k.kind, k.has_visit]]))).toEqual({
      [called]: ['call', false], [chatVisit]: ['visit', true], [reportVisit]: ['visit', true],
    });
    // Not silenced by a stage: neither visit moved the deal to a proposal.
    expect(kinds.every((k) => k.stage === null || k.stage === 'discovery')).toBe(true);

    const run = await t.send('POST', '/api/jobs/reminders/run', { at: new Date(Date.now() + 49 * 3_600_000).toISOString() });
    const golden = (run.json.messages as { to: string; text: string }[]).filter((m) => m.to === user).map((m) => m.text).join('\n');
    expect(golden).toContain(called);
    expect(golden).not.toContain(chatVisit);
    expect(golden).not.toContain(reportVisit);
  });

  it('answers a duplicate delivery once', async () => {
    const user = rep('C');
    const id = firm('7399000000000000777', 'msgDuplicateParityBot01', 'msgDuplicateParity01==');
    expect(await d().sendText(user, '我的客户', { id })).toBe(200);
    expect(await d().sendText(user, '我的客户', { id })).toBe(200);
    await eventually(() => d().outgoing(user).length > 0);
    await new Promise((r) => setTimeout(r, 1200));
    expect(d().outgoing(user)).toHaveLength(1);
    expect(await count(`select count(*)::int as n from inbox where event->>'senderId' = $1`, [user])).toBe(1);
  });

  it('refuses a forged message with a 4xx and stores nothing', async () => {
    const user = rep('D');
    const status = await d().sendText(user, '刚去了北辰电子', { badSignature: true });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(await count(`select count(*)::int as n from inbox where event->>'senderId' = $1`, [user])).toBe(0);
  });
});
