// Commitment hand-off (承诺穿透, issue 15 item 7), end to end on WeCom and DingTalk on a fake clock: a POC
// promise with every field reaches the team's implementation lead as a 完成 / 改期 card; one with fields
// missing asks the rep first, one question at a time; 取消 keeps it the rep's; the handler's 完成 closes the
// task and tells the rep; an overdue task is reminded and escalated like any commitment; a team without a
// handler for the role tells the rep and the manager once.
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { customerDetailFor } from '../../src/app/console/customer-timeline.js';
import { adminViewer } from '../../src/app/console/sessions.js';
import type { Outgoing } from '../support/channel-drivers.js';
import { eventually, type TestServer } from '../support/test-server.js';
import { useTwoChannelTeam, type TwoChannelDrivers } from '../support/two-channel-team.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const clock = fixedClock(sh('2026-12-07T09:00:00'));
let t: TestServer;
let drivers: TwoChannelDrivers;
useTwoChannelTeam({ clock }, (team) => ({ t, drivers } = team));

// Each channel gets its own week, so the one fake clock only moves forward.
const WEEKS = {
  wecom: {
    mon: '2026-12-07', fri: '2026-12-11', sat: '2026-12-12', nextMon: '2026-12-14', nextWed: '2026-12-16',
    friLabel: '12月11日', nextMonLabel: '12月14日', nextWedLabel: '12月16日',
    firms: { full: '恒信机械', missing: '华星电子', cancel: '安泰科技', sample: '金鼎五金', sample2: '宏达建材', lost: '北辰仪表' },
  },
  dingtalk: {
    mon: '2026-12-14', fri: '2026-12-18', sat: '2026-12-19', nextMon: '2026-12-21', nextWed: '2026-12-23',
    friLabel: '12月18日', nextMonLabel: '12月21日', nextWedLabel: '12月23日',
    firms: { full: '瑞丰化工', missing: '永安纸业', cancel: '南岭电气', sample: '天成物流', sample2: '长河纺织', lost: '东海船舶' },
  },
} as const;

type HandoffRow = { kind: string; status: string; fields: Record<string, string>; handler_user_id: string | null; task: string | null; task_owner: string | null; task_status: string | null };
const handoffsOf = (rep: string) =>
  t.db.query<HandoffRow>(
    `select h.kind, h.status, h.fields, h.handler_user_id, k.description as task, k.owner_user_id as task_owner, k.status as task_status
     from handoffs h left join commitments k on k.id = h.handler_commitment_id where h.rep_user_id = $1 order by h.created_at`,
    [rep],
  );

