// People and identities (issue 11): a DingTalk staffId equal to a WeCom userid is another person; DingTalk
// nicks become names; a person's messages go to the channel they last wrote from (a WeCom-only manager's
// rating card goes through WeCom though the rep writes on DingTalk); accounts are linked by the directory
// (same mobile) or an admin; a member belongs to one team at most.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeModelApi, type FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { fixedClock } from '../../src/shared/clock.js';
import { dingtalkDriver, wecomDriver, type ChannelDriver, type Outgoing } from '../support/channel-drivers.js';
import { dingtalkText } from '../support/dingtalk-payloads.js';
import { eventually, startTestServer, type TestServer } from '../support/test-server.js';

// A working morning, so pushes to others are not held for the quiet hours.
const clock = fixedClock(new Date('2026-11-12T09:00:00+08:00'));
const tick = () => {
  clock.advance(60_000);
  return clock.now();
};
let t: TestServer;
let model: FakeModelApi;
let wecom: ChannelDriver;
let dingtalk: ChannelDriver;

beforeAll(async () => {
  model = await startFakeModelApi();
  t = await startTestServer({ clock });
  wecom = wecomDriver(t, model);
  dingtalk = dingtalkDriver(t);
});
afterAll(async () => {
  await t?.stop();
  await model?.close();
});

async function ask(d: ChannelDriver, user: string, text: string, nick?: string): Promise<Outgoing> {
  const before = d.outgoing(user).length;
  if (d.name === 'dingtalk' && nick) {
    expect((await t.postDingtalk({ ...dingtalkText(t.dingtalk, user, text, { createAt: tick().getTime() }), senderNick: nick })).status).toBe(200);
  } else {
    expect(await d.sendText(user, text, { at: tick() })).toBe(200);
  }
  return eventually(() => d.outgoing(user)[before]);
}
const users = async () => (await t.api('/api/users')).json.items as any[];
const userOf = async (id: string) => (await users()).find((u) => u.id === id);
const personOf = async (channel: string, platformId: string) =>
  (await t.db.query<{ user_id: string }>('select user_id from identities where channel = $1 and platform_id = $2', [channel, platformId]))[0]?.user_id;

