// A custom config/stages.jsonc drives what reps and managers see, on both channels: the stage card's
// buttons (WeCom) and numbered choices (DingTalk) are the file's stages, a choice stores the file's id, the
// language's "won" lands on the stage flagged won, and 漏斗 speaks the file's labels.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/config/repo-root.js';
import { eventually, textXml, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

const STAGES = `// A tenant that runs a pilot before negotiating and says 已签约 for won.
{
  "stages": [
    { "id": "discovery",   "label": "初步接触", "order": 1, "probability": 5,   "actionWindowHours": 24,   "flags": [] },
    { "id": "demo",        "label": "方案演示", "order": 2, "probability": 20,  "actionWindowHours": 48,   "flags": ["proposal"] },
    { "id": "poc",         "label": "试点验证", "order": 3, "probability": 40,  "actionWindowHours": 168,  "flags": [] },
    { "id": "negotiation", "label": "商务谈判", "order": 4, "probability": 60,  "actionWindowHours": 72,   "flags": [] },
    { "id": "signed",      "label": "已签约",   "order": 5, "probability": 100, "actionWindowHours": null, "flags": ["won"] },
    { "id": "lost",        "label": "丢单",     "order": 6, "probability": 0,   "actionWindowHours": null, "flags": ["lost"] }
  ]
}`;
const LABELS = ['初步接触', '方案演示', '试点验证', '商务谈判', '已签约', '丢单'];

let dir: string;
let t: TestServer;
let drivers: TwoChannelDrivers;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zb-config-'));
  cpSync(join(repoRoot(), 'config'), dir, { recursive: true });
  writeFileSync(join(dir, 'stages.jsonc'), STAGES);
});
// Registered before the team's: after-hooks run in reverse, so the folder goes once the server stopped.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
useTwoChannelTeam(() => ({ configDir: dir }), (team) => ({ t, drivers } = team));

describe.each(['wecom', 'dingtalk'])('a custom stage file on %s', (name) => {
  const d = () => drivers[name]!;
  const user = `${name}StageRep`;
  const firm = name === 'wecom' ? '东方仪表' : '西岭仪表';

  it('puts its stages on the card and stores the chosen one', async () => {
    expect(await d().sendText(user, `刚去了${firm},客户要先做个试点`)).toBe(200);
    const card = await eventually(() => d().outgoing(user).find((m) => m.kind === 'card'));
    expect(card.buttons).toEqual(LABELS);
    expect(await d().choose(user, card, '试点验证')).toBe(200);
    await eventually(() => d().outgoing(user).some((m) => m.kind === 'text' && m.text.includes('试点验证')));
    expect(await t.db.query(`select stage from customers where owner_user_id = $1`, [user])).toEqual([{ stage: 'poc' }]);
  });

  it('takes news of a signed deal to the stage flagged won', async () => {
    expect(await d().sendText(user, `${firm}合同签了`)).toBe(200);
    const card = await eventually(() => d().outgoing(user).filter((m) => m.kind === 'card')[1]);
    expect(card.text).toContain('已签约');
    expect(await d().choose(user, card, '已签约')).toBe(200);
    await eventually(async () => (await t.db.query<{ stage: string }>(`select stage from customers where owner_user_id = $1`, [user]))[0]?.stage === 'signed');
    const won = await t.db.query(`select reason from points_ledger where user_id = $1 and reason = 'won'`, [user]);
    expect(won).toHaveLength(1);
  });
});

describe('漏斗 with a custom stage file', () => {
  it('lists the file’s open stages with their labels', async () => {
    await t.postCallback(textXml('boss-cs', '你好'));
    await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'boss-cs'));
    expect((await t.send('PUT', '/api/teams/cs', { name: '试点组', memberUserIds: ['wecomStageRep', 'dingtalkStageRep'], managerUserIds: ['boss-cs'] })).status).toBe(200);
    const before = t.fake.sent().filter((c) => c.body?.touser === 'boss-cs').length;
    await t.postCallback(textXml('boss-cs', '漏斗'));
    const reply = await eventually(() => t.fake.sent().filter((c) => c.body?.touser === 'boss-cs')[before]);
    const text = String((reply.body?.markdown as any)?.content ?? (reply.body?.text as any)?.content);
    expect(text).toContain('试点验证:0 个 · 到过 2 · 往后推进 100%(2/2)');
    expect(text).toContain('已签约 2');
    expect(text).not.toContain('合同签署');
  });
});
