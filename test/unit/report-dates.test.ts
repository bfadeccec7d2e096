// Dates and the next action of the offline battle-report rules, in Asia/Shanghai against a fixed
// recording time (spec "Dates", "Which date is the next action"). Sentences are written for these tests.
import { describe, expect, it } from 'vitest';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { isoDay } from '../../src/domain/reports/calendar.js';
import { extractReport } from '../../src/domain/reports/extract-report.js';
import { readNote } from '../../src/domain/reports/note.js';

const rules = loadReportRules();
const WED = '2026-05-13T18:10:00+08:00'; // a Wednesday evening
const SAT = '2026-05-16T10:30:00+08:00';
const SUN = '2026-05-17T10:00:00+08:00';
const FRI_JAN_30 = '2026-01-30T09:00:00+08:00';
const TUE_DEC_29 = '2026-12-29T15:00:00+08:00';
const FRI_FEB_27 = '2026-02-27T11:00:00+08:00';
const SUN_MAY_31 = '2026-05-31T20:00:00+08:00';
const MON_NOV_30 = '2026-11-30T10:00:00+08:00';

const due = (text: string, at: string) => extractReport({ text, recordedAt: new Date(at) }, rules).nextActionDue;

describe('calendar rules', () => {
  it.each([
    ['今天下班前把资料发给恒丰纸业', WED, '2026-05-13'],
    ['明天去恒丰纸业', WED, '2026-05-14'],
    ['后天去恒丰纸业', WED, '2026-05-15'],
    ['大后天去恒丰纸业', WED, '2026-05-16'],
    ['3天后去恒丰纸业演示', FRI_FEB_27, '2026-03-02'],
    ['五天以后再去恒丰纸业', WED, '2026-05-18'],
    ['两周后去恒丰纸业复测', WED, '2026-05-27'],
    ['周五去恒丰纸业', WED, '2026-05-15'],
    ['星期四去恒丰纸业', WED, '2026-05-14'],
    ['礼拜五去恒丰纸业复测', WED, '2026-05-15'],
    ['这周日之前要把标书交给恒丰纸业', WED, '2026-05-17'],
    ['本周五去恒丰纸业', WED, '2026-05-15'],
    ['周一去恒丰纸业讲方案', WED, '2026-05-18'],
    ['星期二再去恒丰纸业', WED, '2026-05-19'],
    ['下周二去恒丰纸业', WED, '2026-05-19'],
    ['下礼拜五去恒丰纸业', WED, '2026-05-22'],
    ['下星期四约了恒丰纸业的老板', WED, '2026-05-21'],
    ['下个周一去恒丰纸业', WED, '2026-05-18'],
    ['下周去恒丰纸业拜访', WED, '2026-05-18'],
    ['下礼拜给恒丰纸业答复', WED, '2026-05-18'],
    ['下下周二去恒丰纸业', WED, '2026-05-26'],
    ['月底前恒丰纸业会给答复', WED, '2026-05-31'],
    ['15号之前把投标文件准备好给恒丰纸业', WED, '2026-05-15'],
    ['二十号去恒丰纸业', WED, '2026-05-20'],
    ['5月20号给恒丰纸业送样机', WED, '2026-05-20'],
    ['下个月15号去恒丰纸业', WED, '2026-06-15'],
    ['下个月底前签下恒丰纸业', WED, '2026-06-30'],
  ])('%s (recorded %s) → %s', (text, at, date) => {
    expect(due(text, at)).toBe(date);
  });

  it.each([
    ['on a Sunday 周一 is tomorrow', '周一去宏远纺织讲方案', SUN, '2026-05-18'],
    ['on a Sunday 下周一 is tomorrow too', '下周一去宏远纺织讲方案', SUN, '2026-05-18'],
    ['on a Sunday 下周 alone is tomorrow', '下周去永泰五金拜访', SUN, '2026-05-18'],
    ['on a Sunday a passed 这周五 is next week’s', '这周五之前永泰五金要最终方案', SUN, '2026-05-22'],
    ['a weekday that is today, with a plan, is today', '周三下午再去一趟华美家居', WED, '2026-05-13'],
    ['a deadline weekday that is today is today', '星期三下班前把资料发给华美家居', WED, '2026-05-13'],
    ['today at a later hour is a plan', '今天下午三点去锦华酒店做演示', '2026-05-14T09:00:00+08:00', '2026-05-14'],
    ['today at a passed hour is narration', '今天上午十点去锦华酒店做了演示，周五报价', '2026-05-14T15:00:00+08:00', '2026-05-15'],
    ['周五前 changes nothing', '周五前把合同初稿发给和信商贸', WED, '2026-05-15'],
    ['on Saturday 周日之前 is tomorrow', '周日之前要给格力电器回复', SAT, '2026-05-17'],
    ['on Saturday 周一 is next Monday', '我周一把资质材料发给德邦快运', SAT, '2026-05-18'],
    ['月底 on the 30th of January is the next day', '月底前天诚物流会给答复', FRI_JAN_30, '2026-01-31'],
    ['月底 in February is the 28th', '月底给锦绣服饰发报价', FRI_FEB_27, '2026-02-28'],
    ['月底 said on the last day is today', '月底前要把框架协议签下来', MON_NOV_30, '2026-11-30'],
    ['X号 already past is next month’s', '3号去新华书店送样品', FRI_JAN_30, '2026-02-03'],
    ['1号 past in November is December 1st', '1号去宝武钢铁做技术交流', MON_NOV_30, '2026-12-01'],
    ['X月Y号 past is next year’s', '1月8号再去一趟北辰电子', TUE_DEC_29, '2027-01-08'],
    ['下周二across the new year', '下周二跟北辰电子签合同', TUE_DEC_29, '2027-01-05'],
    ['大后天across the new year', '大后天去中天建设', TUE_DEC_29, '2027-01-01'],
    ['明天 on the last day of May is June 1st', '月底了，明天去科华电子催一下回款', SUN_MAY_31, '2026-06-01'],
    ['a passed weekday said as done is no next step', '这周五拜访了东方雨虹建材，下周五再去', SUN_MAY_31, '2026-06-05'],
  ])('%s', (_why, text, at, date) => {
    expect(due(text, at)).toBe(date);
  });
});

