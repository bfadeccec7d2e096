// Knowledge in the moment (pure parts): which rated reports met the same objection (by topic id and by
// words, same industry first), the answer part of a report, the words of 案例, each industry's top
// objections, and the 喜报 texts and switch.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLanguage } from '../../src/app/nlp/create-language.js';
import { caseWords, topicsOf } from '../../src/app/knowledge/cases-command.js';
import { winSwitchOf } from '../../src/app/wins/win-posts-command.js';
import { calendarDaysBetween, winTexts } from '../../src/app/wins/win-texts.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { answerPart } from '../../src/domain/knowledge/answer-part.js';
import { matchCase, rankCases, similarity, type Case } from '../../src/domain/knowledge/match-cases.js';
import { rankObjections } from '../../src/domain/knowledge/rank-objections.js';

let n = 0;
const kase = (c: Partial<Case>): Case => ({
  reportId: `r${++n}`, userId: 'u', repName: '李四', customerName: '客户', industry: null, rating: 2, objections: [],
  competitors: [], transcript: '', progress: '进展', createdAt: new Date('2026-11-01T02:00:00Z'), ...c,
});

describe('matching cases', () => {
  const priceMfg = kase({ industry: '制造', rating: 2, objections: [{ topic: 'price', quote: '客户嫌贵' }], transcript: '客户嫌贵,我们算了三年总成本,比竞品低15%,最后接受了' });
  const priceMed = kase({ industry: '医疗', rating: 3, objections: [{ topic: 'price', quote: '院方觉得价格高' }], transcript: '院方觉得价格高,我们拿了同级医院的案例' });
  const terms = kase({ industry: '制造', rating: 3, objections: [{ topic: 'payment_terms', quote: '要九十天账期' }], transcript: '要九十天账期,我们给了六十天加承兑' });
  const rival = kase({ industry: '物流', rating: 2, objections: [{ topic: 'competitor', quote: '拿华为比' }], competitors: ['华为'], transcript: '客户拿华为比,我们讲了本地服务' });
  const all = [priceMfg, priceMed, terms, rival];

  it('matches by topic id, same industry first, then ★★★ before ★★', () => {
    const sameIndustry = rankCases({ topics: ['price'], phrases: [], industry: '制造' }, all);
    expect(sameIndustry.map((m) => m.case.reportId)).toEqual([priceMfg.reportId, priceMed.reportId]);
    const noIndustry = rankCases({ topics: ['price'], phrases: [], industry: null }, all);
    expect(noIndustry.map((m) => m.case.reportId)).toEqual([priceMed.reportId, priceMfg.reportId]);
  });

  it('matches by words: a typed word, a competitor, a quote much like the case’s', () => {
    expect(rankCases({ topics: [], phrases: ['华为'], industry: null }, all).map((m) => m.case.reportId)).toEqual([rival.reportId]);
    expect(matchCase({ topics: [], phrases: ['客户也嫌贵'], industry: null }, priceMfg)?.objection?.quote).toBe('客户嫌贵');
    expect(matchCase({ topics: [], phrases: ['客户要账期'], industry: null }, priceMfg)).toBeNull();
    expect(similarity('客户嫌贵', '客户也嫌贵')).toBeGreaterThanOrEqual(0.5);
  });

  it('ranks a case that matches on topic and words above one that matches on the topic alone', () => {
    const older = kase({ rating: 2, objections: [{ topic: 'price', quote: '嫌贵' }], transcript: '嫌贵,讲了总成本', createdAt: new Date('2026-01-01') });
    const newer = kase({ rating: 2, objections: [{ topic: 'price', quote: '问价格' }], transcript: '问价格,报了', createdAt: new Date('2026-11-01') });
    expect(rankCases({ topics: ['price'], phrases: ['嫌贵'], industry: null }, [newer, older])[0]!.case).toBe(older);
  });

  it('gives at most three, and nothing when nothing matches', () => {
    const many = [1, 2, 3, 4].map(() => kase({ objections: [{ topic: 'price', quote: '贵' }] }));
    expect(rankCases({ topics: ['price'], phrases: [], industry: null }, many)).toHaveLength(3);
    expect(rankCases({ topics: ['delivery'], phrases: [], industry: null }, all)).toEqual([]);
  });
});