describe('accounts on two channels', () => {
  it('keeps a DingTalk staffId equal to a WeCom userid a person of its own, with its own customers', async () => {
    t.fake.users.set('same001', '郑一');
    await ask(wecom, 'same001', '刚去了青峰纺织,客户问了价格');
    await ask(dingtalk, 'same001', '刚去了白鹭陶瓷,客户问了交期', '陈二');
    const onWecom = (await ask(wecom, 'same001', '我的客户')).text;
    const onDingtalk = (await ask(dingtalk, 'same001', '我的客户')).text;
    expect(onWecom).toContain('青峰纺织');
    expect(onWecom).not.toContain('白鹭陶瓷');
    expect(onDingtalk).toContain('白鹭陶瓷');
    expect(onDingtalk).not.toContain('青峰纺织');
    expect(await personOf('wecom', 'same001')).toBe('same001');
    expect(await personOf('dingtalk', 'same001')).toBe('dingtalk:same001');
    // The DingTalk nick is the person's name; the WeCom directory name stays the WeCom person's.
    expect(await userOf('dingtalk:same001')).toMatchObject({ name: '陈二', identities: [{ channel: 'dingtalk', platformId: 'same001' }] });
    expect(await userOf('same001')).toMatchObject({ name: '郑一', identities: [{ channel: 'wecom', platformId: 'same001' }] });
  });

  it('sends a WeCom-only manager’s rating card through WeCom when the rep writes on DingTalk, and the rating back on DingTalk', async () => {
    t.fake.users.set('wxBossR', '褚经理');
    await ask(wecom, 'wxBossR', '你好');
    await ask(dingtalk, 'dtRepR', '你好', '卫三');
    expect((await t.send('PUT', '/api/teams/mixed', { name: '混合组', memberUserIds: ['dtRepR'], managerUserIds: ['wxBossR'] })).status).toBe(200);
    const card = await ask(dingtalk, 'dtRepR', '战报 今天拜访了紫金电缆,报价五十万,下周三去签合同', '卫三');
    expect(card.buttons).toContain('确认');
    expect(await dingtalk.choose('dtRepR', card, '确认', { at: tick() })).toBe(200);
    const rating = await eventually(() => wecom.outgoing('wxBossR').find((m) => m.buttons.includes('★★★')));
    expect(rating.text).toContain('卫三');
    expect(dingtalk.outgoing('wxBossR')).toEqual([]);
    expect(await wecom.choose('wxBossR', rating, '★★', { at: tick() })).toBe(200);
    await eventually(() => dingtalk.outgoing('dtRepR').some((m) => m.text.includes('主管给你')));
    expect(wecom.outgoing('dtRepR')).toEqual([]);
  });

  it('links two accounts with the same mobile in the directory; the person hears on the channel last used', async () => {
    t.fake.users.set('wxLink', '冯五');
    t.fake.contacts.set('wxLink', { mobile: '13800001111' });
    t.dingtalk.users.set('dtLink', { name: '冯五', mobile: '+86 138-0000-1111' });
    await ask(wecom, 'wxLink', '刚去了蓝海渔具,客户问了价格');
    const list = (await ask(dingtalk, 'dtLink', '我的客户')).text;
    expect(list).toContain('蓝海渔具');
    expect(await personOf('dingtalk', 'dtLink')).toBe('wxLink');
    expect((await userOf('wxLink')).identities.map((i: any) => i.channel)).toEqual(['dingtalk', 'wecom']);
    // No mobile or email stored, only keys.
    const stored = JSON.stringify(await t.db.query('select * from identities where user_id = $1', ['wxLink']));
    expect(stored).not.toContain('13800001111');
  });

  it('links an account by admin; an account whose person owns customers is refused', async () => {
    await ask(dingtalk, 'dtAdm', '你好', '蒋六');
    await ask(wecom, 'wxAdm', '刚去了松涛家具,客户问了价格');
    const linked = await t.send('POST', '/api/users/wxAdm/identities', { channel: 'dingtalk', platformId: 'dtAdm' });
    expect(linked).toMatchObject({ status: 200, json: { linked: true, movedFromUserId: 'dtAdm', removedUserId: 'dtAdm' } });
    expect(linked.json.user.identities.map((i: any) => `${i.channel}:${i.platformId}`).sort()).toEqual(['dingtalk:dtAdm', 'wecom:wxAdm']);
    expect(await userOf('dtAdm')).toBeUndefined();
    expect((await ask(dingtalk, 'dtAdm', '我的客户')).text).toContain('松涛家具');
    expect((await t.send('POST', '/api/users/wxAdm/identities', { channel: 'dingtalk', platformId: 'dtAdm' })).json.linked).toBe(false);

    await ask(dingtalk, 'dtOwn', '刚去了云杉木业,客户问了价格', '沈七');
    expect(await t.send('POST', '/api/users/wxAdm/identities', { channel: 'dingtalk', platformId: 'dtOwn' }))
      .toMatchObject({ status: 409, json: { code: 'identity_in_use', userId: 'dtOwn', customers: 1 } });
    expect((await t.send('POST', '/api/users/wxAdm/identities', { channel: 'email', platformId: 'x' })).status).toBe(400);
    expect((await t.send('POST', '/api/users/ghost/identities', { channel: 'wecom', platformId: 'x' })).status).toBe(404);
    // A new account linked before it ever wrote.
    expect((await t.send('POST', '/api/users/wxAdm/identities', { channel: 'wecom', platformId: 'wxAdm2' })).json.linked).toBe(true);
    await ask(wecom, 'wxAdm2', '我的客户');
    expect(await personOf('wecom', 'wxAdm2')).toBe('wxAdm');
  });
});

describe('teams', () => {
  it('moves a member out of the old team and says so; managers may lead several; accounts name people too', async () => {
    for (const u of ['tmRep', 'tmBoss']) await ask(wecom, u, '你好');
    await ask(dingtalk, 'tmRep', '你好', '韩八'); // a second person: dingtalk:tmRep
    expect((await t.send('PUT', '/api/teams/north', { name: '北区', memberUserIds: ['tmRep'], managerUserIds: ['tmBoss'] })).json.movedMembers).toEqual([]);
    const south = await t.send('PUT', '/api/teams/south', { name: '南区', memberUserIds: ['tmRep', 'dingtalk:tmRep'], managerUserIds: ['tmBoss'] });
    expect(south.status).toBe(200);
    expect(south.json.movedMembers).toEqual([{ userId: 'tmRep', fromTeamKey: 'north' }]);
    expect(south.json.memberUserIds.sort()).toEqual(['dingtalk:tmRep', 'tmRep']);
    const teams = (await t.api('/api/teams')).json.items as any[];
    expect(teams.find((x) => x.key === 'north')).toMatchObject({ memberUserIds: [], managerUserIds: ['tmBoss'] });
    expect(teams.find((x) => x.key === 'south')).toMatchObject({ managerUserIds: ['tmBoss'] });
    expect((await userOf('tmRep')).teamKey).toBe('south');
    expect((await t.send('PUT', '/api/teams/x', { name: 'x', memberUserIds: ['wecom:nobody'] })).json).toMatchObject({ code: 'unknown_user', userIds: ['wecom:nobody'] });
  });
});
