// End to end: signed WeCom callbacks in, fake WeCom API out, real database in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, cardClickXml, eventually, imageXml, startTestServer, textXml, type TestServer } from '../support/test-server.js';

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const sentTo = (user: string) =>
  t.fake.sent().filter((c) => c.body?.touser === user || (c.body?.userids as string[] | undefined)?.includes(user));

async function inboxCount(): Promise<number> {
  const rows = await t.db.query<{ n: number }>('select count(*)::int as n from inbox');
  return rows[0]!.n;
}

describe('text update → stage card → click → stored stage', () => {
  it('recognises customer and topics, sends a stage card, stores the chosen stage once', async () => {
    t.fake.users.set('zhangsan', '张三'); // the contacts directory knows this rep
    const res = await t.postCallback(textXml('zhangsan', '刚去了恒信机械,客户问了价格,账期想要60天'));
    expect(res).toEqual({ status: 200, body: '' });

    const card = await eventually(() => sentTo('zhangsan').find((c) => c.body?.msgtype === 'template_card'));
    const tc = card.body!.template_card as any;
    expect(tc.card_type).toBe('button_interaction');
    expect(card.body!.enable_duplicate_check).toBe(1);
    const texts = tc.button_list.map((b: any) => b.text);
    expect(texts).toEqual(expect.arrayContaining(['商务谈判', '方案演示', '需求探询']));
    const negotiation = tc.button_list.find((b: any) => b.text.includes('商务谈判'));
    expect(negotiation.style).toBe(1); // suggested stage highlighted
    expect(tc.main_title.title).toContain('恒信机械');

    const list = await t.api('/api/customers?q=恒信');
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    const customer = list.json.items[0];
    expect(customer).toMatchObject({ name: '恒信机械', stage: null, ownerUserId: 'zhangsan' });
    const detail = await t.api(`/api/customers/${customer.id}`);
    expect(detail.json.touches[0].topics).toEqual(expect.arrayContaining(['price', 'payment_terms']));

    // The rep taps 商务谈判 — twice, as flaky networks do, and WeCom also retries the first delivery.
    const click = cardClickXml('zhangsan', tc.task_id, negotiation.key);
    expect((await t.postCallback(click)).status).toBe(200);
    expect((await t.postCallback(click)).status).toBe(200);
    await t.postCallback(cardClickXml('zhangsan', tc.task_id, negotiation.key, Math.floor(Date.now() / 1000) + 1));

    const update = await eventually(() => sentTo('zhangsan').find((c) => c.path.endsWith('update_template_card')));
    expect((update.body!.button as any).replace_name).toContain('商务谈判');
    const after = await eventually(async () => {
      const d = await t.api(`/api/customers/${customer.id}`);
      return d.json.stage === 'negotiation' ? d.json : null;
    });
    expect(after.stageHistory).toHaveLength(1);
    expect(after.stageHistory[0]).toMatchObject({ from: null, to: 'negotiation', userId: 'zhangsan' });
    expect(after.stageHistory[0].evidence.text).toContain('恒信机械');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo('zhangsan').filter((c) => c.path.endsWith('update_template_card'))).toHaveLength(1);
  });

  it('uses the customer from the last 30 minutes when the update names none', async () => {
    await t.postCallback(textXml('lisi', '上午拜访了华安医药,聊了需求'));
    await eventually(() => sentTo('lisi').length >= 1);
    await t.postCallback(textXml('lisi', '他们还想要样品试用'));
    await eventually(() => sentTo('lisi').length >= 2);
    const list = await t.api('/api/customers?q=华安');
    const detail = await t.api(`/api/customers/${list.json.items[0].id}`);
    expect(detail.json.touches.map((x: any) => x.text)).toContain('他们还想要样品试用');
  });

  it('asks which customer when it cannot tell, and takes a typed name as the answer', async () => {
    await t.postCallback(textXml('wangwu', '客户觉得价格有点高'));
    const ask = await eventually(() => sentTo('wangwu').find((c) => c.body?.msgtype === 'text'));
    expect((ask.body!.text as any).content).toContain('哪个客户');
    await t.postCallback(textXml('wangwu', '瑞和医院'));
    await eventually(() => sentTo('wangwu').find((c) => c.body?.msgtype === 'template_card'));
    const list = await t.api('/api/customers?q=瑞和');
    expect(list.json.items[0]).toMatchObject({ name: '瑞和医院', ownerUserId: 'wangwu' });
  });
});

