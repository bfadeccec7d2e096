// My visits and the leaderboard, rendered: rows, tabs, pull-down refresh, empty and error states.
import { describe, expect, it } from 'vitest';
import { createMiniProgram, settle, tap, textOf, textsOf } from '../../support/miniprogram-render.js';
import { record, serveMp } from './fixtures.js';

describe('my visits page (rendered)', () => {
  it('lists the caller’s visits with customer, topics and the review flag', async () => {
    const mp = createMiniProgram();
    serveMp(mp, [
      record('v1', { question: '宝宝湿疹用什么好', customerName: '王女士', customerPhoneMasked: '138****5678', topics: ['湿疹', '护肤'] }),
      record('v2', { question: '', flaggedForReview: true, topics: [] }),
    ]);
    const page = await mp.open('my-visits');
    expect(page.querySelectorAll('.card')).toHaveLength(2);
    expect(textsOf(page, '.question')).toEqual(['宝宝湿疹用什么好', '（语音）']);
    expect(textsOf(page, '.tag')).toEqual(['湿疹', '护肤']);
    expect(textOf(page, '.warn')).toBe('待审核');
    expect(textsOf(page, '.title')).toEqual(['静安店', '静安店']);
    expect(page.dom.textContent).toContain('王女士 · 138****5678');
    expect(mp.pullDownStops()).toBe(1);

    (page.instance['onPullDownRefresh'] as () => void)();
    await settle();
    expect(mp.fake.calls('GET', '/mp/visits')).toHaveLength(2);
    expect(mp.pullDownStops()).toBe(2);
  });

  it('shows the empty text when there are none', async () => {
    const mp = createMiniProgram();
    serveMp(mp, []);
    const page = await mp.open('my-visits');
    expect(textOf(page, '.blocker')).toBe('还没有拜访记录');
  });
});

describe('leaderboard page (rendered)', () => {
  it('shows this week’s store board, medals for the podium, and switches tabs', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    const page = await mp.open('leaderboard');
    expect(textsOf(page, '.tab.active')).toEqual(['门店榜', '本周']);
    expect(textOf(page, '.title')).toBe('本周门店榜');
    expect(textsOf(page, '.name')).toEqual(['静安店', '徐汇店', '浦东店']);
    expect(textsOf(page, '.visits')).toEqual(['12 条', '9 条', '3 条']);
    expect(page.querySelectorAll('.podium')).toHaveLength(2);
    expect(textsOf(page, '.rank')[2]).toBe('4');

    const scopeTabs = page.querySelectorAll('.tabs .tab');
    scopeTabs[1]!.dispatchEvent('tap');
    await settle();
    expect(textsOf(page, '.tab.active')).toEqual(['个人榜', '本周']);
    expect(textOf(page, '.title')).toBe('本周个人榜');
    expect(textsOf(page, '.name')).toEqual(['小王']);

    const periodTabs = page.querySelectorAll('.small .tab');
    periodTabs[0]!.dispatchEvent('tap');
    await settle();
    expect(textOf(page, '.title')).toBe('今日个人榜');
    expect(textOf(page, '.muted')).toBe('暂无排名');
    expect(mp.fake.calls('GET', '/mp/leaderboard').map((r) => r.path)).toEqual([
      '/mp/leaderboard?scope=store&period=week',
      '/mp/leaderboard?scope=team&period=week',
      '/mp/leaderboard?scope=team&period=day',
    ]);
  });

  it('renders the error text when the board cannot load', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    mp.fake.route('GET', '/mp/leaderboard', () => ({ fail: 'request:fail timeout' }));
    const page = await mp.open('leaderboard');
    expect(textOf(page, '.error')).toBe('网络超时，请稍后再试');
    expect(page.querySelector('.row')).toBeUndefined();
  });
});
