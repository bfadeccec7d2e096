import { describe, expect, it } from 'vitest';
import { digestLine, formatDuration, managerDigest, repAlertText } from '../../src/domain/reminders/alert-text.js';
import { repAlertList } from '../../src/domain/reminders/rep-alert-list.js';
import type { Breach, RuleId } from '../../src/domain/reminders/breach.js';

const H = 3_600_000;
const D = 24 * H;
const sh = (local: string) => new Date(`${local}+08:00`);

function breach(rule: RuleId, over: Partial<Breach> & { windowMs?: number } = {}): Breach {
  const { windowMs = 2 * H, ...rest } = over;
  const dueAt = rest.dueAt ?? sh('2026-05-13T12:00:00');
  return {
    rule,
    audience: 'rep',
    subjectId: 'c1',
    customerId: 'c1',
    customerName: '恒信机械',
    ownerUserId: 'u1',
    teamKey: 'east',
    since: new Date(dueAt.getTime() - windowMs),
    dueAt,
    overdueBy: 3 * H,
    periodKey: `${rule}:rep:c1:2026-05-13`,
    stage: null,
    commitment: null,
    ...rest,
  };
}

describe('durations', () => {
  it('rounds down to the largest unit', () => {
    expect(formatDuration(0)).toBe('1分钟');
    expect(formatDuration(25 * 60_000)).toBe('25分钟');
    expect(formatDuration(3 * H + 59 * 60_000)).toBe('3小时');
    expect(formatDuration(D - 1)).toBe('23小时');
    expect(formatDuration(5 * D + 3 * H)).toBe('5天');
  });
});

describe('rep alerts name the customer, the rule, how overdue and one next step', () => {
  it('lead first contact', () => {
    expect(repAlertText(breach('lead_first_contact'))).toBe('新线索「恒信机械」还没联系,2小时内要首次联系,已超时3小时。\n下一步:现在就打个电话,确认需求和对接人。');
  });
  it('golden 48 h', () => {
    expect(repAlertText(breach('golden_48h', { windowMs: 48 * H, overdueBy: H }))).toBe(
      '「恒信机械」黄金48小时已过:还没拜访,也没发方案,超时1小时。\n下一步:今天约上门拜访,或先发一份方案/报价。',
    );
  });
  it('stage windows, with the step of each stage', () => {
    expect(repAlertText(breach('stage_window', { stage: 'demo', windowMs: 48 * H, overdueBy: 5 * H }))).toBe(
      '「恒信机械」进入「方案演示」后48小时没有跟进,超时5小时。\n下一步:把方案或报价发给客户。',
    );
    const steps = (['discovery', 'demo', 'negotiation', 'contract'] as const).map((stage) => repAlertText(breach('stage_window', { stage })).split('下一步:')[1]);
    expect(new Set(steps).size).toBe(4);
  });
  it('untouched, counted from the last touch', () => {
    expect(repAlertText(breach('untouched_7d', { windowMs: 7 * D, overdueBy: 2 * D + H }))).toBe(
      '「恒信机械」已9天未跟进。\n下一步:打个电话问问最新进展,约好下次跟进的时间。',
    );
    expect(repAlertText(breach('untouched_14d', { windowMs: 14 * D, overdueBy: 0 }))).toContain('已14天未跟进,已同步给主管');
  });
  it('commitments, by Shanghai calendar days', () => {
    const commitment = { description: '发报价', dueDate: '2026-05-13' };
    const dueMorning = sh('2026-05-13T09:00:00');
    expect(repAlertText(breach('commitment_due', { commitment, dueAt: dueMorning, windowMs: 0, overdueBy: H }))).toBe(
      '你答应「恒信机械」的「发报价」5月13日到期。\n下一步:按时做完选「完成」;来不及就先跟客户说明,选「改期」约个新时间。',
    );
    // 08:00 the next morning is one calendar day late although less than 24 h have passed.
    expect(repAlertText(breach('commitment_due', { commitment, dueAt: dueMorning, windowMs: 0, overdueBy: 23 * H }))).toContain('5月13日到期,已逾期1天。\n下一步:尽快做完');
    expect(repAlertText(breach('commitment_overdue', { commitment, customerName: null, dueAt: sh('2026-05-14T09:00:00'), overdueBy: D }))).toBe(
      '你的承诺「发报价」5月13日到期,已逾期2天,已同步给主管。\n下一步:今天做完,或跟客户约好新时间后告诉我。',
    );
  });
  it('no report today carries the voice tip', () => {
    expect(repAlertText(breach('no_report_today', { customerId: null, customerName: null }))).toBe('今天的战报还没写。\n按住语音说30秒就行:见了谁、聊了什么、下一步哪天做什么。');
  });
  it('keeps user text from breaking markdown', () => {
    expect(digestLine(breach('untouched_7d', { customerName: '**大客户**\n<b>', windowMs: 7 * D, overdueBy: 0 }))).toBe('大客户 b · 已7天未跟进');
  });
});

