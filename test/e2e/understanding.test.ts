// Intent first, end to end through signed WeCom callbacks: greetings and questions about the bot never
// become customers or touches, a new user gets the welcome, stray text gets help, won/lost cues ask to
// confirm, and an answer to "哪个客户?" must be a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';
import { contentOf, say as sayTo, sentTo } from '../support/wecom-chat.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const to = (user: string) => sentTo(t, user);
const say = (user: string, text: string) => sayTo(t, user, text);
const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const customers = () => count(`select count(*)::int as n from customers where tenant_id = 'default'`, []);
const touchesOf = (user: string) => count(`select count(*)::int as n from touches where user_id = $1`, [user]);

/** Sends and waits until the inbox row is done, for messages that get no reply. */
async function sayQuietly(user: string, text: string): Promise<void> {
  const before = await count(`select count(*)::int as n from inbox where status = 'done'`, []);
  await t.postCallback(textXml(user, text));
  await eventually(async () => ((await count(`select count(*)::int as n from inbox where status = 'done'`, [])) > before ? true : undefined));
}

describe('a new user', () => {
  it('你好 then 怎么用: the welcome with examples, then help; no customer, no touch', async () => {
    const before = await customers();
    const welcome = await say('u-new', '你好');
    expect(welcome).toContain('比如');
    expect(welcome.split('\n').filter((l) => l.startsWith('·'))).toHaveLength(3);
    expect(await say('u-new', '怎么用')).toContain('我是战报助手');
    expect(await say('u-new', '谢谢')).toContain('不客气');
    await sayQuietly('u-new', '好的');
    await sayQuietly('u-new', '1');
    expect(await customers()).toBe(before);
    expect(await touchesOf('u-new')).toBe(0);
  });
});

describe('a rep at work', () => {
  it('stray text gets help, a correction with nothing open says so, neither is stored', async () => {
    await say('u-rep', '在吗');
    expect(await say('u-rep', 'asdf')).toContain('没看懂');
    expect(await say('u-rep', '金额改成50万')).toContain('没有待确认的战报');
    expect(await touchesOf('u-rep')).toBe(0);
  });

  it('"哪个客户?" answered with a question gets help and then a real name is taken', async () => {
    expect(await say('u-rep', '客户问了价格,嫌贵')).toContain('哪个客户');
    expect(await say('u-rep', '怎么用')).toContain('我是战报助手');
    expect(await say('u-rep', '不知道啊')).toContain('不像客户名称');
    expect(await say('u-rep', '恒岳机电')).toContain('恒岳机电');
    expect(await count(`select count(*)::int as n from customers where name in ('怎么用', '不知道啊', '不知道')`, [])).toBe(0);
  });

  it('a lost cue suggests 丢单 and asks to confirm', async () => {
    await say('u-rep', '恒岳机电黄了,他们选了别家');
    const card = await eventually(() =>
      to('u-rep').map((c) => c.body?.template_card as any).find((c) => c?.main_title?.title?.startsWith('恒岳机电') && c.main_title.desc?.includes('丢单')),
    );
    const primary = card.button_list.find((b: any) => b.style === 1);
    expect(primary?.text).toBe('丢单');
  });

  it('"客户是X" and "不是A是B" typed in chat move the latest update to the right customer', async () => {
    expect(await say('u-fix', '刚去了恒达电子,问了价格')).toContain('恒达电子');
    expect(await say('u-fix', '客户是恒通电子')).toContain('已改到「恒通电子」');
    expect(await say('u-fix', '不是恒通电子是恒远电子')).toContain('已改到「恒远电子」');
    const [row] = await t.db.query<{ name: string }>(
      `select c.name from touches t join customers c on c.id = t.customer_id where t.user_id = 'u-fix' and t.text like '刚去了%'`,
    );
    expect(row?.name).toBe('恒远电子');
  });
});
