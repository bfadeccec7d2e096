// mergeReports: the rules own numbers, dates and what they found; the LLM adds wording and only
// evidence that can be found in the transcript.
import { describe, expect, it } from 'vitest';
import type { BattleReport } from '../../src/domain/reports/battle-report.js';
import { mergeReports } from '../../src/domain/reports/merge-reports.js';

const TRANSCRIPT = '今天拜访了华东机电的王经理，他们嫌报价偏高，想要九十天账期。竞品海康那边给了八五折，别家也在报。合同大概三十万，周五前把新报价发过去，再沟通。';

const rules: BattleReport = {
  customer: '华东机电',
  contact: null,
  stage: 'negotiation',
  progress: '今天拜访了华东机电的王经理',
  objections: [{ topic: 'price', quote: '嫌报价偏高' }],
  competitors: [],
  amount: 300000,
  paymentTermsDays: 90,
  nextAction: '把新报价发过去',
  nextActionDue: '2025-03-07',
  vaguePhrases: ['再沟通'],
};

describe('mergeReports', () => {
  it('keeps the rules’ numbers and dates whenever they differ, including the rules’ nulls', () => {
    const merged = mergeReports(TRANSCRIPT, { ...rules, paymentTermsDays: null }, {
      amount: 3000000, paymentTermsDays: 90, nextActionDue: '2025-03-06',
    });
    expect(merged).toMatchObject({ amount: 300000, paymentTermsDays: null, nextActionDue: '2025-03-07' });
  });

  it('stage, customer and contact: the rules win when they found one', () => {
    const merged = mergeReports(TRANSCRIPT, rules, { stage: 'contract', customer: '王经理', contact: '王经理' });
    expect(merged).toMatchObject({ stage: 'negotiation', customer: '华东机电', contact: '王经理' });
  });

  it('stage: the LLM’s when the rules found none and it is a valid id', () => {
    expect(mergeReports(TRANSCRIPT, { ...rules, stage: null }, { stage: 'demo' }).stage).toBe('demo');
    expect(mergeReports(TRANSCRIPT, { ...rules, stage: null }, { stage: 'closing' as never }).stage).toBeNull();
  });

  it('customer/contact from the LLM only when said in the transcript', () => {
    const merged = mergeReports(TRANSCRIPT, { ...rules, customer: null }, { customer: '华东机电集团', contact: '王经理' });
    expect(merged.customer).toBeNull(); // "集团" was never said
    expect(merged.contact).toBe('王经理');
  });

  it('takes the LLM’s progress and nextAction wording when non-empty', () => {
    const better = { progress: '拜访华东机电王经理，客户嫌价高并要九十天账期。', nextAction: '周五前发送新报价' };
    expect(mergeReports(TRANSCRIPT, rules, better)).toMatchObject(better);
    expect(mergeReports(TRANSCRIPT, rules, { progress: '  ', nextAction: null })).toMatchObject({
      progress: rules.progress, nextAction: rules.nextAction,
    });
  });

  it('objections: union by topic; LLM quotes only when found in the transcript (punctuation aside)', () => {
    const merged = mergeReports(TRANSCRIPT, rules, {
      objections: [
        { topic: 'price', quote: '价格太贵了' }, // topic already found by the rules: rules' quote stays
        { topic: 'payment_terms', quote: '想要九十天账期' },
        { topic: 'competitor', quote: '竞品海康那边, 给了八五折' }, // re-punctuated
        { topic: 'delivery', quote: '交期要提前' }, // never said
      ],
    });
    expect(merged.objections).toEqual([
      { topic: 'price', quote: '嫌报价偏高' },
      { topic: 'payment_terms', quote: '想要九十天账期' },
      { topic: 'competitor', quote: '竞品海康那边, 给了八五折' },
    ]);
  });

  it('competitors: union of names said in the transcript; generic words are not names', () => {
    const merged = mergeReports(TRANSCRIPT, { ...rules, competitors: ['海康'] }, { competitors: ['海康', '大华', '别家'] });
    expect(merged.competitors).toEqual(['海康']);
    expect(mergeReports(TRANSCRIPT, rules, { competitors: ['海康'] }).competitors).toEqual(['海康']);
  });

  it('vaguePhrases come from the rules only', () => {
    expect(mergeReports(TRANSCRIPT, rules, { vaguePhrases: ['有意向'] }).vaguePhrases).toEqual(['再沟通']);
  });

  it('an empty LLM answer leaves the rules’ report unchanged', () => {
    expect(mergeReports(TRANSCRIPT, rules, {})).toEqual(rules);
  });
});