describe('manager digest', () => {
  const names = new Map([
    ['u1', '张三'],
    ['u2', '李四'],
  ]);
  const golden = breach('golden_48h', { windowMs: 48 * H });
  const list: Breach[] = [
    golden,
    { ...golden, audience: 'manager_group' },
    breach('untouched_7d', { ownerUserId: 'u2', subjectId: 'c2', customerId: 'c2', customerName: '华联超市', windowMs: 7 * D, overdueBy: 8 * D }),
    breach('untouched_14d', { ownerUserId: 'u2', subjectId: 'c2', customerId: 'c2', customerName: '华联超市', windowMs: 14 * D, overdueBy: D }),
    breach('commitment_overdue', {
      ownerUserId: 'u2', subjectId: 'k1', customerId: 'c3', customerName: '永辉物流', commitment: { description: '发报价', dueDate: '2026-05-12' },
      dueAt: sh('2026-05-13T09:00:00'), overdueBy: H,
    }),
    breach('no_report_today', { ownerUserId: 'u9', subjectId: 'u9', customerId: null, customerName: null }),
  ];

  it('groups by rep, most breaches first, one line per subject and rule family', () => {
    expect(managerDigest(list, names)).toBe(
      [
        '**跟进预警** 共4条,涉及3位同事',
        '',
        '**李四**(2条)',
        '> 华联超市 · 已15天未跟进',
        '> 永辉物流 · 承诺「发报价」5月12日到期,已逾期1天',
        '',
        '**u9**(1条)',
        '> 今日战报未写',
        '',
        '**张三**(1条)',
        '> 恒信机械 · 黄金48小时未拜访、未发方案,超时3小时',
      ].join('\n'),
    );
  });

  it('is null when there is nothing to send', () => {
    expect(managerDigest([], names)).toBeNull();
  });

  it('stays under the byte limit and says how many were left out', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      breach('untouched_14d', { ownerUserId: `u${i % 7}`, subjectId: `c${i}`, customerName: `客户${i}号有限公司`, windowMs: 14 * D }),
    );
    const text = managerDigest(many, names, 1000)!;
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(1000);
    const shown = text.split('\n').filter((l) => l.startsWith('> ')).length;
    expect(text).toContain(`…另有${200 - shown}条,发「逾期」查看全部`);
    expect(text.split('\n').at(-3)).toMatch(/^> /); // no rep header left without a line under it
  });
});