describe('which date is the next action', () => {
  it.each([
    ['the earliest future step wins', '下周三去演示，明天先把资料发给恒丰纸业', '2026-05-14'],
    ['a reply we wait for counts', '恒丰纸业的厂长要亲自拍板，月底前回复我们', '2026-05-31'],
    ['their legal review finishing counts', '合同交给法务了，他们法务讲周五前审好', '2026-05-15'],
    ['today as narration does not count', '今天去了恒丰纸业，下周二带样机过去', '2026-05-19'],
    ['a past weekday does not count', '周二拜访了天成化工，周五再去', '2026-05-15'],
    ['a progressive today does not count', '周三还在陪客户看展厅，下周三去报价', '2026-05-20'],
    ['yesterday does not count', '昨天去了天成化工，下礼拜一再约', '2026-05-18'],
    ['last week does not count', '上周五讲了方案，下周一报价', '2026-05-18'],
    ['a customer trip is no step', '客户老板下周一出差，周五再去', '2026-05-15'],
    ['a concrete date beats a vague one', '下个月中旬再去，后天先发报价', '2026-05-15'],
  ])('%s', (_why, text, date) => {
    expect(due(text, WED)).toBe(date);
  });

  it.each([
    '下个月中旬再去华夏保险',
    '下周内给德胜钢铁答复',
    '大概两周后安排一次演示',
    '过两天再联系恒信机械',
    '这两天客户在走审批',
    '月初再去一趟',
    '年底前应该能签',
    '周末约客户吃饭',
    '三天内回复',
    '下旬再说',
    '今天去了恒丰纸业，聊得不错',
    '今天给青山教育打了电话，等通知',
    '昨天已经把样品寄过去了',
    '周一拜访了客户，演示很顺利',
    '客户说下个月再说',
  ])('%s has no dated next action', (text) => {
    expect(due(text, WED)).toBeNull();
  });

  it('keeps the step in the rep’s words', () => {
    const r = extractReport({ text: '客户嫌贵，明天我重新算一下价格。', recordedAt: new Date(WED) }, rules);
    expect(r.nextAction).toBe('明天我重新算一下价格');
    expect(r.nextActionDue).toBe('2026-05-14');
  });
});

describe('readNote dates', () => {
  const statuses = (text: string) =>
    readNote(text, new Date(WED), rules).dates.map((d) => [d.text, d.day === null ? null : isoDay(d.day), d.status]);

  it('marks past, today, future and vague mentions', () => {
    expect(statuses('昨天去了，今天下班前发报价，下周一再谈，下个月签')).toEqual([
      ['昨天', '2026-05-12', 'past'],
      ['今天', '2026-05-13', 'today'],
      ['下周一', '2026-05-18', 'future'],
      ['下个月', null, 'vague'],
    ]);
  });

  it('reads a deadline 前 as part of the date, never as 前天', () => {
    expect(statuses('月底前天诚物流会给答复')).toEqual([['月底前', '2026-05-31', 'future']]);
  });

  it('does not read 下周内 or 下周末 as next Monday', () => {
    expect(statuses('下周内给答复')).toEqual([['下周内', null, 'vague']]);
    expect(statuses('下周末再说')).toEqual([['下周末', null, 'vague']]);
  });

  it('ignores numbered things that are not days', () => {
    expect(statuses('去3号楼找5号线的负责人')).toEqual([]);
  });
});
