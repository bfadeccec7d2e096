// Customer name recognition with the shipped config/customers.jsonc.
import { describe, expect, it } from 'vitest';
import { loadCustomerRules } from '../../src/config/load-customer-rules.js';
import { normalizeCustomerName, recognizeCustomerName } from '../../src/domain/customers/recognize-customer.js';

const rules = loadCustomerRules();
const recognize = (text: string, known: readonly string[] = []) => recognizeCustomerName(text, known, rules);

describe('recognizeCustomerName', () => {
  it.each([
    ['刚去了恒信机械,客户问了价格', '恒信机械'],
    ['华安医药那边说下周再谈', '华安医药'],
    ['瑞和医院的张主任说要上会', '瑞和医院'],
    ['今天上午又去拜访了北京恒信机械有限公司', '北京恒信机械有限公司'],
    ['报价发给了锦程物流,对方说太贵', '锦程物流'],
    ['和大成物流约了周五', '大成物流'],
    ['跟和光物流约了下周', '和光物流'],
    ['上午拜访深圳华强电子,对方要样品', '深圳华强电子'],
    ['今天见了新世纪大药房的店长', '新世纪大药房'],
    ['客户反馈宏达塑业的设备有异响', '宏达塑业'],
  ])('finds the organisation in %s', (text, name) => {
    expect(recognize(text)).toBe(name);
  });

  it.each([
    ['跟老周吃了个饭,他说下个月定', '老周'],
    ['约了王总下周三见面', '王总'],
    ['客户老王说太贵', '老王'],
    ['拜访了万科的采购', '万科'],
  ])('takes the name after a visit cue when no organisation is named: %s', (text, name) => {
    expect(recognize(text)).toBe(name);
  });

  it('prefers an organisation over a person', () => {
    expect(recognize('跟老周去了恒信机械,聊得不错')).toBe('恒信机械');
  });

  it.each(['客户说太贵了', '跟进一下', '他们要电子发票', '要交资质材料', '我们公司下周搬家', '跟客户聊了聊',
    '那家医院还没回复', '下午和采购开会', '一直联系不上客户'])('finds no customer in %s', (text) => {
    expect(recognize(text)).toBeNull();
  });

  it('always recognises known customers, longest match first, as stored', () => {
    expect(recognize('今天去了华安医药科技', ['华安医药', '华安医药科技有限公司'])).toBe('华安医药科技有限公司');
    expect(recognize('跟老李聊了恒信的事', ['恒信机械有限公司'])).toBe('恒信机械有限公司');
    expect(recognize('拜访了ＡＢＣ 贸易', ['abc贸易'])).toBe('abc贸易');
  });
});

describe('normalizeCustomerName', () => {
  it('trims, folds full width and drops legal-form noise', () => {
    expect(normalizeCustomerName(' 恒信机械有限公司 ')).toBe('恒信机械');
    expect(normalizeCustomerName('恒信机械（北京）股份有限公司')).toBe('恒信机械');
    expect(normalizeCustomerName('ＡＢＣ贸易')).toBe('abc贸易');
    expect(normalizeCustomerName('公司')).toBe('公司');
  });
});
