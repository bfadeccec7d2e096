// A rep's correction of a draft battle report changes only the fields it speaks about, read with the
// extractor's own parsers. Sentences are written for these tests.
import { describe, expect, it } from 'vitest';
import { loadReportRules } from '../../src/config/load-report-rules.js';
import { applyCorrection } from '../../src/domain/reports/apply-correction.js';
import type { BattleReport } from '../../src/domain/reports/battle-report.js';
import { extractReport } from '../../src/domain/reports/extract-report.js';

const rules = loadReportRules();
const at = new Date('2026-05-13T18:10:00+08:00'); // a Wednesday
const draft = extractReport({ text: '今天去了荣昌包装，采购孙经理嫌贵，报价六十万，账期六十天，下周二带样机过去。', recordedAt: at }, rules);

/** The fields a correction changed, with their new values. */
function changes(text: string, from: BattleReport = draft): Partial<BattleReport> {
  const after = applyCorrection(from, text, at, rules);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(value) !== JSON.stringify(from[key as keyof BattleReport])) out[key] = value;
  }
  return out as Partial<BattleReport>;
}

describe('applyCorrection', () => {
  it('starts from a complete draft', () => {
    expect(draft).toMatchObject({
      customer: '荣昌包装', contact: '采购孙经理', stage: 'negotiation', amount: 600000, paymentTermsDays: 60,
      nextAction: '下周二带样机过去', nextActionDue: '2026-05-19',
    });
  });

  it.each([
    ['金额改成80万', { amount: 800000 }],
    ['金额不对，应该是一百二十万', { amount: 1200000 }],
    ['不是60万，是65万', { amount: 650000 }],
    ['报价其实是七十二万五', { amount: 725000 }],
    ['账期改成90天', { paymentTermsDays: 90 }],
    ['账期应该是三个月', { paymentTermsDays: 90 }],
    ['账期不对，半年', { paymentTermsDays: 180 }],
    ['阶段是合同签署', { stage: 'contract' }],
    ['阶段改成方案演示', { stage: 'demo' }],
    ['阶段应该是赢单', { stage: 'won' }],
    ['已经签了', { stage: 'won' }],
    ['这单丢了', { stage: 'lost' }],
    ['客户是华安医药', { customer: '华安医药' }],
    ['客户名写错了，应该是华安医药', { customer: '华安医药' }],
    ['客户改成华安医药科技有限公司', { customer: '华安医药科技有限公司' }],
    ['联系人是王经理', { contact: '王经理' }],
    ['对接人改成采购刘姐', { contact: '采购刘姐' }],
    ['下周三再去', { nextAction: '下周三再去', nextActionDue: '2026-05-20' }],
    ['时间改到周五', { nextActionDue: '2026-05-15' }],
    ['改成下个月再去', { nextAction: '下个月再去', nextActionDue: null }],
    ['明天上午去送合同', { nextAction: '明天上午去送合同', nextActionDue: '2026-05-14' }],
    ['竞品是晨光', { competitors: ['晨光'] }],
    ['金额去掉', { amount: null }],
    ['报价改成七十万，下周四去签合同', { amount: 700000, nextAction: '下周四去签合同', nextActionDue: '2026-05-21' }],
  ])('%s', (text, expected) => {
    expect(changes(text)).toEqual(expected);
  });

  it.each(['好的', '没问题，就这样', '嗯'])('%s changes nothing', (text) => {
    expect(applyCorrection(draft, text, at, rules)).toEqual(draft);
  });

  it('keeps the draft untouched (pure)', () => {
    const copy = structuredClone(draft);
    applyCorrection(draft, '金额改成80万，阶段是赢单', at, rules);
    expect(draft).toEqual(copy);
  });

  it('fills a missing next step from a follow-up answer', () => {
    const vague = extractReport({ text: '跟德胜钢铁聊了聊，客户有意向，持续跟进。', recordedAt: at }, rules);
    expect(vague.nextActionDue).toBeNull();
    expect(changes('周五去德胜钢铁讲方案', vague)).toEqual({ nextAction: '周五去德胜钢铁讲方案', nextActionDue: '2026-05-15' });
  });
});
