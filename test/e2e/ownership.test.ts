// Ownership on both channels (issue 11): a second rep's update or report on an owned customer is a touch
// plus one 撞单 notice a day to the owner and the owner's manager — no stage card, no stage move, no
// points; a manager's stage tap pays the owner; 转给 and the admin PUT hand a customer over; 查 / 怎么样了
// and 张三的战报 / 战报 @张三 answer in chat.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import type { Outgoing } from '../support/channel-drivers.js';
import { dingtalkText } from '../support/dingtalk-payloads.js';
import { eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

// A working morning: pushes to others (撞单, hand-overs) go at once, outside the quiet hours.
const clock = fixedClock(new Date('2026-11-10T09:00:00+08:00'));
/** Each message a minute after the last, so the one fake clock only moves forward. */
const tick = () => {
  clock.advance(60_000);
  return clock.now();
};
let t: TestServer;
let drivers: TwoChannelDrivers;
useTwoChannelTeam({ clock }, (team) => ({ t, drivers } = team));

const one = async <T>(sql: string, params: unknown[]) => (await t.db.query<Record<string, T>>(sql, params))[0];
const stageOf = async (name: string) => (await one<string | null>(`select stage from customers where name = $1`, [name]))?.stage;
const ownerOf = async (name: string) => (await one<string>(`select owner_user_id from customers where name = $1`, [name]))?.owner_user_id;
const points = async (user: string, reason?: string) =>
  Number((await one<number>(`select coalesce(sum(points), 0)::int as n from points_ledger where user_id = $1 and ($2::text is null or reason = $2)`, [user, reason ?? null]))!.n);

describe.each(['wecom', 'dingtalk'])('on %s', (channel) => {
  const d = () => drivers[channel]!;
  const id = (role: string) => `${channel}Own${role}`;
  // No id is a prefix of another: the DingTalk driver finds a user's replies by session-id prefix.
  const [owner, other, boss] = [id('Ann'), id('Ben'), id('Chef')];
  const names = channel === 'wecom' ? { [owner]: '王伟', [other]: '李娜', [boss]: '赵强' } : { [owner]: '孙丽', [other]: '周杰', [boss]: '吴敏' };
  const firm = channel === 'wecom' ? { a: '恒通机电', report: '宏达建材', transfer: '永安纸业' } : { a: '瑞丰化工', report: '金鼎五金', transfer: '安泰包装' };

  /** Sends a text as `user`, with the display name the platform gives (WeCom directory, DingTalk nick). */
  async function say(user: string, text: string): Promise<void> {
    if (channel === 'wecom') {
      t.fake.users.set(user, names[user]!);
      expect(await d().sendText(user, text, { at: tick() })).toBe(200);
    } else {
      expect((await t.postDingtalk({ ...dingtalkText(t.dingtalk, user, text, { createAt: tick().getTime() }), senderNick: names[user] })).status).toBe(200);
    }
  }
  const heard = (user: string) => d().outgoing(user);
  /** The answer to `text`: pushes that may arrive meanwhile (撞单 notices, rating cards) are not answers. */
  async function ask(user: string, text: string): Promise<Outgoing> {
    const before = heard(user).length;
    await say(user, text);
    return eventually(() => heard(user).slice(before).find((m) => !m.text.includes('撞单提醒') && !m.buttons.includes('★★★')));
  }
  async function choose(user: string, card: Outgoing, label: string): Promise<void> {
    expect(await d().choose(user, card, label, { at: tick() })).toBe(200);
  }
  const clashes = (user: string) => heard(user).filter((m) => m.text.includes('撞单提醒'));

  it('a second rep’s update is a touch and one 撞单 notice a day; no card, no stage move, no points', async () => {
    await ask(boss, '你好');
    await ask(other, '你好');
    const card = await ask(owner, `刚去了${firm.a},客户问了价格,账期想要60天`);
    expect(card.kind).toBe('card');
    await choose(owner, card, '需求探询');
    await eventually(async () => (await stageOf(firm.a)) === 'discovery');
    expect((await t.send('PUT', `/api/teams/own-${channel}`, { name: '归属组', memberUserIds: [owner, other], managerUserIds: [boss] })).status).toBe(200);

    const ack = await ask(other, `今天也去了${firm.a},客户说下周签合同,谈了价格`);
    expect(ack.kind).toBe('text');
    expect(ack.text).toContain(`由 ${names[owner]} 负责`);
    const notice = await eventually(() => clashes(owner)[0]);
    expect(notice.text).toContain(names[other]);
    expect(notice.text).toContain(firm.a);
    expect((await eventually(() => clashes(boss)[0])).text).toContain(`${names[owner]} 负责`);

    await ask(other, `又去了${firm.a},聊了交期`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(clashes(owner)).toHaveLength(1);
    expect(clashes(boss)).toHaveLength(1);
    expect(heard(other).some((m) => m.kind === 'card')).toBe(false);
    expect(await stageOf(firm.a)).toBe('discovery');
    expect(Number((await one<number>(`select count(*)::int as n from touches t join customers c on c.id = t.customer_id where c.name = $1 and t.user_id = $2`, [firm.a, other]))!.n)).toBe(2);
    expect(await points(other)).toBe(0);
  });

  it('a manager’s stage tap moves the stage and pays the owner', async () => {
    const card = await ask(boss, `${firm.a}砍价了,谈了价格`);
    expect(card.kind).toBe('card');
    await choose(boss, card, '商务谈判');
    await eventually(async () => (await stageOf(firm.a)) === 'negotiation');
    await eventually(async () => (await points(owner, 'stage_advance')) === 5);
    expect(await points(boss)).toBe(0);
    expect(clashes(owner)).toHaveLength(1);
  });

  it('a second rep’s report is saved without moving the stage; the owner hears of it', async () => {
    await ask(owner, `刚去了${firm.report},客户问了价格`);
    await eventually(async () => (await ownerOf(firm.report)) === owner);
    const card = await ask(other, `战报 ${firm.report}签了,合同金额八十万,下周一安排交付`);
    expect(card.buttons).toContain('确认');
    await choose(other, card, '确认');
    await eventually(() => heard(other).some((m) => m.text.includes('战报已保存')));
    await eventually(() => clashes(owner).some((m) => m.text.includes(firm.report)));
    // The manager's rating card for the report comes too (before the look-ups below ask the manager).
    await eventually(() => heard(boss).some((m) => m.buttons.includes('★★★')));
    expect(await stageOf(firm.report)).not.toBe('won');
    expect(await points(other, 'won')).toBe(0);
    expect(await points(owner, 'won')).toBe(0);
  });

  it('查 / 怎么样了: details for the owner and their manager, stage and owner for anyone else', async () => {
    const forBoss = (await ask(boss, `查 ${firm.a}`)).text;
    expect(forBoss).toContain('商务谈判');
    expect(forBoss).toContain(`负责人:${names[owner]}`);
    expect(forBoss).toContain('最近跟进');
    expect(forBoss).toContain('聊了交期');
    const forOwner = (await ask(owner, `${firm.a}怎么样了`)).text;
    expect(forOwner).toContain('最近跟进');
    expect(forOwner).toContain('最近战报');
    const forOther = (await ask(other, `${firm.a}现在什么情况?`)).text;
    expect(forOther).toContain(`负责人:${names[owner]}`);
    expect(forOther).toContain('只有负责人');
    expect(forOther).not.toContain('聊了交期');
    expect((await ask(other, '查 无此公司')).text).toContain('没找到客户');
  });

  it('张三的战报 / 战报 @张三: the manager reads a rep’s latest reports; a rep may not', async () => {
    const viaAt = (await ask(boss, `战报 @${names[other]}`)).text;
    expect(viaAt).toContain(firm.report);
    expect((await ask(boss, `${names[other]}的战报`)).text).toBe(viaAt);
    expect((await ask(owner, `${names[other]}的战报`)).text).toContain('主管');
    expect((await ask(other, '我的战报')).text).toContain(firm.report);
    // Not a person: the text goes its normal way, never a "没找到同事".
    expect((await ask(other, '今天的战报')).text).not.toContain('没找到同事');
  });

  it('转给 hands a customer over (managers only); both owners are told and the old card no longer moves it', async () => {
    const card = await ask(owner, `刚去了${firm.transfer},客户问了价格,账期想要60天`);
    expect((await ask(other, `转给 ${names[other]} ${firm.transfer}`)).text).toContain('主管');
    expect((await ask(boss, `转给 ${names[other]} ${firm.transfer}`)).text).toContain(`转给 ${names[other]}`);
    expect(await ownerOf(firm.transfer)).toBe(other);
    await eventually(() => heard(other).some((m) => m.text.includes(`转给了你`) && m.text.includes(firm.transfer)));
    await eventually(() => heard(owner).some((m) => m.text.includes(`转给了 ${names[other]}`)));
    // The card the former owner got before the hand-over is stale now.
    await choose(owner, card, '商务谈判');
    await eventually(() => heard(owner).some((m) => m.text.includes('现在由') && m.text.includes(firm.transfer)));
    expect(await stageOf(firm.transfer)).toBeNull();
  });
});

describe('PUT /api/customers/:id {"ownerUserId"}', () => {
  it('reassigns to a person id or an account reference, tells both owners, and refuses unknown people', async () => {
    const d = drivers.wecom!;
    await d.sendText('apiRepA', '刚去了盛世印务,客户问了价格', { at: tick() });
    await d.sendText('apiRepB', '你好', { at: tick() });
    const id = await eventually(async () => (await one<string>(`select id from customers where name = '盛世印务'`, []))?.id);
    await eventually(async () => (await t.api('/api/users')).json.items.some((u: any) => u.id === 'apiRepB'));
    const res = await t.send('PUT', `/api/customers/${id}`, { ownerUserId: 'apiRepB' });
    expect(res).toMatchObject({ status: 200, json: { changed: true, customer: { id, ownerUserId: 'apiRepB', name: '盛世印务' } } });
    await eventually(() => d.outgoing('apiRepB').some((m) => m.text.includes('管理员') && m.text.includes('盛世印务')));
    expect((await t.send('PUT', `/api/customers/${id}`, { ownerUserId: 'wecom:apiRepA' })).json).toMatchObject({ changed: true, customer: { ownerUserId: 'apiRepA' } });
    expect((await t.send('PUT', `/api/customers/${id}`, { ownerUserId: 'apiRepA' })).json.changed).toBe(false);
    expect(await t.send('PUT', `/api/customers/${id}`, { ownerUserId: 'ghost' })).toMatchObject({ status: 400, json: { code: 'unknown_user' } });
    expect((await t.send('PUT', '/api/customers/no-such-id', { ownerUserId: 'apiRepA' })).status).toBe(404);
    expect((await t.send('PUT', `/api/customers/${id}`, { name: '盛世印务集团', ownerUserId: 'apiRepB' })).json)
      .toMatchObject({ changed: true, customer: { name: '盛世印务集团', ownerUserId: 'apiRepB' } });
  });
});
