// Store playbook: the shipped config/playbook.jsonc answers realistic counter questions with the right
// entry first, misleading phrasings stay out, several matches take turns, and config mistakes are
// reported naming the field.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsoncFile } from '../../src/config/jsonc.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { compilePlaybook, MAX_SUGGESTIONS, normalizeStoreText, suggestActions, type RawPlaybook } from '../../src/domain/stores/playbook.js';
import { isAppError } from '../../src/shared/errors.js';

const playbook = compilePlaybook(readJsoncFile(join(repoRoot(), 'config', 'playbook.jsonc')));
const top = (q: string) => suggestActions(playbook, q).matched[0] ?? null;

describe('shipped playbook', () => {
  const cases: [string, string][] = [
    ['孩子脸上起湿疹了怎么办', '宝宝湿疹'],
    ['宝宝湿疹反复', '宝宝湿疹'],
    ['婴儿皮肤红疹', '宝宝湿疹'],
    ['宝宝 湿疹 老是 好不了', '宝宝湿疹'],
    ['新生儿有奶癣用什么', '宝宝湿疹'],
    ['宝宝屁股起疹子', '红屁屁'],
    ['孩子红屁屁好几天了', '红屁屁'],
    ['奶粉转段要注意什么', '奶粉转奶'],
    ['宝宝不爱喝这个奶粉想换个牌子', '奶粉转奶'],
    ['宝宝三天没拉了', '宝宝便秘'],
    ['孩子大便干拉不出来', '宝宝便秘'],
    ['孩子发烧38度', '宝宝发烧感冒'],
    ['小孩咳嗽流鼻涕', '宝宝发烧感冒'],
    ['湿疹膏里有没有激素', '宝宝湿疹'],
    ['这个药膏有副作用吗', '用药咨询'],
    ['宝宝几个月可以加辅食', '辅食添加'],
    ['ＳＰＦ５０的防晒霜有吗', '防晒'],
    ['带孩子去海边玩需要准备什么', '防晒'],
    ['我是敏感肌能用这个吗', '敏感肌'],
    ['换季脸上发红发痒', '敏感肌'],
    ['最近脸上皮肤很干还起皮', '干燥保湿'],
    ['脸上老长痘', '痘痘'],
    ['孕妇能用防晒吗', '孕期护肤'],
    ['怀孕了还能用精华吗', '孕期护肤'],
    ['这个面霜多少钱', '价格优惠'],
    ['最近有什么活动价', '价格优惠'],
    ['会员积分怎么兑换', '会员积分'],
    ['办个VIP有什么好处', '会员积分'],
    ['买的纸尿裤想退货', '退换货'],
    ['奶粉过期了能退吗', '退换货'],
    ['这款奶粉什么时候到货', '库存到货'],
    ['上次那款卖完了吗', '库存到货'],
    ['有没有小样可以试用', '试用装'],
    ['朋友孩子满月想送点东西', '送礼'],
    ['有没有礼盒装', '送礼'],
  ];
  it.each(cases)('%s → %s', (q, label) => {
    expect(top(q)).toBe(label);
  });

  const negatives: [string, string][] = [
    ['今天天气不错', 'small talk'],
    ['贵宾室在哪', '"贵" inside 贵宾 is not a price question'],
    ['洗手间在哪里', 'no entry at all'],
    ['宝宝屁股红了', 'a nappy rash is not eczema'],
    ['想给宝宝换个奶粉牌子', 'switching formula is not a return'],
  ];
  it.each(negatives)('%s does not hit the wrong entry (%s)', (q) => {
    const { matched } = suggestActions(playbook, q);
    expect(matched).not.toContain('宝宝湿疹');
    expect(matched).not.toContain('价格优惠');
    expect(matched).not.toContain('退换货');
  });

  it('answers unmatched questions with the generic fallback', () => {
    const r = suggestActions(playbook, '洗手间在哪里');
    expect(r.matched).toEqual([]);
    expect(r.suggestions).toHaveLength(3);
    expect(r.suggestions.every((s) => s.from === '通用')).toBe(true);
    expect(r.suggestions[0]!.action).toContain('记录客户需求');
    expect(suggestActions(playbook, '   ').matched).toEqual([]);
  });

  it('ranks a two-group match above a one-word match and lets both answer', () => {
    const r = suggestActions(playbook, '宝宝湿疹用的润肤霜现在有优惠吗');
    expect(r.matched).toEqual(['宝宝湿疹', '价格优惠']);
    expect(r.suggestions).toEqual([
      { action: '推荐含神经酰胺的润肤霜', from: '宝宝湿疹' },
      { action: '告知本周满减和组合优惠', from: '价格优惠' },
      { action: '分享护理日记', from: '宝宝湿疹' },
    ]);
  });

  it('a pregnancy question about sunscreen puts 孕期护肤 before 防晒', () => {
    const r = suggestActions(playbook, '孕期可以用防晒霜吗');
    expect(r.matched).toEqual(['孕期护肤', '防晒']);
    expect(r.suggestions.map((s) => s.from)).toEqual(['孕期护肤', '防晒', '孕期护肤']);
  });

  it('never offers more than three suggestions, even with many matches', () => {
    const r = suggestActions(playbook, '宝宝湿疹的药膏多少钱,会员有积分吗,有没有小样,没货的话什么时候到货');
    expect(r.matched.length).toBeGreaterThan(3);
    expect(r.suggestions).toHaveLength(MAX_SUGGESTIONS);
    expect(new Set(r.suggestions.map((s) => s.from)).size).toBe(3);
  });

  it('every shipped entry has three actions', () => {
    for (const e of playbook.entries) expect(e.actions, e.label).toHaveLength(3);
    expect(playbook.entries.length).toBeGreaterThanOrEqual(15);
  });
});

