// Commitments with a life cycle, end to end on WeCom and DingTalk (issue 11): a confirmed report makes a
// dated promise; the due-morning reminder carries 完成 / 改期; a tap closes it (gone from 逾期, counted in
// 承诺兑现率); 改期 takes a day in plain words; an update that says it happened closes it and says so.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import type { Outgoing } from '../support/channel-drivers.js';
import { eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const clock = fixedClock(sh('2026-12-07T10:00:00'));
let t: TestServer;
let drivers: TwoChannelDrivers;
useTwoChannelTeam({ clock }, (team) => ({ t, drivers } = team));

type Row = { description: string; due: string; status: string; closed_via: string | null };
const commitmentsOf = (user: string) =>
  t.db.query<Row>(`select description, due_date::text as due, status, closed_via from commitments where owner_user_id = $1 order by created_at`, [user]);

// Each channel gets its own week, so the one fake clock only moves forward.
const WEEKS = {
  wecom: { mon: '2026-12-07', wed: '2026-12-09', thu: '2026-12-10', nextFri: '2026-12-18', firm: '北辰电子', wedLabel: '12月9日', thuLabel: '12月10日', friLabel: '12月18日' },
  dingtalk: { mon: '2026-12-14', wed: '2026-12-16', thu: '2026-12-17', nextFri: '2026-12-25', firm: '南岭电气', wedLabel: '12月16日', thuLabel: '12月17日', friLabel: '12月25日' },
} as const;

describe.each(['wecom', 'dingtalk'] as const)('commitments on %s', (name) => {
  const d = () => drivers[name]!;
  const w = WEEKS[name];
  const rep = `${name}CmtRep`;
  const boss = `${name}CmtBoss`;
  const at = (day: string, hhmm: string) => {
    clock.set(sh(`${day}T${hhmm}:00`));
    return clock.now();
  };
  /** Sends as of a time and returns the messages that come back to `to`, once `done` holds for them. */
  async function say(user: string, text: string, when: Date, done: (fresh: Outgoing[]) => boolean, to = user): Promise<Outgoing[]> {
    const before = d().outgoing(to).length;
    clock.set(when); // DingTalk signs the clock's timestamp: each message needs its own
    expect(await d().sendText(user, text, { at: when })).toBe(200);
    return eventually(() => {
      const fresh = d().outgoing(to).slice(before);
      return done(fresh) ? fresh : null;
    });
  }
  async function tap(user: string, card: Outgoing, label: string, when: Date, done: (fresh: Outgoing[]) => boolean): Promise<Outgoing[]> {
    const before = d().outgoing(user).length;
    clock.set(when);
    expect(await d().choose(user, card, label, { at: when })).toBe(200);
    return eventually(() => {
      const fresh = d().outgoing(user).slice(before);
      return done(fresh) ? fresh : null;
    });
  }
  const has = (s: string) => (fresh: Outgoing[]) => fresh.some((m) => m.text.includes(s));
  const confirmReport = async (text: string, when: Date) => {
    const fresh = await say(rep, text, when, (f) => f.some((m) => m.buttons.includes('确认')));
    await tap(rep, fresh.find((m) => m.buttons.includes('确认'))!, '确认', new Date(when.getTime() + 30_000), has('战报已保存'));
  };
  const commitmentCards = () => d().outgoing(rep).filter((m) => m.kind === 'card' && m.buttons.includes('改期')).length;

  it('a report makes a dated promise; the due-morning reminder carries 完成, and a tap closes it everywhere', async () => {
    await confirmReport(`战报 今天拜访了${w.firm},聊了需求,周三前发方案`, at(w.mon, '10:00'));
    expect(await commitmentsOf(rep)).toEqual([{ description: `周三前发方案(${w.wedLabel})`, due: w.wed, status: 'open', closed_via: null }]);
    await say(boss, '你好', at(w.mon, '10:10'), (f) => f.length > 0, boss);
    expect((await t.send('PUT', `/api/teams/${name}-cmt`, {
      name: '承诺组', memberUserIds: [rep], managerUserIds: [boss], alert: { kind: 'wecom_webhook', key: `robot-${name}-cmt` },
    })).status).toBe(200);

    const before = d().outgoing(rep).length;
    const run = await t.send('POST', '/api/jobs/reminders/run', { at: at(w.wed, '09:05').toISOString() });
    expect(run.json.messages.filter((m: any) => m.to === rep).map((m: any) => m.kind)).toEqual(['text', 'button_card']);
    const card = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'card'));
    expect(card.buttons).toEqual(['完成', '改期']);
    expect(card.text).toContain(w.firm);
    const list = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.kind === 'text'));
    expect(list.text.match(new RegExp(w.firm, 'g'))).toHaveLength(1); // each customer once
    expect(list.text).toContain(`周三前发方案(${w.wedLabel})`);

    expect((await say(boss, '逾期', at(w.wed, '09:06'), (f) => f.length > 0, boss))[0]!.text).toContain('周三前发方案');
    const done = await tap(rep, card, '完成', at(w.wed, '09:10'), has('已完成 ✓'));
    expect(done.map((m) => m.text).join('\n')).toContain(`「周三前发方案(${w.wedLabel})」已完成 ✓`);
    expect((await commitmentsOf(rep))[0]).toMatchObject({ status: 'done', closed_via: 'tap' });

    expect((await say(boss, '逾期', at(w.wed, '09:12'), (f) => f.length > 0, boss))[0]!.text).not.toContain('发方案');
    const mine = await say(rep, '逾期', at(w.wed, '09:13'), (f) => f.some((m) => m.kind !== 'card'));
    expect(mine.find((m) => m.kind !== 'card')!.text).not.toContain('发方案');
    const health = (await say(boss, '健康度', at(w.wed, '09:14'), (f) => f.length > 0, boss))[0]!.text;
    expect(health).toContain('承诺兑现率(近30天到期,按时完成/到期):100%(1/1)');

    if (name === 'wecom') {
      // The same reminder card tapped again (WeCom delivers each tap): said once, changed nothing.
      const again = await tap(rep, card, '完成', at(w.wed, '09:15'), has('已经完成了'));
      expect(again.map((m) => m.text).join('\n')).toContain('已经完成了');
    }
  });

  it('我的待办 lists the promise with 改期; a day in plain words moves it, and the sweep follows the new date', async () => {
    await confirmReport(`战报 ${w.firm}的报价也谈了,周四前发报价`, at(w.wed, '09:20'));
    const todo = await say(rep, '我的待办', at(w.wed, '09:30'), (f) => f.some((m) => m.kind === 'card') && has('接下来的承诺')(f));
    expect(todo.map((m) => m.text).join('\n')).toContain(`接下来的承诺:\n· ${w.firm} · 周四前发报价(${w.thuLabel}) · ${w.thuLabel}到期`);
    const card = todo.find((m) => m.kind === 'card')!;
    expect(card.buttons).toEqual(['完成', '改期']);

    await tap(rep, card, '改期', at(w.wed, '09:31'), has('改到哪天'));
    const moved = await say(rep, '改到下周五', at(w.wed, '09:32'), has('已改到'));
    expect(moved.map((m) => m.text).join('\n')).toContain(`已改到${w.friLabel}:「发报价(${w.friLabel})」`);
    expect((await commitmentsOf(rep)).slice(1)).toEqual([
      { description: `周四前发报价(${w.thuLabel})`, due: w.thu, status: 'rescheduled', closed_via: 'reschedule' },
      { description: `发报价(${w.friLabel})`, due: w.nextFri, status: 'open', closed_via: null },
    ]);

    // The old due morning passes without a word about it, and the group digest has nothing on the one done.
    const cards = commitmentCards();
    const run = await t.send('POST', '/api/jobs/reminders/run', { at: at(w.thu, '09:05').toISOString() });
    expect(run.json.messages.filter((m: any) => m.to === rep && m.kind === 'button_card')).toEqual([]);
    expect(run.json.messages.filter((m: any) => m.text.includes('发报价') || m.text.includes('发方案'))).toEqual([]);
    await new Promise((r) => setTimeout(r, 1000));
    expect(commitmentCards()).toBe(cards);
  });

  it('an update that says it happened closes the promise and says which', async () => {
    const replies = await say(rep, `${w.firm}的报价单发过去了`, at(w.thu, '09:30'), has('记为完成'));
    expect(replies.map((m) => m.text).join('\n')).toContain(`已把承诺「发报价(${w.friLabel})」记为完成 ✓`);
    expect((await commitmentsOf(rep)).at(-1)).toMatchObject({ status: 'done', closed_via: 'update' });
    // Done early counts once it falls due; the one moved in time is not held against the rep.
    expect((await say(boss, '健康度', at(w.thu, '09:40'), (f) => f.length > 0, boss))[0]!.text).toContain('100%(1/1)');
    const todo = await say(rep, '我的待办', at(w.thu, '09:41'), (f) => f.some((m) => m.kind !== 'card'));
    expect(todo.map((m) => m.text).join('\n')).not.toContain('发报价');
  });
});
