// 喜报 and knowledge in the moment (issue 15 items 5–6), on the WeCom app and on DingTalk: a won deal posts
// one congratulation to the team target — once on a redelivered click, once through a reopen and a
// second win, not at all when the team turned it off (API or 喜报 关 / 开); a confirmed report with a 价格
// objection brings the team's ★★/★★★ answers, same industry first; 案例 价格 asks for them any time.
import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../support/channel-drivers.js';
import { dingtalkText } from '../support/dingtalk-payloads.js';
import { cardClickXml, eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';
import { topObjectionsByIndustry } from '../../src/app/knowledge/top-objections.js';

// Wall time moved to 10:00 Shanghai: team posts and rating cards are pushes, and at night they wait for 08:30.
const MINUTE = 60_000;
const shiftToMorning = (10 * 60 - Math.floor(Date.now() / MINUTE + 8 * 60) % 1440) * MINUTE;
const daytime = { now: () => new Date(Date.now() + shiftToMorning) };

let t: TestServer;
let drivers: TwoChannelDrivers;
useTwoChannelTeam({ clock: daytime }, (team) => ({ t, drivers } = team));

const DT_ROBOT = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const settle = () => new Promise((r) => setTimeout(r, 1500));

describe.each(['wecom', 'dingtalk'] as const)('on %s', (name) => {
  const d = () => drivers[name]!;
  const star = `${name}WinStar`;
  const rookie = `${name}WinRookie`;
  const boss = `${name}WinBoss`;
  const team = `wins-${name}`;
  // Customers are per tenant and both channels share one: each run names its own.
  const firm = (wecom: string, dingtalk: string) => (name === 'wecom' ? wecom : dingtalk);
  const alert = name === 'wecom' ? { kind: 'wecom_webhook', key: 'robot-key-wins' } : { kind: 'dingtalk_webhook', accessToken: DT_ROBOT, secret: null };

  /** What the team target received that names the customer. */
  const posts = (customer: string): string[] =>
    name === 'wecom'
      ? t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send').map((c) => (c.body?.markdown as any)?.content ?? '').filter((s: string) => s.includes(customer))
      : t.dingtalk.sent().filter((c) => c.path === '/robot/send').map((c) => (c.body?.markdown as any)?.text ?? '').filter((s: string) => s.includes(customer));

  const after = (user: string, n: number, pick: (m: Outgoing) => boolean) => eventually(() => d().outgoing(user).slice(n).find(pick));

  /**
   * DingTalk remembers a numbered card only after sending it (channels/dingtalk/sender.ts): wait for that
   * before answering, or a quick "1" is read as text.
   */
  const ready = async (user: string, taskPrefix: string) => {
    if (name !== 'dingtalk') return;
    await eventually(async () => (await t.db.query('select 1 from pending_choices where user_id = $1 and task_id like $2', [user, `${taskPrefix}%`])).length > 0);
  };

  /** The answer that speaks of `word` (card updates such as "已确认" and pushes may cross it). */
  const about = (word: string) => (m: Outgoing) => m.kind !== 'card' && m.text.includes(word);

  /** Sends a text; resolves with the first message back that `pick` accepts (by default no card: pushes such as rating cards may cross). */
  async function say(user: string, text: string, pick: (m: Outgoing) => boolean = (m) => m.kind !== 'card'): Promise<Outgoing> {
    const n = d().outgoing(user).length;
    expect(await d().sendText(user, text)).toBe(200);
    return after(user, n, pick);
  }

  /** Sends a 战报 and taps 确认; resolves when it is saved. */
  async function report(user: string, text: string): Promise<void> {
    const card = await say(user, `战报 ${text}`, (m) => m.kind === 'card' && m.buttons.includes('确认'));
    await ready(user, 'rpt-');
    const n = d().outgoing(user).length;
    expect(await d().choose(user, card, '确认')).toBe(200);
    await after(user, n, (m) => m.text.includes('战报已保存'));
  }

  /** Taps a card button, and delivers exactly the same callback a second time (a platform retry). */
  async function chooseTwice(user: string, card: Outgoing, label: string): Promise<void> {
    await ready(user, 'stg-');
    if (name === 'wecom') {
      const tc = card.raw.template_card;
      const xml = cardClickXml(user, tc.task_id, tc.button_list.find((b: any) => b.text === label).key);
      for (let i = 0; i < 2; i++) expect((await t.postCallback(xml)).status).toBe(200);
    } else {
      const body = dingtalkText(t.dingtalk, user, String(card.buttons.indexOf(label) + 1));
      for (let i = 0; i < 2; i++) expect((await t.postDingtalk(body)).status).toBe(200);
    }
  }

  async function rate(customer: string, stars: string): Promise<void> {
    const card = await eventually(() => d().outgoing(boss).find((m) => m.kind === 'card' && m.buttons.includes('★★★') && m.text.includes(customer)));
    const [{ id }] = await t.db.query<{ id: string }>('select id from battle_reports where customer_name = $1', [customer]);
    await ready(boss, `rate-${id}`);
    const n = d().outgoing(star).length;
    expect(await d().choose(boss, card, stars)).toBe(200);
    await after(star, n, (m) => m.text.includes(`打了${stars}`));
  }

  it('posts one 喜报 for a won deal, even on a redelivered click and through a reopen and a second win', async () => {
    if (name === 'wecom') t.fake.users.set(star, '张三');
    else t.dingtalk.customRobots.set(DT_ROBOT, null);
    const won = firm('北辰机械', '金川机械');
    const card = await say(star, `刚去了${won},客户问了价格`, (m) => m.kind === 'card');
    await ready(star, 'stg-');
    await d().choose(star, card, '商务谈判');
    await say(boss, '你好');
    await say(rookie, '你好');
    const put = await t.send('PUT', `/api/teams/${team}`, { name: `${name}一组`, memberUserIds: [star, rookie], managerUserIds: [boss], alert });
    expect(put.status).toBe(200);

    const winCard = await say(star, `${won}签了,合同八十万`, (m) => m.kind === 'card' && m.buttons.includes('赢单'));
    await chooseTwice(star, winCard, '赢单');
    const [post] = await eventually(() => (posts(won).length ? posts(won) : null));
    expect(post).toContain('喜报');
    expect(post).toContain(name === 'wecom' ? '张三' : '测试同学');
    expect(post).toContain('首次接触当天拿下');
    // Reopened by a report (谈价格 again), won again by a report: still the one post.
    await report(star, `${won}那边又谈了价格,客户要再降五个点`);
    await report(star, `${won}签了,合同八十万`);
    const stages = await t.db.query<{ to_stage: string }>(
      `select s.to_stage from stage_changes s join customers c on c.id = s.customer_id where c.name = $1 order by s.changed_at, s.created_at`, [won]);
    expect(stages.map((s) => s.to_stage)).toEqual(['negotiation', 'won', 'negotiation', 'won']);
    await settle();
    expect(posts(won)).toHaveLength(1);

    // A first win through a confirmed report posts too, with the report's amount.
    const byReport = firm('东岭物流', '远洋物流');
    await report(star, `今天拜访了${byReport},签了,合同八十万`);
    const [second] = await eventually(() => (posts(byReport).length ? posts(byReport) : null));
    expect(second).toContain('金额 80万');
  });

  it('posts nothing while the team has 喜报 off, and managers switch it in chat', async () => {
    const off = await t.send('PUT', `/api/teams/${team}/settings`, { winPosts: false });
    expect(off).toEqual({ status: 200, json: { teamKey: team, winPosts: false } });
    // The team itself is saved as before, and saving it keeps the switch.
    expect((await t.send('PUT', `/api/teams/${team}`, { name: `${name}一组`, memberUserIds: [star, rookie], managerUserIds: [boss], alert })).status).toBe(200);
    expect((await t.api(`/api/teams/${team}/settings`)).json).toEqual({ teamKey: team, winPosts: false });
    expect((await t.send('PUT', `/api/teams/${team}/settings`, { winPosts: 'no' })).status).toBe(400);
    expect((await t.send('PUT', '/api/teams/no-such-team/settings', { winPosts: false })).status).toBe(404);

    const quiet = firm('南山建材', '青松建材');
    await report(star, `今天拜访了${quiet},签了,合同五十万`);
    await settle();
    expect(posts(quiet)).toEqual([]);

    expect((await say(rookie, '喜报 开', about('喜报'))).text).toContain('主管');
    expect((await say(boss, '喜报', about('喜报'))).text).toContain('喜报已关');
    expect((await say(boss, '喜报 开', about('喜报'))).text).toContain('已打开');
    const loud = firm('西江电气', '白桦电气');
    await report(star, `今天拜访了${loud},签了,合同五十万`);
    await eventually(() => posts(loud).length === 1);
    expect((await say(boss, '喜报 关', about('喜报'))).text).toContain('已关闭');
    expect((await t.api(`/api/teams/${team}/settings`)).json.winPosts).toBe(false);
  });

  it('answers a 价格 objection with the team’s rated reports, same industry first; 案例 价格 any time', async () => {
    const mfg = firm('华东机械', '华西机械');
    const hospital = firm('第一人民医院', '第二人民医院');
    await report(star, `今天拜访了${mfg},王经理嫌价格贵,我们算了三年的总成本,比竞品低15%,客户接受了,下周三签合同`);
    await rate(mfg, '★★');
    await report(star, `今天去了${hospital},院长嫌价格太高,我们拿了同级医院的案例给他看,院长同意再谈,下周五再去`);
    await rate(hospital, '★★★');
    const industries = await t.db.query<{ name: string; industry: string }>('select name, industry from customers where name = any($1) order by name', [[mfg, hospital]]);
    expect(Object.fromEntries(industries.map((r) => [r.name, r.industry]))).toEqual({ [mfg]: '制造', [hospital]: '医疗' });

    const mine = firm('宏远机械', '宏达机械');
    const n = d().outgoing(rookie).length;
    const card = await say(rookie, `战报 今天去了${mine},张总说价格太高了,下周五再去谈`, (m) => m.kind === 'card' && m.buttons.includes('确认'));
    await ready(rookie, 'rpt-');
    await d().choose(rookie, card, '确认');
    const answers = await after(rookie, n, (m) => m.text.includes('同事怎么应对'));
    expect(answers.text).toContain('「价格」');
    // Same industry (制造) first, though the hospital's report has more stars.
    expect(answers.text.indexOf(mfg)).toBeGreaterThan(0);
    expect(answers.text.indexOf(mfg)).toBeLessThan(answers.text.indexOf(hospital));
    expect(answers.text).toContain('我们算了三年的总成本');
    expect(answers.text).toContain('★★★');

    const asked = await say(rookie, '案例 价格', about('同事怎么应对'));
    expect(asked.text).toContain('同事怎么应对「价格」');
    expect(asked.text).toContain(hospital);
    expect((await say(rookie, '案例', about('案例'))).text).toContain('案例 价格');
    expect((await say(rookie, '案例 交期', about('交期'))).text).toContain('还没有');
    // The rated reports are the star's own: no 同事怎么应对 for them.
    expect(d().outgoing(star).some((m) => m.text.includes('同事怎么应对'))).toBe(false);
  });
});

describe('top objections by industry (for the weekly report)', () => {
  it('counts each industry’s objections of the period, most raised first', async () => {
    const since = new Date(Date.now() - 90 * 86_400_000);
    const all = await topObjectionsByIndustry(t.db, t.config.defaultTenantId, since);
    const mfg = all.find((i) => i.industry === '制造')!;
    expect(mfg.top[0]).toMatchObject({ topic: 'price', label: '价格' });
    expect(mfg.reports).toBeGreaterThanOrEqual(4);
    expect(all.find((i) => i.industry === '医疗')!.top).toEqual([{ topic: 'price', label: '价格', reports: 2 }]);
    expect(await topObjectionsByIndustry(t.db, t.config.defaultTenantId, new Date(Date.now() + 86_400_000))).toEqual([]);
  });
});

describe('industries through the admin API', () => {
  it('are derived from the name, re-derived on rename, and an admin’s industry stays', async () => {
    const list = await t.api('/api/customers?search=%E5%AE%8F%E8%BF%9C%E6%9C%BA%E6%A2%B0');
    const id = list.json?.items?.[0]?.id ?? (await t.db.query<{ id: string }>(`select id from customers where name = '宏远机械'`))[0]!.id;
    const renamed = await t.send('PUT', `/api/customers/${id}`, { name: '宏远物流' });
    expect(renamed.json.customer.industry).toBe('物流');
    const set = await t.send('PUT', `/api/customers/${id}`, { industry: '汽车' });
    expect(set.json).toMatchObject({ changed: true, customer: { name: '宏远物流', industry: '汽车' } });
    expect((await t.send('PUT', `/api/customers/${id}`, { name: '宏远医院' })).json.customer.industry).toBe('汽车');
    expect((await t.send('PUT', `/api/customers/${id}`, { industry: null })).json.customer.industry).toBe('医疗');
    expect((await t.send('PUT', `/api/customers/${id}`, { industry: 5 })).status).toBe(400);
  });
});
