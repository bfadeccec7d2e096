// Quiet hours for every push that is not a reply (docs/product.md "Rules"), on WeCom and DingTalk: a report
// confirmed at 22:00 is answered at once, but the manager's rating card waits until 08:30; a rating given
// at 22:05 reaches the rep at 08:30 the next morning.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import type { Outgoing } from '../support/channel-drivers.js';
import { eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const clock = fixedClock(sh('2026-11-17T10:00:00'));
let t: TestServer;
let drivers: TwoChannelDrivers;
useTwoChannelTeam({ clock }, (team) => ({ t, drivers } = team));

const settle = () => new Promise((r) => setTimeout(r, 1500));
const queuedFor = (user: string) =>
  t.db.query<{ kind: string; next_attempt_at: Date; status: string }>(
    `select message->>'kind' as kind, next_attempt_at, status from outbox where recipient_key = $1 order by seq`, [`user:${user}`],
  );

// Each channel gets its own days, so the one fake clock only moves forward. The days lie in the past: a
// held push's job waits for its real start time, and only the outbox sweep may release it on a fake clock.
const DAYS = {
  wecom: { tue: '2026-11-17', wed: '2026-11-18', thu: '2026-11-19', firm: '华岳塑胶' },
  dingtalk: { tue: '2026-11-24', wed: '2026-11-25', thu: '2026-11-26', firm: '远航物流' },
} as const;

describe.each(['wecom', 'dingtalk'] as const)('quiet hours on %s', (name) => {
  const d = () => drivers[name]!;
  const day = DAYS[name];
  const rep = `${name}QuietRep`;
  const boss = `${name}QuietBoss`;
  const when = (date: string, hhmm: string) => {
    clock.set(sh(`${date}T${hhmm}:00`));
    return clock.now();
  };
  const waitFor = (user: string, pick: (m: Outgoing) => boolean) => eventually(() => d().outgoing(user).find(pick));

  it('holds the rating card and the rating until 08:30, and answers the rep’s own taps at once', async () => {
    for (const user of [rep, boss]) {
      expect(await d().sendText(user, '你好', { at: when(day.tue, user === rep ? '10:00' : '10:01') })).toBe(200);
      await eventually(() => d().outgoing(user).length > 0);
    }
    expect((await t.send('PUT', `/api/teams/${name}-quiet`, { name: '夜间组', memberUserIds: [rep], managerUserIds: [boss] })).status).toBe(200);

    expect(await d().sendText(rep, `战报 今天拜访了${day.firm},报价五十万,下周三去签合同`, { at: when(day.tue, '22:00') })).toBe(200);
    const report = await waitFor(rep, (m) => m.buttons.includes('确认'));
    expect(await d().choose(rep, report, '确认', { at: when(day.tue, '22:01') })).toBe(200);
    await waitFor(rep, (m) => m.text.includes('战报已保存')); // a reply: at once, quiet hours or not

    const held = await eventually(async () => (await queuedFor(boss)).find((r) => r.kind === 'button_card'));
    expect(new Date(held.next_attempt_at)).toEqual(sh(`${day.wed}T08:30:00`));
    await settle();
    expect(d().outgoing(boss).filter((m) => m.buttons.includes('★★★'))).toEqual([]);

    when(day.wed, '08:31');
    const rating = await waitFor(boss, (m) => m.buttons.includes('★★★'));
    expect(await d().choose(boss, rating, '★★★', { at: when(day.wed, '22:05') })).toBe(200);
    const toRep = await eventually(async () => (await queuedFor(rep)).find((r) => r.kind === 'text' && r.status === 'pending'));
    expect(new Date(toRep.next_attempt_at)).toEqual(sh(`${day.thu}T08:30:00`));
    await settle();
    expect(d().outgoing(rep).filter((m) => m.text.includes('主管给你'))).toEqual([]);

    when(day.thu, '08:31');
    const rated = await waitFor(rep, (m) => m.text.includes('主管给你'));
    expect(rated.text).toContain('★★★');
  });
});
