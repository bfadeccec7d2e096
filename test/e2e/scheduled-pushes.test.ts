// Scheduled (not on-demand) pushes on a fake clock: a tick in quiet hours queues its alerts for 08:30
// and nothing leaves before then; the same breach alerts once that day and again the next day while it
// is still breached. Leaderboards reach an app group chat with the chart uploaded as media.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTick } from '../../src/jobs/scheduler.js';
import { fixedClock } from '../../src/shared/clock.js';
import { eventually, startTestServer, textXml, type TestServer } from '../support/test-server.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const clock = fixedClock(sh('2026-11-16T10:00:00')); // a Monday
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ clock });
  t.fake.users.set('rep-q', '周琪');
  await t.postCallback(textXml('rep-q', '今天和华岳塑胶通了电话,先了解了需求', Math.floor(clock.now().getTime() / 1000)));
  await eventually(() => t.fake.sent().some((c) => c.body?.touser === 'rep-q'));
  const team = await t.send('PUT', '/api/teams/north', {
    name: '华北组', memberUserIds: ['rep-q'], managerUserIds: [], alert: { kind: 'wecom_webhook', key: 'robot-key-north' },
  });
  expect(team.status).toBe(200);
});
afterAll(async () => {
  await t?.stop();
});

const digests = () => t.fake.sent().filter((c) => c.path === '/cgi-bin/webhook/send' && c.body?.msgtype === 'markdown');
const nudges = () => t.fake.sent().filter((c) => c.body?.touser === 'rep-q' && String((c.body?.text as any)?.content ?? '').includes('黄金'));
const settle = () => new Promise((r) => setTimeout(r, 2500));

describe('a scheduled reminders tick', () => {
  it('found in quiet hours waits until 08:30, then delivers once', async () => {
    // Golden 48 h ran out on Wednesday 10:00; the 22:10 tick finds it in quiet hours.
    clock.set(sh('2026-11-18T22:10:00'));
    expect(await runTick(t.server.deps, 'reminders', sh('2026-11-18T22:10:00'), 'instance-a')).toBe(true);
    const queued = await t.db.query<{ next_attempt_at: Date }>(`select next_attempt_at from outbox where idempotency_key like 'alert:%' or idempotency_key like 'digest:%'`);
    expect(queued.length).toBe(2);
    for (const row of queued) expect(new Date(row.next_attempt_at)).toEqual(sh('2026-11-19T08:30:00'));
    await settle();
    expect(digests()).toHaveLength(0);
    expect(nudges()).toHaveLength(0);

    clock.set(sh('2026-11-19T08:31:00'));
    const digest = await eventually(() => digests()[0]);
    expect((digest.body!.markdown as any).content).toContain('华岳塑胶');
    await eventually(() => nudges()[0]);
  });

  it('does not repeat the breach the same day, and alerts again the next day while still breached', async () => {
    clock.set(sh('2026-11-19T09:10:00'));
    expect(await runTick(t.server.deps, 'reminders', sh('2026-11-19T09:10:00'), 'instance-a')).toBe(true);
    await settle();
    expect(digests()).toHaveLength(1);
    expect(nudges()).toHaveLength(1);

    clock.set(sh('2026-11-20T09:10:00'));
    expect(await runTick(t.server.deps, 'reminders', sh('2026-11-20T09:10:00'), 'instance-a')).toBe(true);
    await eventually(() => (digests().length === 2 && nudges().length === 2 ? true : null));
  });
});

describe('leaderboard to an app group chat', () => {
  it('sends the markdown board and the chart uploaded through media/upload', async () => {
    const team = await t.send('PUT', '/api/teams/north', {
      name: '华北组', memberUserIds: ['rep-q'], managerUserIds: [], alert: { kind: 'wecom_appchat', chatId: 'wrkNorthChat01' },
    });
    expect(team.status).toBe(200);
    clock.set(sh('2026-11-20T18:40:00'));
    const res = await t.send('POST', '/api/jobs/leaderboard-daily/run', {});
    expect(res.json.posted).toEqual([{ team: 'north', entries: 1, chart: true }]);
    const chat = await eventually(() => {
      const calls = t.fake.sent().filter((c) => c.path === '/cgi-bin/appchat/send');
      return calls.length >= 2 ? calls : null;
    });
    expect(chat.every((c) => c.body?.chatid === 'wrkNorthChat01')).toBe(true);
    expect(((chat.find((c) => c.body?.msgtype === 'markdown')!.body!.markdown) as any).content).toContain('周琪');
    const mediaId = (chat.find((c) => c.body?.msgtype === 'image')!.body!.image as any).media_id as string;
    const upload = t.fake.uploads.get(mediaId)!;
    expect(upload.type).toBe('image');
    expect(upload.bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(upload.fileName).toBe(`${createHash('md5').update(upload.bytes).digest('hex')}.png`);
  });
});
