// DingTalk specifics beyond the parity table: sessionWebhook expiry and the OpenAPI fallback, replayed
// signatures, group @-messages, media, unsupported types, and team pushes to DingTalk robots.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeModelApi } from '../../scripts/dev/fake-model-api.js';
import { useServerWithAsr } from '../support/server-with-asr.js';
import { dingtalkSign } from '../../src/channels/dingtalk/sign.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { dingtalkAudio, dingtalkPicture, dingtalkText } from '../support/dingtalk-payloads.js';
import { DINGTALK, eventually, type TestServer } from '../support/test-server.js';

let t: TestServer;
let model: FakeModelApi;

useServerWithAsr((s) => ({ t, model } = s));

const inbox = async (user: string) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from inbox where event->>'senderId' = $1`, [user]))[0]!.n;
const batchTo = (user: string) => t.dingtalk.sent().filter((c) => (c.body?.userIds as string[] | undefined)?.includes(user));
const sessionTo = (user: string) => t.dingtalk.sent().filter((c) => c.path === '/robot/sendBySession' && String(c.query.session).startsWith(`s${user}`));
const param = (c: { body: Record<string, unknown> | null }) => JSON.parse(String(c.body!.msgParam)) as Record<string, string>;

describe('replies', () => {
  it('go through the sessionWebhook while it is valid', async () => {
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtSessA', '帮助'));
    await eventually(() => sessionTo('dtSessA').length === 1);
    expect(batchTo('dtSessA')).toHaveLength(0);
  });

  it('fall back to the robot OpenAPI when the session has expired, and stop using it', async () => {
    const body = dingtalkText(t.dingtalk, 'dtSessB', '帮助');
    const session = new URL(String((body as Record<string, unknown>).sessionWebhook)).searchParams.get('session')!;
    t.dingtalk.expireSession(session);
    await t.postDingtalk(body);
    const sent = await eventually(() => batchTo('dtSessB')[0]);
    expect(sent.body).toMatchObject({ robotCode: DINGTALK.appKey, userIds: ['dtSessB'], msgKey: 'sampleText' });
    expect(param(sent).content).toContain('战报');
    // The refused session was forgotten: the next reply goes straight to the OpenAPI.
    expect((await t.db.query(`select 1 from reply_handles where scope = 'user:dtSessB'`)).length).toBe(0);
  });

  it('use the OpenAPI when the session is too close to its expiry', async () => {
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtSessC', '帮助', { sessionTtlMs: 60_000 }));
    await eventually(() => batchTo('dtSessC').length === 1);
    expect(sessionTo('dtSessC')).toHaveLength(0);
  });
});

describe('signatures', () => {
  it('refuses a signature replayed with another message, and accepts the same message retried', async () => {
    const timestamp = String(Date.now());
    const sign = dingtalkSign(timestamp, DINGTALK.appSecret);
    const first = dingtalkText(t.dingtalk, 'dtSigA', '我的客户');
    expect((await t.postDingtalk(first, { timestamp, sign })).status).toBe(200);
    expect((await t.postDingtalk(first, { timestamp, sign })).status).toBe(200);
    const replay = await t.postDingtalk(dingtalkText(t.dingtalk, 'dtSigB', '把所有客户删了'), { timestamp, sign });
    // Not stored, and answered with a retry (a genuine message is re-signed; a replay cannot be).
    expect(replay.status).toBe(503);
    expect(JSON.parse(replay.body).code).toBe('signature_reused');
    expect(await inbox('dtSigA')).toBe(1);
    expect(await inbox('dtSigB')).toBe(0);
  });

  it('refuses stale and missing signatures', async () => {
    const old = String(Date.now() - 2 * 3_600_000);
    expect((await t.postDingtalk(dingtalkText(t.dingtalk, 'dtSigC', '你好'), { timestamp: old, sign: dingtalkSign(old, DINGTALK.appSecret) })).status).toBe(401);
    const res = await fetch(`${t.server.url}/dingtalk/callback`, { method: 'POST', body: JSON.stringify(dingtalkText(t.dingtalk, 'dtSigC', '你好')) });
    expect(res.status).toBe(401);
    expect(await inbox('dtSigC')).toBe(0);
  });

  it('refuses malformed bodies with a 400 and messages from another org with a 403', async () => {
    const timestamp = String(Date.now());
    const headers = { timestamp, sign: dingtalkSign(timestamp, DINGTALK.appSecret), 'content-type': 'application/json' };
    expect((await fetch(`${t.server.url}/dingtalk/callback`, { method: 'POST', headers, body: '{"msgtype":' })).status).toBe(400);
    expect((await fetch(`${t.server.url}/dingtalk/callback`, { method: 'POST', headers, body: '{"msgtype":"text"}' })).status).toBe(400);
    const foreign = { ...dingtalkText(t.dingtalk, 'dtSigD', '你好'), chatbotCorpId: 'dingotherorg0000000' };
    expect((await t.postDingtalk(foreign)).status).toBe(403);
    // Either corp id missing, null, a number or another org's: refused, not waved through.
    const base = dingtalkText(t.dingtalk, 'dtSigE', '你好') as Record<string, unknown>;
    for (const [key, value] of [['chatbotCorpId', undefined], ['chatbotCorpId', null], ['chatbotCorpId', 123], ['senderCorpId', undefined], ['senderCorpId', 'dingotherorg0000000']] as const) {
      const body = { ...base, [key]: value };
      if (value === undefined) delete body[key];
      expect((await t.postDingtalk(body)).status).toBe(403);
    }
  });
});

describe('messages', () => {
  it('answers a group @-message privately, and keeps the group session for team posts', async () => {
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtGrpA', '帮助', { group: 'cidGroupEast001==' }));
    // Pipelines and report cards are the rep's business, not the whole group's.
    const reply = await eventually(() => batchTo('dtGrpA')[0]);
    expect(param(reply).content).toContain('战报');
    expect((await t.db.query(`select 1 from reply_handles where scope = 'chat:cidGroupEast001=='`)).length).toBe(1);
  });

  it('reads a numbered reply as the click once; a redelivered reply leaves the next card alone', async () => {
    const cards = () => sessionTo('dtNumA').filter((c) => JSON.stringify(c.body).includes('回复 3 商务谈判'));
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtNumA', '刚去了天和仪器,客户问了价格'));
    await eventually(() => cards().length === 1);
    const three = dingtalkText(t.dingtalk, 'dtNumA', '3', { msgId: 'msgNumReplyThree==' });
    await t.postDingtalk(three);
    await eventually(async () => (await t.db.query(`select 1 from customers where name = '天和仪器' and stage = 'negotiation'`)).length === 1);
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtNumA', '刚去了地平科技,客户问了账期'));
    await eventually(() => cards().length === 2);
    expect((await t.postDingtalk(three)).status).toBe(200); // DingTalk delivers the old "3" again
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtNumA', '方案演示'));
    await eventually(async () => (await t.db.query(`select 1 from customers where name = '地平科技' and stage = 'demo'`)).length === 1);
  });

  it('ignores a group message that does not @ the bot', async () => {
    const body = { ...dingtalkText(t.dingtalk, 'dtGrpB', '随便聊聊', { group: 'cidGroupEast001==' }), isInAtList: false };
    expect((await t.postDingtalk(body)).status).toBe(200);
    expect(await inbox('dtGrpB')).toBe(0);
  });

  it('acknowledges a picture politely', async () => {
    await t.postDingtalk(dingtalkPicture(t.dingtalk, 'dtPicA'));
    const reply = await eventually(() => sessionTo('dtPicA')[0]);
    expect(JSON.stringify(reply.body)).toMatch(/文字|语音/);
  });

  it('downloads audio without DingTalk recognition and runs our ASR on it', async () => {
    const dir = join(repoRoot(), 'test', 'fixtures', 'audio');
    const amr = readFileSync(join(dir, readdirSync(dir).filter((f) => f.endsWith('.amr')).sort()[0]!));
    t.dingtalk.files.set('dlcode-amr-1', { bytes: amr, contentType: 'application/octet-stream', fileName: 'voice.amr' });
    model.transcripts = ['下午见了青松科技的李总,谈了价格,报价三十万。'];
    await t.postDingtalk(dingtalkAudio(t.dingtalk, 'dtAudA', { downloadCode: 'dlcode-amr-1' }));
    const card = await eventually(() => sessionTo('dtAudA').find((c) => JSON.stringify(c.body).includes('回复 1 确认')));
    expect(JSON.stringify(card.body)).toContain('青松科技');
    expect(t.dingtalk.calls.some((c) => c.path === '/v1.0/robot/messageFiles/download' && c.body?.downloadCode === 'dlcode-amr-1')).toBe(true);
  });
});

describe('team pushes to DingTalk', () => {
  it('sends the reminder digest to a custom robot (signed) and the rep alert as a robot message', async () => {
    const T0 = Date.parse('2026-11-16T10:00:00+08:00');
    const accessToken = 'b7f3c9e2a4d6f8b0c1e3a5d7f9b2c4e6';
    const secret = 'SECa1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    t.dingtalk.customRobots.set(accessToken, secret);
    await t.postDingtalk(dingtalkText(t.dingtalk, 'dtTeamA', '和松柏建材通了电话,先聊了聊需求', { createAt: T0 }));
    // Monday's session expired long ago: even the first answer goes through the OpenAPI.
    await eventually(() => batchTo('dtTeamA').length > 0);
    const team = await t.send('PUT', '/api/teams/dt-east', {
      name: '钉钉华东组', memberUserIds: ['dtTeamA'], managerUserIds: [], alert: { kind: 'dingtalk_webhook', accessToken, secret },
    });
    expect(team.status).toBe(200);
    expect(team.json.alert).toEqual({ kind: 'dingtalk_webhook', accessToken: '****c4e6', secret: '****c5d6' });

    const run = await t.send('POST', '/api/jobs/reminders/run', { at: new Date(T0 + 49 * 3_600_000).toISOString() });
    expect(run.json.messages.map((m: any) => m.to).sort()).toEqual(['dtTeamA', 'team:dt-east']);
    const digest = await eventually(() => t.dingtalk.sent().find((c) => c.path === '/robot/send'));
    expect(digest.query.access_token).toBe(accessToken);
    expect(digest.body!.msgtype).toBe('markdown');
    expect((digest.body!.markdown as any).text).toContain('松柏建材');
    // The session from Monday has long expired by Wednesday: the rep hears through the OpenAPI.
    const alert = await eventually(() => batchTo('dtTeamA').find((c) => param(c).content?.includes('松柏建材')));
    expect(param(alert).content).toMatch(/黄金48小时/);
  });

  it('posts the board with its chart to a group the robot is in', async () => {
    const team = await t.send('PUT', '/api/teams/dt-east', {
      name: '钉钉华东组', memberUserIds: ['dtTeamA'], managerUserIds: [], alert: { kind: 'dingtalk_group', openConversationId: 'cidTeamGroup01==' },
    });
    expect(team.status).toBe(200);
    const res = await t.send('POST', '/api/jobs/leaderboard-weekly/run', {});
    expect(res.json.posted).toEqual([{ team: 'dt-east', entries: 1, chart: true }]);
    const group = await eventually(() => {
      const calls = t.dingtalk.sent().filter((c) => c.path === '/v1.0/robot/groupMessages/send');
      return calls.length >= 2 ? calls : null;
    });
    expect(group.every((c) => c.body!.openConversationId === 'cidTeamGroup01==')).toBe(true);
    expect(group.map((c) => c.body!.msgKey).sort()).toEqual(['sampleImageMsg', 'sampleMarkdown']);
    const photo = param(group.find((c) => c.body!.msgKey === 'sampleImageMsg')!).photoURL!;
    expect(t.dingtalk.uploads.find((u) => u.mediaId === photo)!.bytes.subarray(1, 4).toString()).toBe('PNG');
  });
});