describe.each(['wecom', 'dingtalk'] as const)('commitment hand-off on %s', (name) => {
  const d = () => drivers[name]!;
  const w = WEEKS[name];
  const f = w.firms;
  const rep = `${name}HoRep`;
  const boss = `${name}HoBoss`;
  const impl = `${name}HoImpl`;
  const team = `${name}-ho`;
  // WeCom names people from user/get; DingTalk from the sender's nick (the same for every test sender).
  const implName = name === 'wecom' ? '张实施' : '测试同学';
  const at = (day: string, hhmm: string) => {
    clock.set(sh(`${day}T${hhmm}:00`));
    return clock.now();
  };
  let minute = 0;
  /** A fresh minute of the given day: every message needs its own timestamp (DingTalk signs it). */
  const tick = (day: string) => at(day, `10:${String(minute++).padStart(2, '0')}`);

  async function say(user: string, text: string, when: Date, done: (fresh: Outgoing[]) => boolean, to = user): Promise<Outgoing[]> {
    const before = d().outgoing(to).length;
    clock.set(when);
    expect(await d().sendText(user, text, { at: when })).toBe(200);
    return eventually(() => {
      const fresh = d().outgoing(to).slice(before);
      return done(fresh) ? fresh : null;
    });
  }
  async function tap(user: string, card: Outgoing, label: string, when: Date, done: (fresh: Outgoing[]) => boolean, to = user): Promise<Outgoing[]> {
    const before = d().outgoing(to).length;
    clock.set(when);
    expect(await d().choose(user, card, label, { at: when })).toBe(200);
    return eventually(() => {
      const fresh = d().outgoing(to).slice(before);
      return done(fresh) ? fresh : null;
    });
  }
  const has = (s: string) => (fresh: Outgoing[]) => fresh.some((m) => m.text.includes(s));
  const joined = (fresh: Outgoing[]) => fresh.map((m) => m.text).join('\n');
  /** Confirms a report and returns what the rep got from the 确认 on. */
  async function confirmReport(text: string, day: string, done: (fresh: Outgoing[]) => boolean): Promise<Outgoing[]> {
    const fresh = await say(rep, text, tick(day), (f) => f.some((m) => m.buttons.includes('确认')));
    return tap(rep, fresh.find((m) => m.buttons.includes('确认'))!, '确认', tick(day), (f) => has('战报已保存')(f) && done(f));
  }
  const handlerCard = (desc: string) => eventually(() => d().outgoing(impl).find((m) => m.kind === 'card' && m.buttons.includes('完成') && m.text.includes(desc)));

  it('an admin sets the team handlers; unknown roles and people are refused', async () => {
    if (name === 'wecom') t.fake.users.set(impl, implName);
    for (const u of [rep, boss, impl]) await say(u, '你好', tick(w.mon), (f) => f.length > 0);
    expect((await t.send('PUT', `/api/teams/${team}`, {
      name: '交付组', memberUserIds: [rep, impl], managerUserIds: [boss], alert: { kind: 'wecom_webhook', key: `robot-${name}-ho` },
    })).status).toBe(200);
    expect((await t.send('PUT', `/api/teams/${team}/handlers`, { poc: impl, wizard: impl })).json.code).toBe('unknown_role');
    expect((await t.send('PUT', `/api/teams/${team}/handlers`, { poc: 'nobody-here' })).status).toBe(400);
    expect((await t.send('PUT', '/api/teams/no-such-team/handlers', { poc: impl })).status).toBe(404);
    const set = await t.send('PUT', `/api/teams/${team}/handlers`, { poc: impl });
    expect(set.status).toBe(200);
    expect(set.json.roles.implementation).toMatchObject({ label: '实施负责人', userId: impl, kinds: ['poc', 'implementation'] });
    expect(set.json.roles.samples).toMatchObject({ userId: null });
    expect((await t.api(`/api/teams/${team}/handlers`)).json.roles.implementation.userId).toBe(impl);
  });

  it('a POC promise with all its fields reaches the implementation lead as a task card, and the rep is told who has it', async () => {
    const fresh = await confirmReport(
      `战报 今天拜访了${f.full},客户想先试用,下周一开始POC试用,范围是质检模块,联系人王工`, w.mon, has('已转给'),
    );
    const told = joined(fresh);
    expect(told).toContain(`已转给实施负责人 ${implName}:「${f.full}」POC/试用`);
    expect(told).toContain('范围:质检模块');
    expect(told).toContain(`开始日期:${w.nextMonLabel}`);
    expect(told).toContain('联系人:王工');
    const card = await handlerCard(`${f.full}`);
    expect(card.buttons).toEqual(['完成', '改期']);
    if (name === 'wecom') {
      expect(card.raw.template_card.horizontal_content_list.map((f: any) => `${f.keyname}=${f.value}`)).toEqual([
        '范围=质检模块', `开始日期=${w.nextMonLabel}`, '联系人=王工', `到期=${w.nextMonLabel}`,
      ]);
    } else {
      expect(card.text).toContain('质检模块');
    }
    expect(await handoffsOf(rep)).toEqual([{
      kind: 'poc', status: 'handed', fields: { scope: '质检模块', startDate: w.nextMon, contact: '王工' }, handler_user_id: impl,
      task: `POC/试用:下周一开始POC试用(${w.nextMonLabel})`, task_owner: impl, task_status: 'open',
    }]);
  });

  it('完成 by the handler closes the task and the rep\'s promise, and tells the rep', async () => {
    const card = await handlerCard(`${f.full}`);
    const before = d().outgoing(rep).length;
    const done = await tap(impl, card, '完成', tick(w.mon), has('已完成 ✓'));
    expect(joined(done)).toContain(`「POC/试用:下周一开始POC试用(${w.nextMonLabel})」已完成 ✓`);
    const toRep = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.text.includes('已完成你转交的')));
    expect(toRep.text).toBe(`${implName}已完成你转交的「POC/试用:下周一开始POC试用(${w.nextMonLabel})」✓,你的承诺「下周一开始POC试用(${w.nextMonLabel})」也记为完成。`);
    expect((await handoffsOf(rep))[0]).toMatchObject({ status: 'handed', task_status: 'done' });
    const own = await t.db.query<{ status: string; closed_by: string }>(`select status, closed_by from commitments where owner_user_id = $1 and description like '下周一开始POC%'`, [rep]);
    expect(own).toEqual([{ status: 'done', closed_by: impl }]);
  });

  it('missing fields are asked from the rep one at a time, then the handler gets the task', async () => {
    const asked = await confirmReport(`战报 拜访了${f.missing},周五前把POC环境准备好`, w.mon, has('还差'));
    expect(joined(asked)).toContain(`「周五前把POC环境准备好(${w.friLabel})」要转给实施负责人 ${implName}跟进,还差范围、开始日期、联系人。`);
    expect(joined(asked)).toContain('先说范围:');
    expect(await handoffsOf(rep)).toHaveLength(2);
    expect((await handoffsOf(rep))[1]).toMatchObject({ status: 'collecting', fields: {} });

    expect(joined(await say(rep, '生产排程和质检两个模块', tick(w.mon), has('开始日期')))).toContain('好的。开始日期:');
    expect(joined(await say(rep, '下个月吧', tick(w.mon), has('具体到哪一天')))).toContain('要具体到哪一天。开始日期:');
    expect(joined(await say(rep, '下周三', tick(w.mon), has('联系人')))).toContain('好的。联系人:');
    const handed = joined(await say(rep, '刘工 13700001111', tick(w.mon), has('已转给')));
    expect(handed).toContain(`开始日期:${w.nextWedLabel}`);
    expect(handed).toContain('联系人:刘工 13700001111');
    await handlerCard(`${f.missing}`);
    expect((await handoffsOf(rep))[1]).toMatchObject({
      status: 'handed', fields: { scope: '生产排程和质检两个模块', startDate: w.nextWed, contact: '刘工 13700001111' },
      task: `POC/试用:周五前把POC环境准备好(${w.friLabel})`, task_owner: impl,
    });
    // The question is over: the next text is an ordinary message again.
    expect(joined(await say(rep, '你好', tick(w.mon), (f) => f.length > 0))).not.toContain('开始日期');
  });

  it('取消 drops the hand-off; the promise stays the rep\'s', async () => {
    await confirmReport(`战报 拜访了${f.cancel},周四前安排上机测试`, w.mon, has('还差'));
    const cancelled = await say(rep, '取消', tick(w.mon), has('不转交'));
    expect(joined(cancelled)).toContain('这次不转交,承诺仍在你名下。');
    expect((await handoffsOf(rep))[2]).toMatchObject({ kind: 'poc', status: 'cancelled', task: null });
    expect(await t.db.query(`select pending from chat_contexts where user_id = $1`, [rep])).toEqual([]);
    expect(joined(await say(rep, '你好', tick(w.mon), (f) => f.length > 0))).not.toContain('不转交');
  });

  it('no handler for the role: the rep and the manager are told once, not on every promise', async () => {
    const before = d().outgoing(boss).length;
    const first = await confirmReport(`战报 拜访了${f.sample},客户要两台样机,周五前寄样品`, w.mon, has('还没设'));
    expect(joined(first)).toContain('是样品类承诺,本该转给样品管理员,但交付组还没设样品管理员,承诺先留在你名下。已告诉主管。');
    const toBoss = await eventually(() => d().outgoing(boss).slice(before).find((m) => m.text.includes('还没设样品管理员')));
    expect(toBoss.text).toContain(`对「${f.sample}」的样品承诺「周五前寄样品(${w.friLabel})」没法转交`);
    await confirmReport(`战报 拜访了${f.sample2},明天寄样品过去`, w.mon, () => true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(d().outgoing(rep).filter((m) => m.text.includes('还没设样品管理员'))).toHaveLength(1);
    expect(d().outgoing(boss).filter((m) => m.text.includes('还没设样品管理员'))).toHaveLength(1);
    expect((await handoffsOf(rep)).slice(3).map((h) => h.status)).toEqual(['no_handler', 'no_handler']);
  });

  it('the handler\'s overdue task is reminded on the due morning and escalated to the team the day after', async () => {
    const task = `POC/试用:周五前把POC环境准备好(${w.friLabel})`;
    const due = await t.send('POST', '/api/jobs/reminders/run', { at: at(w.fri, '09:05').toISOString() });
    expect(due.json.messages.filter((m: any) => m.to === impl).map((m: any) => m.kind)).toEqual(['text', 'button_card']);
    expect(due.json.messages.find((m: any) => m.to === impl && m.kind === 'text').text).toContain(task);
    const reminder = await eventually(() => d().outgoing(impl).find((m) => m.kind === 'card' && m.text.includes(`「${f.missing}」的承诺`)));
    expect(reminder.buttons).toEqual(['完成', '改期']);
    const late = await t.send('POST', '/api/jobs/reminders/run', { at: at(w.sat, '09:05').toISOString() });
    const digest = late.json.messages.find((m: any) => m.to === `team:${team}`);
    expect(digest.text).toContain(task);
  });

  it('改期 by the handler tells the rep the new day', async () => {
    // The overdue card of the escalation run: on DingTalk a numbered reply answers the latest card.
    await eventually(() => d().outgoing(impl).some((m) => m.kind !== 'card' && m.text.includes('已逾期')));
    const card = await eventually(() => d().outgoing(impl).filter((m) => m.kind === 'card' && m.buttons.includes('改期') && m.text.includes(f.missing)).at(-1));
    await tap(impl, card, '改期', tick(w.sat), has('改到哪天'));
    const before = d().outgoing(rep).length;
    await say(impl, '下周三', tick(w.sat), has('改到'));
    const toRep = await eventually(() => d().outgoing(rep).slice(before).find((m) => m.text.includes('改到了')));
    expect(toRep.text).toBe(`${implName}把你转交的「POC/试用:周五前把POC环境准备好(${w.friLabel})」改到了${w.nextWedLabel}。`);
  });

  it('a report that loses a deal and hands on a POC asks both questions, the hand-off one again after the reason', async () => {
    const confirmed = await confirmReport(`战报 今天去了${f.lost},这单黄了客户选了别家,不过他们分公司想试用,周四前安排POC环境`, w.sat, (fr) => has('还差')(fr) && fr.some((m) => m.buttons.includes('竞品')));
    const reasonCard = confirmed.find((m) => m.buttons.includes('竞品'))!;
    const afterTap = joined(await tap(rep, reasonCard, '竞品', tick(w.sat), has('还有个转交的问题')));
    expect(afterTap).toContain(`已记下 ${f.lost} 的丢单原因:竞品。`);
    expect(afterTap).not.toContain('想补充一句细节');
    expect(afterTap).toContain('还有个转交的问题没答。范围:');
    // The next text answers the hand-off question, not the lost reason.
    expect(joined(await say(rep, '质检模块', tick(w.sat), has('开始日期')))).toContain('好的。开始日期:');
    const lost = await t.db.query<{ lost_note: string | null }>(`select s.lost_note from stage_changes s join customers c on c.id = s.customer_id where c.name = $1 and s.lost_reason is not null`, [f.lost]);
    expect(lost).toEqual([{ lost_note: null }]);
    expect(joined(await say(rep, '取消', tick(w.sat), has('不转交')))).toContain('这次不转交');
  });

  it('the console timeline shows the lost reason on the stage move and where each promise was handed', async () => {
    const timeline = async (firm: string) => {
      const [{ id }] = await t.db.query<{ id: string }>(`select id from customers where name = $1`, [firm]);
      return (await customerDetailFor(t.db, t.server.deps, adminViewer(t.config.defaultTenantId), id!, clock.now())).timeline as any[];
    };
    expect((await timeline(f.lost)).find((i) => i.type === 'stage' && i.to === 'lost')?.lostReason).toBe('竞品');
    const promises = (await timeline(f.full)).filter((i) => i.type === 'commitment' && i.who.id === rep);
    expect(promises.map((i) => i.handoff)).toContain(`POC/试用 · 已转给 ${implName}`);
    expect((await timeline(f.cancel)).find((i) => i.type === 'commitment')?.handoff).toBe('POC/试用 · 销售取消了转交');
  });
});