describe('matching rules', () => {
  const pb = (raw: RawPlaybook) => compilePlaybook(raw);

  it('normalises full-width characters, Latin case and spaces', () => {
    expect(normalizeStoreText(' ＳＰＦ ５０，宝宝\u3000湿疹\u200b ')).toBe('spf50,宝宝湿疹');
    const p = pb({ entries: [{ label: 'A', patterns: ['BB霜'], actions: ['a'] }] });
    expect(suggestActions(p, 'ｂｂ 霜怎么样').matched).toEqual(['A']);
  });

  it('"all" needs every group, "any" one word, "not" vetoes the pattern', () => {
    const p = pb({
      entries: [
        { label: 'A', patterns: [{ all: [['宝宝', '孩子'], '湿疹'], not: ['屁股'] }], actions: ['a'] },
        { label: 'B', patterns: [{ any: ['优惠', '打折'] }], actions: ['b'] },
      ],
    });
    expect(suggestActions(p, '孩子湿疹').matched).toEqual(['A']);
    expect(suggestActions(p, '湿疹').matched).toEqual([]);
    expect(suggestActions(p, '孩子屁股湿疹').matched).toEqual([]);
    expect(suggestActions(p, '打折吗').matched).toEqual(['B']);
  });

  it('ranks by groups, then matched length, then config order; de-duplicates actions', () => {
    const p = pb({
      entries: [
        { label: 'short', patterns: ['价'], actions: ['x', 'same'] },
        { label: 'long', patterns: ['价格'], actions: ['y', 'same'] },
        { label: 'two', patterns: [{ all: ['面霜', '价'] }], actions: ['z'] },
        { label: 'tie', patterns: ['价格'], actions: ['w'] },
      ],
    });
    const r = suggestActions(p, '面霜价格');
    expect(r.matched).toEqual(['two', 'long', 'tie', 'short']);
    expect(r.suggestions.map((s) => s.action)).toEqual(['z', 'y', 'w']);
    const d = suggestActions(pb({ entries: [{ label: 'a', patterns: ['x'], actions: ['same', 'p'] }, { label: 'b', patterns: ['x'], actions: ['same', 'q'] }] }), 'x');
    expect(d.suggestions).toEqual([
      { action: 'same', from: 'a' },
      { action: 'p', from: 'a' },
      { action: 'q', from: 'b' },
    ]);
  });

  it('uses a configured fallback', () => {
    const p = pb({ entries: [{ label: 'A', patterns: ['x'], actions: ['a'] }], fallback: { label: '其他', actions: ['记下来'] } });
    expect(suggestActions(p, 'nothing')).toEqual({ suggestions: [{ action: '记下来', from: '其他' }], matched: [] });
  });
});

describe('config validation', () => {
  const errorOf = (raw: unknown): { field: unknown; message: string } => {
    try {
      compilePlaybook(raw);
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.code).toBe('playbook_invalid');
      return { field: e.details?.field, message: e.message };
    }
    throw new Error('expected an error');
  };
  const entry = (over: Record<string, unknown> = {}) => ({ label: 'A', patterns: ['x'], actions: ['a'], ...over });

  it.each([
    [{}, 'entries'],
    [{ entries: [] }, 'entries'],
    [{ entries: [entry()], extra: 1 }, 'extra'],
    [{ entries: [entry(), entry({ label: 'B', lable: 'typo' })] }, 'entries[1].lable'],
    [{ entries: [entry({ label: '' })] }, 'entries[0].label'],
    [{ entries: [entry(), entry()] }, 'entries[1].label'],
    [{ entries: [entry({ patterns: [] })] }, 'entries[0].patterns'],
    [{ entries: [entry({ patterns: ['x', '  '] })] }, 'entries[0].patterns[1]'],
    [{ entries: [entry({ patterns: [{ not: ['x'] }] })] }, 'entries[0].patterns[0]'],
    [{ entries: [entry({ patterns: [{ all: [['宝宝'], []] }] })] }, 'entries[0].patterns[0].all[1]'],
    [{ entries: [entry({ patterns: [{ all: [['宝宝', 3]] }] })] }, 'entries[0].patterns[0].all[0][1]'],
    [{ entries: [entry({ patterns: [{ any: ['a'], none: ['b'] }] })] }, 'entries[0].patterns[0].none'],
    [{ entries: [entry({ patterns: [{ all: ['宝宝湿疹'], not: ['湿疹'] }] })] }, 'entries[0].patterns[0].not'],
    [{ entries: [entry({ actions: [] })] }, 'entries[0].actions'],
    [{ entries: [entry({ actions: ['a', 'x'.repeat(41)] })] }, 'entries[0].actions[1]'],
    [{ entries: [entry({ actions: ['1', '2', '3', '4', '5', '6'] })] }, 'entries[0].actions'],
    [{ entries: [entry()], fallback: { label: 'A', actions: ['x'] } }, 'fallback.label'],
    [{ entries: [entry()], fallback: { label: '通用' } }, 'fallback.actions'],
  ])('%j fails naming %s', (raw, field) => {
    const e = errorOf(raw);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`"${field}"`);
  });
});
