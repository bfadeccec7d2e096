// The guard between an LLM's proposal for a chat update and the offline rules' result.
import { describe, expect, it } from 'vitest';
import {
  guardUpdateProposal, rejectLlmCustomer, type LlmUpdateProposal, type UpdateRulesResult,
} from '../../src/domain/customers/guard-update-proposal.js';

const NO_RULES: UpdateRulesResult = { customer: null, topics: [], stage: null };
const proposal = (p: Partial<LlmUpdateProposal>): LlmUpdateProposal => ({ customer: null, topics: [], stage: null, ...p });
const rules = (r: Partial<UpdateRulesResult>): UpdateRulesResult => ({ ...NO_RULES, ...r });

describe('rejectLlmCustomer', () => {
  it.each([
    ['今天去了恒信机械，聊了价格', '恒信机械', null],
    ['拜访了ＡＢＣ 贸易的王总', 'abc贸易', null],
    ['上午去了 北京 恒信 机械', '北京恒信机械', null],
    ['华安医药那边说下周再谈', '华安医药', null],
    ['老板电器的采购说太贵', '老板电器', null],
    ['今天去了恒信机械', '华安医药', 'not_in_text'],
    ['今天去了恒信机械', '恒信机械有限公司', 'not_in_text'],
    ['恒', '恒', 'length'],
    ['去了' + '长'.repeat(31), '长'.repeat(31), 'length'],
    ['客户说太贵了', '客户', 'generic'],
    ['对方要样品', '对方', 'generic'],
    ['他们公司要电子发票', '他们公司', 'generic'],
    ['老板说再看看', '老板', 'generic'],
    ['我们公司下周搬家', '我们公司', 'generic'],
    ['那家医院还没回复', '那家医院', 'generic'],
    ['客户那边说不急', '客户那边', 'generic'],
    ['恒信机械，对方嫌贵', '恒信机械，对方', 'punctuation'],
    ['恒信机械的采购说太贵', '恒信机械的采购', 'punctuation'],
    ['报价12345发过去了', '12345', 'no_letters'],
    ['恒信机械王经理说太贵', '恒信机械王经理', 'person'],
    ['约了王总下周三见面', '王总', 'person'],
  ])('%s / %s → %s', (text, name, why) => {
    expect(rejectLlmCustomer(text, name)).toBe(why);
  });
});

describe('guardUpdateProposal: customer', () => {
  it.each([
    {
      why: 'no rules customer → a valid LLM name is used',
      text: '今天见了万达物业的人，聊得不错', llm: '万达物业', rules: null, known: [], want: '万达物业', source: 'llm',
    },
    {
      why: 'an LLM name not said in the text is rejected',
      text: '今天见了对方，聊得不错', llm: '万达物业', rules: null, known: [], want: null, source: 'rules',
    },
    {
      why: 'a pronoun is rejected',
      text: '他们说要再想想', llm: '他们', rules: null, known: [], want: null, source: 'rules',
    },
    {
      why: 'a longer org chain containing the rules name wins',
      text: '今天去了北京恒信机械有限公司', llm: '北京恒信机械有限公司', rules: '恒信机械', known: [], want: '北京恒信机械有限公司', source: 'llm',
    },
    {
      why: 'a different organisation never replaces the rules name',
      text: '恒信机械和华安医药都说太贵', llm: '华安医药', rules: '恒信机械', known: [], want: '恒信机械', source: 'rules',
    },
    {
      why: 'a shorter name never replaces the rules name',
      text: '今天去了北京恒信机械', llm: '恒信机械', rules: '北京恒信机械', known: [], want: '北京恒信机械', source: 'rules',
    },
    {
      why: 'a known rules customer is kept even against a longer chain',
      text: '今天去了北京恒信机械有限公司', llm: '北京恒信机械有限公司', rules: '恒信机械', known: ['恒信机械'], want: '恒信机械', source: 'rules',
    },
    {
      why: 'known is matched after NFKC and whitespace folding',
      text: '拜访了ＡＢＣ 贸易集团', llm: 'ABC贸易集团', rules: 'abc贸易', known: ['ＡＢＣ 贸易'], want: 'abc贸易', source: 'rules',
    },
    {
      why: 'a rejected longer chain (person tail) leaves the rules name',
      text: '恒信机械王经理说太贵', llm: '恒信机械王经理', rules: '恒信机械', known: [], want: '恒信机械', source: 'rules',
    },
    {
      why: 'a person found by the rules is kept against an unrelated LLM org',
      text: '跟老周吃了个饭，他在恒信上班', llm: '恒信', rules: '老周', known: [], want: '老周', source: 'rules',
    },
  ])('$why', ({ text, llm, rules: r, known, want, source }) => {
    const out = guardUpdateProposal(text, proposal({ customer: llm }), rules({ customer: r }), { knownCustomers: known });
    expect(out.customer).toBe(want);
    expect(out.source).toBe(source);
  });
});

describe('guardUpdateProposal: topics and stage', () => {
  const text = '恒信机械嫌贵，要九十天账期，签了';

  it('drops invalid topic ids and unions with the rules, in TOPIC_IDS order', () => {
    const out = guardUpdateProposal(
      text,
      proposal({ topics: ['payment_terms', 'too_expensive', 'PRICE', 'competitor', 'payment_terms'] }),
      rules({ topics: ['price', 'contract'] }),
    );
    expect(out.topics).toEqual(['price', 'payment_terms', 'contract', 'competitor']);
    expect(out.source).toBe('merged');
  });

  it.each([
    { why: 'the LLM stage fills a gap', llm: 'won', r: null, want: 'won', source: 'llm' },
    { why: 'the rules stage always wins', llm: 'won', r: 'negotiation', want: 'negotiation', source: 'rules' },
    { why: 'an invalid id is dropped', llm: 'closed_won', r: null, want: null, source: 'rules' },
    { why: 'a label is not an id', llm: '赢单', r: null, want: null, source: 'rules' },
  ] as const)('$why', ({ llm, r, want, source }) => {
    const out = guardUpdateProposal(text, proposal({ stage: llm }), rules({ stage: r }));
    expect(out.stage).toBe(want);
    expect(out.source).toBe(source);
  });

  it('source: rules when the LLM only repeats the rules, merged when both contribute', () => {
    const r = rules({ customer: '恒信机械', topics: ['price'], stage: 'won' });
    expect(guardUpdateProposal(text, proposal({ customer: '恒信机械', topics: ['price'], stage: 'lost' }), r))
      .toEqual({ customer: '恒信机械', topics: ['price'], stage: 'won', source: 'rules' });
    expect(guardUpdateProposal(text, proposal({ topics: ['payment_terms'] }), r))
      .toEqual({ customer: '恒信机械', topics: ['price', 'payment_terms'], stage: 'won', source: 'merged' });
    expect(guardUpdateProposal(text, proposal({}), NO_RULES))
      .toEqual({ customer: null, topics: [], stage: null, source: 'rules' });
  });

  it('does not mutate its inputs', () => {
    const r = rules({ topics: ['price'] });
    const p = proposal({ topics: ['demo'] });
    guardUpdateProposal(text, p, r);
    expect(r.topics).toEqual(['price']);
    expect(p.topics).toEqual(['demo']);
  });
});