describe('several alerts for one rep become one list', () => {
  it('keeps the single wording for one alert', () => {
    const b = breach('golden_48h', { windowMs: 48 * H });
    expect(repAlertList([b])).toBe(repAlertText(b));
  });
  it('lists the most overdue first, each with its next step', () => {
    const text = repAlertList([
      breach('untouched_7d', { subjectId: 'c1', customerName: '恒信机械', windowMs: 7 * D, overdueBy: 2 * D }),
      breach('golden_48h', { subjectId: 'c2', customerId: 'c2', customerName: '永辉物流', windowMs: 48 * H, overdueBy: 5 * D }),
    ]);
    expect(text.split('\n')).toEqual([
      '有2件事该跟进了:',
      '1. 永辉物流 · 黄金48小时未拜访、未发方案,超时5天',
      '   → 今天约上门拜访,或先发一份方案/报价',
      '2. 恒信机械 · 已9天未跟进',
      '   → 打个电话问问最新进展,约好下次跟进的时间',
    ]);
  });
  it('fits a WeCom text message and says how many were left out', () => {
    const many = Array.from({ length: 60 }, (_, i) => breach('untouched_7d', { subjectId: `c${i}`, customerId: `c${i}`, customerName: `客户公司${i}`, windowMs: 7 * D, overdueBy: i * H }));
    const text = repAlertList(many);
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(2000);
    const shown = text.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(shown).toBeGreaterThan(5);
    expect(text).toContain(`另有${60 - shown}件,发「逾期」查看全部。`);
  });
});

describe('one rep message lists each customer once, most urgent item first', () => {
  const commitment = { description: '周五前发方案(5月15日)', dueDate: '2026-05-15' };
  const golden = breach('golden_48h', { windowMs: 48 * H, overdueBy: 2 * D });
  const promise = breach('commitment_due', { subjectId: 'k1', commitment, dueAt: sh('2026-05-15T09:00:00'), windowMs: 0, overdueBy: H });
  const quiet = breach('untouched_7d', { windowMs: 7 * D, overdueBy: D });
  const other = breach('untouched_7d', { subjectId: 'c2', customerId: 'c2', customerName: '永辉物流', windowMs: 7 * D, overdueBy: 3 * D });

  it('merges golden 48 h, a commitment and untouched of one customer into one entry', () => {
    expect(repAlertList([quiet, golden, promise, other]).split('\n')).toEqual([
      '有4件事该跟进了:',
      '1. 恒信机械 · 承诺「周五前发方案(5月15日)」5月15日到期',
      '   → 按时做完选「完成」;来不及就先跟客户说明,选「改期」约个新时间',
      '   另:黄金48小时未拜访、未发方案,超时2天',
      '   另:已8天未跟进',
      '2. 永辉物流 · 已10天未跟进',
      '   → 打个电话问问最新进展,约好下次跟进的时间',
    ]);
  });

  it('names every customer exactly once, whatever the order the rules found them in', () => {
    const text = repAlertList([other, quiet, promise, golden]);
    expect(text.match(/恒信机械/g)).toHaveLength(1);
    expect(text.match(/永辉物流/g)).toHaveLength(1);
  });

  it('keeps promises without a customer apart', () => {
    const loose = breach('commitment_due', { subjectId: 'k2', customerId: null, customerName: null, commitment: { description: '发资料', dueDate: '2026-05-15' }, dueAt: sh('2026-05-15T09:00:00'), windowMs: 0, overdueBy: H });
    const text = repAlertList([loose, { ...loose, subjectId: 'k3' }]);
    expect(text.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(2);
  });

  it('counts what was left out by item, not by customer', () => {
    const many = Array.from({ length: 40 }, (_, i) => [
      breach('golden_48h', { subjectId: `c${i}`, customerId: `c${i}`, customerName: `客户公司${i}`, windowMs: 48 * H, overdueBy: i * H }),
      breach('untouched_7d', { subjectId: `c${i}`, customerId: `c${i}`, customerName: `客户公司${i}`, windowMs: 7 * D, overdueBy: i * H }),
    ]).flat();
    const text = repAlertList(many);
    const shownCustomers = text.split('\n').filter((l) => /^\d+\. /.test(l)).length;
    expect(text).toContain(`另有${80 - 2 * shownCustomers}件,发「逾期」查看全部。`);
  });
});
