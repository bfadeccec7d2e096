// Topic detection against the shipped config/topics.jsonc: colloquial phrasings, negation, neutral text,
// and the public evaluation set (micro-F1 ≥ 0.95).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTopicDictionary } from '../../src/config/load-topics.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { detectTopics } from '../../src/domain/topics/detect-topics.js';
import { compileTopicDictionary } from '../../src/domain/topics/topic-dictionary.js';
import type { TopicId } from '../../src/domain/topics/topic-ids.js';

const dict = loadTopicDictionary();
const topics = (text: string) => detectTopics(text, dict);

const PHRASINGS: Record<TopicId, string[]> = {
  price: ['这台机器多少钱一台', '客户嫌我们贵', '对方觉得单价偏高', '性价比他们不太认可', '这个价他们接受不了', '报价单发过去了'],
  discount: ['客户想要九五折', '问能不能再让点利', '老客户有没有优惠', '打个八折能不能行', '希望再降两个点'],
  payment_terms: ['客户要九十天账期', '首付三成余款验收后付清', '需要开增值税专票', '回款一直拖着', '能不能分三期付'],
  sample: ['客户要先寄样', '想先试用一个月', '要两台样机回去测', '下周开始做POC', '先拿一台试试'],
  contract: ['合同今天寄出去了', '下周去投标', '协议条款还要改', '今天把单子签下来了', '法务在审'],
  competitor: ['友商报价比我们低', '客户还在货比三家', '他们在和另外一家谈', '客户原来用的是别的牌子', '竞争对手也来过了'],
  delivery: ['交期能不能提前', '什么时候能发货', '库存只剩二十台', '项目实施要三个月', '系统多久能上线'],
  decision_maker: ['要老板拍板', '这事得董事长点头', '还在走审批', '关键决策人还没见到', '采购说要请示领导'],
  budget: ['今年没预算了', '经费有限', '资金紧张要等明年', '项目还没立项'],
  after_sales: ['售后怎么保障', '保修期多久', '设备坏了没人来修', '要求上门培训', '需要本地有服务网点'],
  demo: ['约了下周做演示', '明天去讲方案', '邀请他们来展厅参观', '给技术部做了产品介绍'],
  quality: ['客户担心质量', '系统用起来有点卡', '他们觉得操作太复杂', '能不能和他们的ERP对接', '软件老是闪退'],
  compliance: ['需要ISO9001认证', '有没有医疗器械注册证', '要求等保三级', '营业执照复印件发一份', '产品有CE认证吗'],
};

describe('detectTopics', () => {
  for (const [topic, texts] of Object.entries(PHRASINGS)) {
    it.each(texts)(`finds ${topic} in %s`, (text) => {
      expect(topics(text)).toContain(topic);
    });
  }

  it('keeps a topic under negation', () => {
    expect(topics('价格不是问题')).toEqual(['price']);
    expect(topics('客户说不贵')).toEqual(['price']);
    expect(topics('他们没提账期')).toEqual(['payment_terms']);
  });

  it.each(['今天天气不错', '好的收到', '明天上午开会', '周报已经提交了', '客户评价很好', '他是贵州人', '感谢宝贵意见',
    '客户是朋友介绍的', '客户对接人换了', '电话打了没人接', '流程卡在他们那边'])('finds nothing in neutral text %s', (text) => {
    expect(topics(text)).toEqual([]);
  });

  it('does not read the honorific 贵公司 as price', () => {
    expect(topics('贵公司的方案我们看了')).toEqual(['demo']);
  });

  it('finds several topics in a stable order', () => {
    expect(topics('他们老板嫌贵,要九折,还要九十天账期')).toEqual(['price', 'discount', 'payment_terms', 'decision_maker']);
  });

  it('matches ASCII cues case-insensitively and only as whole words', () => {
    expect(topics('下周做个Demo')).toEqual(['demo']);
    expect(topics('ＰＯＣ环境搭好了')).toContain('sample');
    expect(topics('see the price list')).toEqual([]);
  });

  it('rejects unknown topic ids and bad patterns', () => {
    expect(() => compileTopicDictionary({ topics: { pricing: { cues: ['价格'] } } })).toThrow(/unknown topic id/);
    expect(() => compileTopicDictionary({ topics: { price: { cues: [{ re: '(' }] } } })).toThrow(/invalid pattern/);
  });

  const evalPath = join(repoRoot(), '..', 'shared', 'eval', 'topics.public.jsonl');
  it.skipIf(!existsSync(evalPath))('reaches micro-F1 ≥ 0.95 on the public evaluation set', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const line of readFileSync(evalPath, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { text: string; gold: string[] };
      const got = new Set<string>(topics(row.text));
      const gold = new Set(row.gold);
      for (const t of got) (gold.has(t) ? tp++ : fp++);
      for (const t of gold) if (!got.has(t)) fn++;
    }
    expect((2 * tp) / (2 * tp + fp + fn)).toBeGreaterThanOrEqual(0.95);
  });
});
