// Customer recognition, one table per failure class of issue 10, with names of our own (not the public
// or held-out sets): the right name, or nobody — never a verb phrase, a department or an opinion.
import { describe, expect, it } from 'vitest';
import { loadCustomerRules } from '../../src/config/load-customer-rules.js';
import { findCustomerCandidate, recognizeCustomerMatch } from '../../src/domain/customers/recognize-customer.js';

const rules = loadCustomerRules();
const name = (text: string, known: readonly string[] = []) => recognizeCustomerMatch(text, known, rules)?.name ?? null;

describe('customer recognition by failure class', () => {
  it.each([
    ['刚拜访了华东冷链,客户要试用两周', '华东冷链'],
    ['西北电建的项目部催图纸', '西北电建'],
    ['跟华南精工约了下周三', '华南精工'],
    ['苏州恒润今天下单了', '苏州恒润'],
  ])('reads a region or city that opens a name as part of it: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['东岳大学附属医院设备科要报价', '东岳大学附属医院'],
    ['去了南江医学院附属中学,校办要方案', '南江医学院附属中学'],
  ])('keeps an institution joined by 附属 whole: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['今天拜访了成都天府软件园的一家客户,叫蓝鲸数据', '蓝鲸数据'],
    ['这家公司名叫澜石科技,做传感器的', '澜石科技'],
    ['新客户名字叫鼎盛家居', '鼎盛家居'],
  ])('takes a name said outright after 叫 over a place or park: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['苏州园区的客户今天没空'],
    ['深圳总部那边还没回复'],
    ['客户叫我们下周再去'],
    ['周末陪娃上课外班 什么都没干'],
  ])('reads a place and a kind of site, 叫 as "ask", or family time as no customer: %s', (text) => {
    expect(name(text)).toBeNull();
  });

  it.each([
    ['华东区域的客户都嫌贵'],
    ['华东那边最近怎么样'],
    ['去了趟杭州见客户'],
    ['上海开会,明天回来'],
  ])('reads a region or city followed by a verb or ender as a place, not a customer: %s', (text) => {
    expect(name(text)).toBeNull();
  });

  it.each([
    ['和睿口腔诊所的前台说周三有空', '和睿口腔诊所'],
    ['中港建工六局的项目经理要报价', '中港建工六局'],
    ['金穗粮油今天来电话了', '金穗粮油'],
    ['同仁康复医院院办在走流程', '同仁康复医院'],
    ['国盛证券那边说再等等', '国盛证券'],
    ['跟和兴物流约了周四', '和兴物流'],
    ['与中汇置业签了框架协议', '中汇置业'],
  ])('keeps a first character that is also a word: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['澜石科技今天打电话来问交货时间', '澜石科技'],
    ['鼎盛家居那边说要再比比', '鼎盛家居'],
    ['欣悦幼儿园要求先试用一个月', '欣悦幼儿园'],
  ])('reads a name-first sentence as a name, not an action: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['刚见完远航汽配的老板', '远航汽配'],
    ['刚挂了瑞丰药业的电话,他们要样品', '瑞丰药业'],
    ['回访了青禾农业,反馈还行', '青禾农业'],
    ['陪经理去了锦华酒店谈年会', '锦华酒店'],
    ['给星辰光电打了电话,对方没接', '星辰光电'],
  ])('drops a verb glued in front: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['南湖第二人民医院设备科想看演示', '南湖第二人民医院'],
    ['启明电子采购部的李经理嫌贵', '启明电子'],
    ['东岳中学后勤处要报价单', '东岳中学'],
    ['万川集团华北区的负责人约了下周', '万川集团'],
  ])('cuts the department, region or person after the name: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each([
    ['拜访了茶小满,店长想试两台', '茶小满'],
    ['IBX中国的工程师问接口文档', 'IBX中国'],
    ['中能建设集团华东分公司要走招标', '中能建设集团华东分公司'],
    ['平江市卫健委要先备案', '平江市卫健委'],
    ['在悦家超市跟店长聊了会', '悦家超市'],
  ])('brands, Latin letters, organisation chains and public bodies: %s', (text, want) => {
    expect(name(text)).toBe(want);
  });

  it.each(['客户嫌我们的交期太长', '对方觉得价格偏高', '客户说再考虑一下', '客户的老板出差了', '今天跑了一天,没什么进展',
    '怎么用', '你好', '金额改成50万', '合同签了九十万', '去机场接了个人'])('names nobody in %s', (text) => {
    expect(name(text)).toBeNull();
  });

  it('recognises known customers and aliases before anything else, with the span where they were said', () => {
    const match = recognizeCustomerMatch('今天去了老字号东顺', ['东顺食品', '老字号东顺'], rules);
    expect(match).toMatchObject({ name: '老字号东顺', confidence: 1, source: 'known', span: { start: 4, end: 9 } });
  });

  it('gives a low-confidence candidate to the caller but no name (the bot asks)', () => {
    const candidate = findCustomerCandidate('机场那边说再等等', [], rules);
    expect(candidate === null || candidate.confidence < rules.minConfidence).toBe(true);
    expect(name('机场那边说再等等')).toBeNull();
  });

  it('reads traditional characters and keeps the name as written', () => {
    expect(name('與華信電梯簽了維保合約')).toBe('華信電梯');
  });
});
