// The push side on demand: a customer created by chat, reminders run as of 49 h later → golden-48h
// nudge to the rep and a digest to the team's robot; the same run an hour later sends nothing new.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const T0 = Date.parse('2026-11-16T10:00:00+08:00'); // a Monday
const hours = (h: number) => new Date(T0 + h * 3_600_000).toISOString();
const run = (name: string, at?: string) => t.send('POST', `/api/jobs/${name}/run`, at ? { at } : {});

describe('reminders job', () => {
  it('nudges the rep and digests to the team group once per day', async () => {
    t.fake.users.set('rep-g', '陈晨');
    await t.postCallback(textXml('rep-g', '刚去了永盛机械,先聊了聊需求', Math.floor(T0 / 1000)));
    await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'rep-g'));
    const team = await t.send('PUT', '/api/teams/south', {
      name: '华南组', memberUserIds: ['rep-g'], managerUserIds: [], alert: { kind: 'wecom_webhook', key: 'robot-key-0001' },
    });
    expect(team.status).toBe(200);

    expect((await run('reminders', hours(47))).json.alerted).toBe(0);
    const first = await run('reminders', hours(49));
    expect(first.status).toBe(200);
    expect(first.json.messages.map((m: any) => m.to).sort()).toEqual(['rep-g', 'team:south']);

    const robot = await eventually(() => t.fake.sent().find((c) => c.path === '/cgi-bin/webhook/send'));
    expect(robot.query.key).toBe('robot-key-0001');
    const digest = (robot.body!.markdown as any).content as string;
    expect(digest).toContain('陈晨');
    expect(digest).toContain('永盛机械');
    const nudge = await eventually(() => t.fake.sent().find((c) => c.body?.touser === 'rep-g' && (c.body.text as any)?.content?.includes('永盛机械') && c.body.msgtype === 'text' && !(c.body.text as any).content.includes('已记录')));
    expect((nudge.body!.text as any).content).toMatch(/48/);

    const again = await run('reminders', hours(50));
    expect(again.json.alerted).toBe(0);
  });

  it('rejects unknown jobs and bad times', async () => {
    expect((await run('nope')).status).toBe(404);
    expect((await t.send('POST', '/api/jobs/reminders/run', { at: 'yesterday' })).status).toBe(400);
  });
});