describe('answerPart', () => {
  it('is what follows the objection in the note, up to the end of that sentence', () => {
    expect(answerPart('客户嫌贵,我们算了三年总成本,比竞品低15%,最后接受了。下周签合同', '客户嫌贵', '进展'))
      .toBe('我们算了三年总成本,比竞品低15%,最后接受了');
  });
  it('falls back to the progress when the note says nothing after it, and keeps answers short', () => {
    expect(answerPart('今天去了恒信,客户嫌贵', '客户嫌贵', '客户嫌贵,下周再谈')).toBe('客户嫌贵,下周再谈');
    expect(answerPart('abc', null, '进展')).toBe('进展');
    expect(answerPart(`嫌贵,${'讲'.repeat(100)}`, '嫌贵', '进展', 10)).toBe(`${'讲'.repeat(10)}…`);
  });
});

describe('案例 words', () => {
  const { nlp } = createLanguage(join(repoRoot(), 'config'));
  it('reads the words after 案例 and the topics they name', () => {
    expect(caseWords('案例 价格')).toEqual(['价格']);
    expect(caseWords('案例')).toEqual([]);
    expect(caseWords('/案例 账期,医疗')).toEqual(['账期', '医疗']);
    expect(topicsOf(['价格'], nlp.detectTopics)).toEqual(['price']);
    expect(topicsOf(['账期'], nlp.detectTopics)).toContain('payment_terms');
    expect(topicsOf(['竞品'], nlp.detectTopics)).toContain('competitor');
    expect(topicsOf(['华为'], nlp.detectTopics)).toEqual([]);
  });
});

describe('rankObjections', () => {
  it('gives each industry its top three, named industries by volume, the unknown last', () => {
    const counts = [
      { industry: '制造', topic: 'price', reports: 5 }, { industry: '制造', topic: 'payment_terms', reports: 3 },
      { industry: '制造', topic: 'delivery', reports: 1 }, { industry: '制造', topic: 'competitor', reports: 3 },
      { industry: null, topic: 'price', reports: 9 }, { industry: '医疗', topic: 'compliance', reports: 2 },
    ];
    const totals = [{ industry: '制造', reports: 7 }, { industry: null, reports: 9 }, { industry: '医疗', reports: 2 }];
    expect(rankObjections(counts, totals)).toEqual([
      { industry: '制造', reports: 7, top: [{ topic: 'price', reports: 5 }, { topic: 'competitor', reports: 3 }, { topic: 'payment_terms', reports: 3 }] },
      { industry: '医疗', reports: 2, top: [{ topic: 'compliance', reports: 2 }] },
      { industry: null, reports: 9, top: [{ topic: 'price', reports: 9 }] },
    ]);
  });
});

describe('喜报 texts', () => {
  it('name the rep, the customer, the amount when known and the days from the first touch', () => {
    expect(winTexts.post({ rep: '张三', customer: '恒信机械', amount: '80万', days: 23 })).toBe('🎉 **喜报**\n恭喜 张三 拿下 **恒信机械**!\n金额 80万 · 从首次接触到赢单 23 天');
    expect(winTexts.post({ rep: '张三', customer: '恒信机械', amount: null, days: null })).toBe('🎉 **喜报**\n恭喜 张三 拿下 **恒信机械**!');
    expect(winTexts.post({ rep: '张三', customer: '恒信机械', amount: null, days: 0 })).toContain('首次接触当天拿下');
  });
  it('count Shanghai calendar days', () => {
    expect(calendarDaysBetween(new Date('2026-12-01T15:59:00Z'), new Date('2026-12-01T16:01:00Z'))).toBe(1);
    expect(calendarDaysBetween(new Date('2026-12-01T01:00:00Z'), new Date('2026-12-01T09:00:00Z'))).toBe(0);
  });
  it('read 喜报 关 / 开', () => {
    expect(winSwitchOf('喜报 关')).toBe(false);
    expect(winSwitchOf('喜报关闭')).toBe(false);
    expect(winSwitchOf('喜报 开')).toBe(true);
    expect(winSwitchOf('喜报')).toBeNull();
  });
});
