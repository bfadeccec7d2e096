// The WeCom AI bot end to end against the fake long connection (issue 14): with no ASR a voice note becomes
// a report card (progress bubble, then the card), a click updates the card, a redelivered msgid is answered
// once, reminders go out with aibot_send_msg, a disconnected_event is respected, and two instances on one
// database hold one connection and hand it over without losing or double-answering a message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWecomBot, type FakeClientFrame, type FakeWecomBot } from '../../scripts/dev/fake-wecom-bot.js';
import type { WecomBotSender } from '../../src/channels/wecom-bot/sender.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { eventually, startTestServer, textXml, WECOM_BOT, type TestServer } from '../support/test-server.js';

const timings = { leaseTtlMs: 3_000, leaseRenewMs: 300, authTimeoutMs: 2_000, heartbeatMs: 5_000, reconnectBaseMs: 100, displacedCooldownMs: 60_000 };
const count = async (t: TestServer, sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0]!.n;
const botSender = (t: TestServer) => t.server.deps.senders.wecom_bot as WecomBotSender;
/** Frames written in answer to one callback (by req_id) or pushed to one chat. */
const answers = (bot: FakeWecomBot, reqIds: readonly string[], chatId: string): FakeClientFrame[] =>
  bot.frames().filter((f) => f.errcode === 0 && (reqIds.includes(f.reqId) || (f.cmd === 'aibot_send_msg' && f.body?.chatid === chatId)));

describe('WeCom AI bot on one server', () => {
  let bot: FakeWecomBot;
  let t: TestServer;
  beforeAll(async () => {
    bot = await startFakeWecomBot(WECOM_BOT);
    t = await startTestServer({ wecomBot: bot, wecomBotTimings: timings });
    await bot.waitForConnections(1, 10_000);
  });
  afterAll(async () => {
    await t?.stop();
    await bot?.stop();
  });

  it('turns a voice note into a report card without ASR, and 确认 updates the card and stores the report', async () => {
    expect(t.server.deps.speech).toBeNull();
    const voice = bot.pushVoice('botRepVoice', '今天去了嘉禾物流,和王经理谈了价格,报价八十万,下周三带合同过去。');
    const cardFrame = await bot.waitForFrame((f) => f.reqId === voice.reqId && f.body?.msgtype === 'stream_with_template_card', 15_000);
    const progress = bot.frames().find((f) => f.reqId === voice.reqId && f.body?.msgtype === 'stream');
    expect(progress?.body.stream).toMatchObject({ finish: false, content: '正在整理战报…' });
    expect(cardFrame.errcode).toBe(0);
    expect(cardFrame.body.stream).toMatchObject({ id: progress!.body.stream.id, finish: true });
    const tc = cardFrame.body.template_card;
    expect(tc.main_title.title).toContain('嘉禾物流');
    expect(tc.button_list.map((b: any) => b.text)).toEqual(['确认', '修改', '作废']);
    expect(await count(t, `select count(*)::int as n from report_notes where user_id = 'botRepVoice' and media_id is null`)).toBe(1);

    const click = bot.clickCard('botRepVoice', tc.task_id, tc.button_list[0].key);
    const update = await bot.waitForFrame((f) => f.reqId === click.reqId && f.cmd === 'aibot_respond_update_msg', 10_000);
    expect(update.errcode).toBe(0);
    expect(update.at - bot.frames().find((f) => f.reqId === click.reqId)!.at).toBeLessThan(5_000);
    expect(update.body.template_card).toMatchObject({ task_id: tc.task_id, button_list: [{ text: '已确认' }] });
    await eventually(async () => (await count(t, `select count(*)::int as n from battle_reports where user_id = 'botRepVoice'`)) === 1);
  });

  it('stores a redelivered msgid once and answers it once', async () => {
    const first = bot.pushText('botRepDup', '帮助');
    await eventually(() => answers(bot, [first.reqId], 'botRepDup').length > 0);
    const again = bot.redeliver(first.msgid);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await count(t, `select count(*)::int as n from inbox where event->>'senderId' = 'botRepDup'`)).toBe(1);
    expect(answers(bot, [first.reqId, again.reqId], 'botRepDup')).toHaveLength(1);
  });

  it('pushes a reminder with aibot_send_msg', async () => {
    bot.pushText('botRepRemind', '和松柏五金通了电话,先聊了聊需求');
    await eventually(async () => (await count(t, `select count(*)::int as n from touches where user_id = 'botRepRemind'`)) === 1);
    // Within 5 min of a message anything for the rep goes as a reply on it; opening the chat later
    // (enter_chat, a 5 s welcome window) leaves nothing to reply on, as hours later in real life.
    bot.enterChat('botRepRemind');
    await new Promise((r) => setTimeout(r, 4_500));
    const run = await t.send('POST', '/api/jobs/reminders/run', { at: new Date(Date.now() + 49 * 3_600_000).toISOString() });
    expect(run.status).toBe(200);
    const push = await bot.waitForFrame((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === 'botRepRemind', 15_000);
    expect(push.errcode).toBe(0);
    expect(push.body.msgtype).toBe('markdown');
    expect(push.body.markdown.content).toContain('松柏五金');
  });

  it('takes the same userid on the WeCom app and the AI bot as one person, and answers the way each message came', async () => {
    expect((await t.postCallback(textXml('botTwin01', '帮助'))).status).toBe(200);
    await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'botTwin01'));
    const viaBot = bot.pushText('botTwin01', '帮助');
    await eventually(() => answers(bot, [viaBot.reqId], 'botTwin01').length > 0);
    const ids = await t.db.query<{ channel: string; user_id: string }>(`select channel, user_id from identities where platform_id = 'botTwin01' order by channel`);
    expect(ids).toEqual([{ channel: 'wecom', user_id: 'botTwin01' }, { channel: 'wecom_bot', user_id: 'botTwin01' }]);
    expect(await count(t, `select count(*)::int as n from users where id like '%botTwin01%'`)).toBe(1);
    expect(t.fake.sent().filter((c) => c.body?.touser === 'botTwin01')).toHaveLength(1);
  });

  it('posts the board with its chart to a group the bot is in (wecom_bot_chat): markdown, then the PNG uploaded and sent', async () => {
    bot.pushText('botBoardRep', '和松柏建材通了电话,聊了需求');
    await eventually(async () => (await count(t, `select count(*)::int as n from touches where user_id = 'botBoardRep'`)) === 1);
    // A group @-message is how the bot meets a group (and how its chat id is learned).
    bot.pushText('botBoardRep', '@战报助手 帮助', { chatid: 'wrbotgroup01', chattype: 'group' });
    const team = await t.send('PUT', '/api/teams/bot-east', {
      name: '机器人华东组', memberUserIds: ['botBoardRep'], managerUserIds: [], alert: { kind: 'wecom_bot_chat', chatId: 'wrbotgroup01' },
    });
    expect(team.status).toBe(200);
    const res = await t.send('POST', '/api/jobs/leaderboard-weekly/run', {});
    expect(res.json.posted).toEqual([{ team: 'bot-east', entries: 1, chart: true }]);
    const image = await bot.waitForFrame((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === 'wrbotgroup01' && f.body?.msgtype === 'image', 15_000);
    expect(image.errcode).toBe(0);
    const markdown = await bot.waitForFrame((f) => f.cmd === 'aibot_send_msg' && f.body?.chatid === 'wrbotgroup01' && f.body?.msgtype === 'markdown', 15_000);
    expect(markdown.errcode).toBe(0);
    expect(markdown.body.markdown.content).toContain('botBoardRep');
    const png = bot.media(image.body.image.media_id)!;
    expect(png.type).toBe('image');
    expect(png.data.subarray(1, 4).toString()).toBe('PNG');
  });

  it('respects a disconnected_event: stays down and keeps the lease', async () => {
    const attempts = bot.authAttempts();
    bot.displace();
    await eventually(() => botSender(t).heldElsewhere() && bot.connections() === 0, 5_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(bot.authAttempts()).toBe(attempts);
    expect(bot.connections()).toBe(0);
    expect(await count(t, `select count(*)::int as n from leases where name = $1 and expires_at > now()`, [`wecom-bot:${WECOM_BOT.botId}`])).toBe(1);
  });
});

