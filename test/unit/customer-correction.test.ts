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
