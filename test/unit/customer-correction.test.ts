// The customer-correction parser: every supported form gives the clean name, never the verb in front of it.
import { describe, expect, it } from 'vitest';
import { parseCustomerCorrection } from '../../src/domain/customers/customer-correction.js';

const CASES: [string, { newName: string; oldName: string | null } | null][] = [
  ['客户名称改成博远电气', { newName: '博远电气', oldName: null }],
  ['客户名称改成为民医院', { newName: '为民医院', oldName: null }],
  ['客户名改为 金桥物流。', { newName: '金桥物流', oldName: null }],
  ['客户是清源药业', { newName: '清源药业', oldName: null }],
  ['客户应该是「清源药业」!', { newName: '清源药业', oldName: null }],
  ['公司名字叫长风重工', { newName: '长风重工', oldName: null }],
  ['不对,客户名称改成 改成长风重工', { newName: '长风重工', oldName: null }],
  ['客户　是　清源药业', { newName: '清源药业', oldName: null }],
  ['不是清河药业是清源药业', { newName: '清源药业', oldName: '清河药业' }],
  ['不是清河药业,是清源药业', { newName: '清源药业', oldName: '清河药业' }],
  ['不是清河药业，是清源药业。', { newName: '清源药业', oldName: '清河药业' }],
  ['客户不是清河药业而是清源药业', { newName: '清源药业', oldName: '清河药业' }],
  ['搞错了,是金桥物流', { newName: '金桥物流', oldName: null }],
  ['搞错了，应该是金桥物流', { newName: '金桥物流', oldName: null }],
  ['错了 是金桥物流', { newName: '金桥物流', oldName: null }],
  // Not corrections: an update, a question, a sentence, a bare complaint, the same name twice.
  ['刚去了清河药业,客户问了价格', null],
  ['客户是做机械的,问了价格', null],
  ['客户叫我明天再去', null],
  ['客户是谁', null],
  ['客户名写错了', null],
  ['客户是', null],
  ['不是清河药业是清河药业', null],
  ['搞错了', null],
];

describe('parseCustomerCorrection', () => {
  it.each(CASES)('%s', (text, expected) => {
    expect(parseCustomerCorrection(text)).toEqual(expected);
  });

  it('never returns a correction verb as the name', () => {
    for (const verb of ['改成', '改为', '换成', '更正为', '应该是']) {
      expect(parseCustomerCorrection(`客户名称${verb}长风重工`)?.newName).toBe('长风重工');
    }
  });
});

describe('a draft report corrected after 修改', () => {
  it('reads 客户名称改成X as X, not as 称改成X', async () => {
    const { loadReportRules } = await import('../../src/config/load-report-rules.js');
    const { applyCorrection } = await import('../../src/domain/reports/apply-correction.js');
    const { extractReport } = await import('../../src/domain/reports/extract-report.js');
    const rules = loadReportRules();
    const at = new Date('2026-05-13T18:10:00+08:00');
    const draft = extractReport({ text: '今天去了清河药业,采购嫌贵,报价六十万', recordedAt: at }, rules);
    for (const text of ['客户名称改成清源药业', '客户名字叫清源药业', '客户名改为清源药业']) {
      expect(applyCorrection(draft, text, at, rules).customer).toBe('清源药业');
    }
  });
});