describe('WeCom AI bot on two servers sharing a database', () => {
  let db: TestDb;
  let bot: FakeWecomBot;
  let a: TestServer;
  let b: TestServer;
  let maxConnections = 0;
  let sampler: ReturnType<typeof setInterval>;
  beforeAll(async () => {
    db = await createTestDb();
    bot = await startFakeWecomBot(WECOM_BOT);
    sampler = setInterval(() => (maxConnections = Math.max(maxConnections, bot.sockets())), 10);
    a = await startTestServer({ testDb: db, wecomBot: bot, wecomBotTimings: timings });
    b = await startTestServer({ testDb: db, wecomBot: bot, wecomBotTimings: timings, dingtalk: a.dingtalk });
    await bot.waitForConnections(1, 10_000);
  });
  afterAll(async () => {
    clearInterval(sampler);
    await b?.stop();
    await a?.stop();
    await bot?.stop();
    await db?.cleanup();
  });

  it('holds one connection; when the holder stops mid-burst the other takes over, nothing lost or answered twice', async () => {
    await new Promise((r) => setTimeout(r, 1_000));
    const holder = botSender(a).heldElsewhere() ? b : a;
    const other = holder === a ? b : a;
    expect(botSender(other).heldElsewhere()).toBe(true);
    const users = Array.from({ length: 10 }, (_, i) => `botHandover${i}`);
    const pushes = users.slice(0, 5).map((u) => bot.pushText(u, '帮助'));
    // Stored, not yet (all) answered: their answers are handed over with the connection.
    await eventually(async () => (await count(holder, `select count(*)::int as n from inbox where event->>'senderId' like 'botHandover%'`)) === 5);
    await holder.server.stop();
    // Frames written while no one is connected wait for the next connection. (A frame already on the wire
    // when the holder's socket closes is lost: there is no callback ack; design risk 7.)
    pushes.push(...users.slice(5).map((u) => bot.pushText(u, '帮助')));
    await eventually(() => !botSender(other).heldElsewhere(), 10_000);
    for (const [i, u] of users.entries()) {
      await eventually(() => answers(bot, [pushes[i]!.reqId], u).length > 0, 15_000);
    }
    await new Promise((r) => setTimeout(r, 1_000));
    for (const [i, u] of users.entries()) {
      expect(await count(other, `select count(*)::int as n from inbox where event->>'senderId' = $1`, [u])).toBe(1);
      expect(answers(bot, [pushes[i]!.reqId], u)).toHaveLength(1);
    }
    expect(maxConnections).toBe(1);
  });
});
