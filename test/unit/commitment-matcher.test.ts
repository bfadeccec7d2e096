// The commitment matcher (config/commitments.jsonc): which texts say a promise was kept. Plans, negations
// and questions never close anything; objects must match the promise.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommitmentRules } from '../../src/config/load-commitment-rules.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { compileCommitmentRules } from '../../src/domain/commitments/commitment-rules.js';
import { fulfilledCommitments, handedOverKinds, objectKinds } from '../../src/domain/commitments/match-fulfilled.js';

const rules = loadCommitmentRules(join(repoRoot(), 'config', 'commitments.jsonc'));
const kinds = (text: string) => [...handedOverKinds(text, rules)].sort();

describe('handed-over kinds', () => {
  const done: [string, string[]][] = [
    ['方案发过去了', ['proposal']],
    ['刚去了恒信机械,方案发过去了,客户说下周给答复', ['proposal']],
    ['报价单发了', ['quote']],
    ['已经把报价发过去', ['quote']],
    ['报价已发', ['quote']],
    ['发了方案', ['proposal']],
    ['方案发给王总了', ['proposal']],
    ['方案发过了', ['proposal']],
    ['样品寄了', ['sample']],
    ['样品已寄出', ['sample']],
    ['样品已经送到了', ['sample']],
    ['合同给了王总', ['contract']],
    ['资料交了', ['material']],
    ['标书提交了', ['bid']],
    ['合同寄回来了', ['contract']],
    ['合同带过去了', ['contract']],
    ['方案和报价都发过去了', ['proposal', 'quote']],
    ['给王总发了方案', ['proposal']],
    ['PPT发过去了', ['proposal']],
    ['发票寄了', ['invoice']],
    ['上周说的方案今天发了', ['proposal']],
  ];
  it.each(done)('%s → %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  const notDone: [string, string][] = [
    ['明天发方案', 'a plan'],
    ['方案明天发', 'a plan, object first'],
    ['今天下班前发方案', 'a deadline'],
    ['准备把方案发了', 'a plan word'],
    ['要把方案发了', 'a modal before the verb'],
    ['下周把合同带过去', 'next week'],
    ['方案还没发', 'negated'],
    ['方案没发出去', 'negated'],
    ['还没把方案发过去', 'negated before a 把-phrase'],
    ['方案没来得及发', 'negated further back'],
    ['方案发不了', 'negated after the verb'],
    ['方案发了吗', 'a question'],
    ['方案发了没', 'a question without 吗'],
    ['报价单发了?', 'a question mark'],
    ['方案发了报价明天发', 'one clause, one verb planned'],
    ['如果方案发了就能签', 'a condition'],
    ['等方案发了再签', 'waiting for it'],
    ['发现方案有问题', 'not a hand-over verb'],
    ['方案做好了', 'made, not sent'],
    ['发过去了', 'no object'],
    ['客户成交了', 'no object, 成交 is no 交'],
  ];
  it.each(notDone)('%s (%s) → nothing', (text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe('which open commitments close', () => {
  const open = [
    { id: 'k1', description: '周五前发方案(12月11日)', dueDate: '2026-12-11' },
    { id: 'k2', description: '下周三去签合同(12月16日)', dueDate: '2026-12-16' },
    { id: 'k3', description: '发方案和报价(12月20日)', dueDate: '2026-12-20' },
    { id: 'k4', description: '再发一版方案(12月9日)', dueDate: '2026-12-09' },
    { id: 'k5', description: '下周三再去拜访(12月16日)', dueDate: '2026-12-16' },
  ];
  const closed = (text: string) => fulfilledCommitments(text, open, rules).map((k) => k.id);

  it('reads the objects a commitment names', () => {
    expect([...objectKinds('周五前发方案(12月11日)', rules)]).toEqual(['proposal']);
    expect([...objectKinds('发方案和报价', rules)].sort()).toEqual(['proposal', 'quote']);
    expect([...objectKinds('下周三再去拜访', rules)]).toEqual([]);
  });
  it('closes the earliest-due promise of the kind, one per kind', () => {
    expect(closed('方案发过去了')).toEqual(['k4']);
  });
  it('closes a promise of several kinds only when all were handed over', () => {
    expect(closed('报价发了')).toEqual([]);
    expect(closed('方案和报价都发了')).toEqual(['k4', 'k3']);
  });
  it('closes nothing for a plan, a negation or a visit', () => {
    expect(closed('明天发方案')).toEqual([]);
    expect(closed('方案还没发')).toEqual([]);
    expect(closed('今天去拜访了')).toEqual([]);
  });
  it('matches the contract', () => {
    expect(closed('合同送到了,王总签了')).toEqual(['k2']);
  });
});

describe('config', () => {
  it('refuses a file without object kinds', () => {
    expect(() => compileCommitmentRules({ clauseBreaks: ',', objects: {} })).toThrow(/at least one kind/);
  });
});
