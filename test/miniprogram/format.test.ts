// Display helpers and page view models. Times are given in UTC and rendered in Asia/Shanghai
// whatever the machine's zone.
import { describe, expect, it } from 'vitest';
import type { VisitRecord, VisitResponse } from '../../src/shared/mp-api.js';
import { maskPhone, rankLabel, relativeDate, shanghaiDay } from '../../miniprogram/lib/format.js';
import { rankItems, resultView, todayCount, visitItems } from '../../miniprogram/lib/view-models.js';

// 2025-03-10 10:30 in Shanghai.
const NOW = Date.parse('2025-03-10T02:30:00Z');

describe('relativeDate', () => {
  it.each([
    ['2025-03-10T02:29:30Z', '刚刚'],
    ['2025-03-10T02:31:00Z', '刚刚'],
    ['2025-03-10T02:25:00Z', '5分钟前'],
    ['2025-03-10T01:31:00Z', '59分钟前'],
    ['2025-03-10T01:00:00Z', '今天 09:00'],
    // 00:05 Shanghai today is 16:05 UTC yesterday.
    ['2025-03-09T16:05:00Z', '今天 00:05'],
    ['2025-03-09T15:55:00Z', '昨天 23:55'],
    ['2025-03-08T15:59:00Z', '3月8日'],
    ['2025-01-01T00:00:00Z', '1月1日'],
    ['2024-12-31T15:59:00Z', '2024年12月31日'],
    ['not a date', ''],
  ])('%s → %s', (iso, text) => {
    expect(relativeDate(iso, NOW)).toBe(text);
  });

  it('counts days in Shanghai', () => {
    expect(shanghaiDay(Date.parse('2025-03-09T16:00:00Z'))).toBe(shanghaiDay(Date.parse('2025-03-10T15:59:59Z')));
    expect(shanghaiDay(Date.parse('2025-03-09T15:59:59Z'))).toBe(shanghaiDay(Date.parse('2025-03-10T00:00:00Z')) - 1);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13800138000', '138****8000'],
    ['138 0013 8000', '138****8000'],
    ['010-12345678', '010-****5678'],
    ['0755-1234567-8', '0755-****4567'],
    ['138****8000', '138****8000'],
    ['12345', '****'],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('%j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});

describe('rankLabel', () => {
  it('gives medals to the podium and numbers to the rest', () => {
    expect([1, 2, 3, 4, 10].map(rankLabel)).toEqual(['🥇', '🥈', '🥉', '4', '10']);
  });
});

const record = (over: Partial<VisitRecord>): VisitRecord => ({
  id: 'v',
  storeKey: 'sh-01',
  storeName: '静安店',
  question: '宝宝湿疹用什么',
  topics: ['湿疹'],
  customerName: null,
  customerPhoneMasked: null,
  complianceNote: null,
  flaggedForReview: false,
  createdAt: '2025-03-10T02:00:00Z',
  ...over,
});

describe('view models', () => {
  it('visitItems pre-computes every string a row shows', () => {
    const items = visitItems(
      [
        record({ id: 'a', customerName: '王女士', customerPhoneMasked: '138****8000', flaggedForReview: true }),
        record({ id: 'b', question: '', createdAt: '2025-03-09T01:00:00Z', customerPhoneMasked: '13800138000' }),
      ],
      NOW,
    );
    expect(items).toEqual([
      { id: 'a', store: '静安店', question: '宝宝湿疹用什么', when: '30分钟前', customer: '王女士 · 138****8000', topics: ['湿疹'], flagged: true },
      { id: 'b', store: '静安店', question: '（语音）', when: '昨天 09:00', customer: '138****8000', topics: ['湿疹'], flagged: false },
    ]);
  });

  it('todayCount counts visits of the Shanghai day', () => {
    const visits = [
      record({ createdAt: '2025-03-10T02:00:00Z' }),
      record({ createdAt: '2025-03-09T16:30:00Z' }), // 00:30 today in Shanghai
      record({ createdAt: '2025-03-09T15:30:00Z' }), // 23:30 yesterday
      record({ createdAt: 'garbage' }),
    ];
    expect(todayCount(visits, NOW)).toBe(2);
    expect(todayCount([], NOW)).toBe(0);
  });

  it('rankItems labels the podium', () => {
    const rows = rankItems({
      scope: 'store',
      period: 'week',
      title: '本周门店拜访榜',
      rows: [
        { rank: 1, key: 'a', name: '静安店', visits: 9 },
        { rank: 1, key: 'b', name: '徐汇店', visits: 9 },
        { rank: 3, key: 'c', name: '浦东店', visits: 2 },
        { rank: 4, key: 'd', name: '闵行店', visits: 0 },
      ],
    });
    expect(rows.map((r) => `${r.label} ${r.name} ${r.visits} ${r.podium}`)).toEqual([
      '🥇 静安店 9 true',
      '🥇 徐汇店 9 true',
      '🥉 浦东店 2 true',
      '4 闵行店 0 false',
    ]);
  });

  it('resultView keeps at most three suggestions and explains a flagged visit', () => {
    const res: VisitResponse = {
      visit: record({ flaggedForReview: true }),
      topics: ['湿疹', '过敏'],
      suggestions: ['推荐润肤霜', '分享护理日记', '预约皮肤科直播', '多余的第四条'].map((action) => ({ action, from: '宝宝湿疹' })),
    };
    const view = resultView(res);
    expect(view.suggestions.map((s) => s.action)).toEqual(['推荐润肤霜', '分享护理日记', '预约皮肤科直播']);
    expect(view.topics).toEqual(['湿疹', '过敏']);
    expect(view).toMatchObject({ flagged: true, flaggedText: '含敏感词，已提交总部审核' });
    expect(resultView({ ...res, visit: record({}) })).toMatchObject({ flagged: false, flaggedText: '' });
  });
});
