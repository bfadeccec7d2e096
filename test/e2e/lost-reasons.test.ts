// Lost reasons (issue 15 item 8) on WeCom and DingTalk: moving a deal to lost — a stage card tap or a
// confirmed report — brings the reason card (buttons on WeCom, numbered choices on DingTalk); a reason is
// stored once on the stage change with an optional line of detail, "其他" asks for a word, and the
// manager's 漏斗 shows the top reasons.
import { describe, expect, it } from 'vitest';
import type { Outgoing } from '../support/channel-drivers.js';
import { eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

let t: TestServer;
let drivers: TwoChannelDrivers;
const REASONS = ['价格', '竞品', '预算', '时机', '产品不符', '其他'];
useTwoChannelTeam({}, (team) => ({ t, drivers } = team));

const lostRows = (user: string) =>
  t.db.query<{ name: string; lost_reason: string | null; lost_note: string | null }>(
    `select c.name, s.lost_reason, s.lost_note from stage_changes s join customers c on c.id = s.customer_id
     where s.user_id = $1 and s.to_stage = 'lost' order by c.name`, [user]);

describe.each(['wecom', 'dingtalk'])('on %s', (name) => {
  const d = () => drivers[name]!;
  const rep = `${name}LostRep`;
  const boss = `${name}LostBoss`;
  const [priceFirm, otherFirm, reportFirm] = name === 'wecom' ? ['恒信机械', '嘉禾物流', '华岳塑胶'] : ['北辰电子', '远航物流', '松柏建材'];

  /** Sends a text and waits for the `n`-th card after it whose buttons satisfy `pick`. */
  async function sendForCard(text: string, pick: (c: Outgoing) => boolean): Promise<Outgoing> {
    const before = d().outgoing(rep).length;
    expect(await d().sendText(rep, text)).toBe(200);
    return eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card' && pick(m)));
  }
  async function choose(card: Outgoing, label: string, expectText: string | RegExp): Promise<string> {
    const before = d().outgoing(rep).length;
    expect(await d().choose(rep, card, label)).toBe(200);
    return (await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind !== 'card' && (typeof expectText === 'string' ? m.text.includes(expectText) : expectText.test(m.text))))).text;
  }
  async function reply(text: string, expectText: string): Promise<string> {
    const before = d().outgoing(rep).length;
    expect(await d().sendText(rep, text)).toBe(200);
    return (await eventually(() => d().outgoing(rep).slice(before).find((m) => m.text.includes(expectText)))).text;
  }
  const isReasonCard = (c: Outgoing) => REASONS.every((r) => c.buttons.includes(r));

  it('asks why after a tap on 丢单, stores the reason once and takes a line of detail', async () => {
    const stageCard = await sendForCard(`今天去了${priceFirm},项目黄了,客户选了别家`, (c) => c.buttons.includes('丢单'));
    const before = d().outgoing(rep).length;
    expect(await d().choose(rep, stageCard, '丢单')).toBe(200);
    const reasonCard = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card' && isReasonCard(m)));
    expect(reasonCard.text).toContain(priceFirm);
    expect(reasonCard.buttons).toEqual(REASONS);

    expect(await choose(reasonCard, '价格', '已记下')).toContain(`${priceFirm} 的丢单原因:价格`);
    expect(await reply('对方比我们便宜两成', '补充已记到')).toContain(priceFirm);
    expect(await lostRows(rep)).toEqual([{ name: priceFirm, lost_reason: 'price', lost_note: '对方比我们便宜两成' }]);
    if (name === 'wecom') {
      // A second tap on the same card changes nothing and says what was recorded.
      expect(await choose(reasonCard, '竞品', '已经记过了')).toContain('价格');
      expect((await lostRows(rep))[0]!.lost_reason).toBe('price');
    }
  });

  it('asks for a word after 其他', async () => {
    const stageCard = await sendForCard(`今天去了${otherFirm},项目黄了,客户选了别家`, (c) => c.buttons.includes('丢单'));
    const before = d().outgoing(rep).length;
    expect(await d().choose(rep, stageCard, '丢单')).toBe(200);
    const reasonCard = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card' && isReasonCard(m)));
    expect(await choose(reasonCard, '其他', '原因是什么')).toContain(otherFirm);
    expect(await reply('客户公司被收购了', '已记下')).toContain(`${otherFirm} 的丢单原因:客户公司被收购了`);
    expect((await lostRows(rep)).find((r) => r.name === otherFirm)).toEqual({ name: otherFirm, lost_reason: 'other', lost_note: '客户公司被收购了' });
  });

  it('asks after a confirmed report whose stage is lost; an update about another customer is no detail', async () => {
    const reportCard = await sendForCard(`战报 今天去了${reportFirm},项目黄了,客户选了别家`, (c) => c.buttons.includes('确认'));
    const before = d().outgoing(rep).length;
    expect(await d().choose(rep, reportCard, '确认')).toBe(200);
    const reasonCard = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card' && isReasonCard(m)));
    expect(reasonCard.text).toContain(reportFirm);
    await choose(reasonCard, '预算', '已记下');
    // An update about another customer is not the detail: it is handled as an update.
    expect(await reply(`今天去了${priceFirm},客户又问了价格`, priceFirm)).not.toContain('补充');
    expect((await lostRows(rep)).find((r) => r.name === reportFirm)).toEqual({ name: reportFirm, lost_reason: 'budget', lost_note: null });
  });

  it('shows the top reasons in the manager’s 漏斗', async () => {
    expect(await d().sendText(boss, '你好')).toBe(200);
    await eventually(() => d().outgoing(boss).length > 0);
    expect((await t.send('PUT', `/api/teams/${name}-lost`, { name: '丢单组', memberUserIds: [rep], managerUserIds: [boss] })).status).toBe(200);
    const before = d().outgoing(boss).length;
    expect(await d().sendText(boss, '漏斗')).toBe(200);
    const funnel = await eventually(() => d().outgoing(boss).slice(before).find((m) => m.text.includes('漏斗')));
    expect(funnel.text).toMatch(/丢单原因:(价格 1|其他 1|预算 1)( · (价格 1|其他 1|预算 1)){2}/);
  });
});