describe('delivery guarantees', () => {
  it('three deliveries of one MsgId produce one reply', async () => {
    const xml = textXml('zhaoliu', '帮助', Math.floor(Date.now() / 1000), '7399999999999999001');
    for (let i = 0; i < 3; i++) expect(await t.postCallback(xml)).toEqual({ status: 200, body: '' });
    await eventually(() => sentTo('zhaoliu').length >= 1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sentTo('zhaoliu')).toHaveLength(1);
  });

  it('rejects bad signatures, stale timestamps, oversized and malformed bodies, storing nothing', async () => {
    const before = await inboxCount();
    const good = textXml('mallory', '你好');
    const res = await fetch(`${t.server.url}/wecom/callback?msg_signature=deadbeef&timestamp=${Math.floor(Date.now() / 1000)}&nonce=1`, {
      method: 'POST',
      body: `<xml><ToUserName><![CDATA[${'ww1436e0e65a779aee'}]]></ToUserName><Encrypt><![CDATA[${t.crypto.encrypt(good)}]]></Encrypt></xml>`,
    });
    expect(res.status).toBe(401);
    expect((await t.postCallback(good, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(400);
    const huge = await fetch(`${t.server.url}/wecom/callback?msg_signature=a&timestamp=1&nonce=1`, { method: 'POST', body: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    const malformed = await fetch(`${t.server.url}/wecom/callback?msg_signature=a&timestamp=1&nonce=1`, { method: 'POST', body: '<xml><Encrypt>' });
    expect(malformed.status).toBe(400);
    const doctype = await fetch(`${t.server.url}/wecom/callback?msg_signature=a&timestamp=1&nonce=1`, {
      method: 'POST', body: '<!DOCTYPE x [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>',
    });
    expect(doctype.status).toBe(400);
    expect(await inboxCount()).toBe(before);
  });

  it('answers unsupported message types politely', async () => {
    expect((await t.postCallback(imageXml('sunqi'))).status).toBe(200);
    const reply = await eventually(() => sentTo('sunqi')[0]);
    expect((reply.body!.text as any).content).toContain('图片');
  });

  it('GET URL verification echoes the plaintext', async () => {
    const { buildVerifyUrlQuery } = await import('../../src/channels/wecom/callback-builder.js');
    const v = buildVerifyUrlQuery(t.crypto, '1288432023552776189', { timestamp: Math.floor(Date.now() / 1000), nonce: '42' });
    const res = await fetch(`${t.server.url}/wecom/callback?${new URLSearchParams(v.query)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1288432023552776189');
  });
});

describe('admin API', () => {
  it('requires the bearer token', async () => {
    expect((await t.api('/api/customers', '')).status).toBe(401);
    expect((await t.api('/api/customers', 'wrong')).status).toBe(401);
    expect((await t.api('/api/users', ADMIN_TOKEN)).status).toBe(200);
  });

  it('lists users created from unknown senders, with names from the directory', async () => {
    const users = await t.api('/api/users');
    expect(users.json.items.map((u: any) => u.id)).toContain('zhangsan');
    expect(users.json.items.find((u: any) => u.id === 'zhangsan')).toMatchObject({ role: 'rep', name: '张三' });
    expect(users.json.items.find((u: any) => u.id === 'lisi')).toMatchObject({ role: 'rep', name: null });
  });

  it('answers 404 for an unknown customer and /healthz with 200', async () => {
    expect((await t.api('/api/customers/nope')).status).toBe(404);
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200);
  });
});
