// Home page rendered with miniprogram-simulate: today's count, scan → visit page → store card.
import { describe, expect, it } from 'vitest';
import { createMiniProgram, tap, textOf } from '../../support/miniprogram-render.js';
import { CARD, STORE_LINK, TOKEN, serveMp } from './fixtures.js';

describe('home page (rendered)', () => {
  it('shows the greeting and today’s own visit count after logging in', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    const home = await mp.open('home');
    expect(textOf(home, '.count')).toBe('1');
    expect(textOf(home, '.muted')).toBe('小王，你好');
    expect(mp.fake.calls('POST', '/mp/login')).toHaveLength(1);
    expect(mp.fake.calls('GET', '/mp/visits')[0]?.header['Authorization']).toBe('Bearer session-1');
  });

  it('scan → visit page with the store card', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    const home = await mp.open('home');
    mp.fake.setScan({ ok: { result: STORE_LINK, scanType: 'QR_CODE' } });
    await tap(home, '.scan');
    expect(mp.nav).toEqual([{ kind: 'navigateTo', url: `/pages/visit/visit?scene=${TOKEN}` }]);

    const visit = await mp.follow();
    expect(textOf(visit, '.title')).toBe(CARD.store.name);
    expect(textOf(visit, '.muted')).toBe('本店今日 4 条 · 我今日 1 条');
    expect(mp.fake.calls('POST', '/mp/scan')[0]?.body).toEqual({ qr: TOKEN });
    expect(mp.loading()).toBe(false);
  });

  it('a code that is not ours shows a toast and goes nowhere', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    const home = await mp.open('home');
    mp.fake.setScan({ ok: { result: 'https://elsewhere.example.com/promo', scanType: 'QR_CODE' } });
    await tap(home, '.scan');
    expect(mp.toasts).toEqual(['这不是门店码，请扫描门店的二维码']);
    expect(mp.nav).toEqual([]);
  });

  it('links open my visits and the leaderboard', async () => {
    const mp = createMiniProgram();
    serveMp(mp);
    const home = await mp.open('home');
    const links = home.querySelectorAll('.link');
    expect(links.map((l) => l.dom.textContent.trim())).toEqual(['我的拜访记录 ›', '排行榜 ›']);
    links[0]!.dispatchEvent('tap');
    links[1]!.dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 0));
    expect(mp.nav.map((n) => n.url)).toEqual(['/pages/my-visits/my-visits', '/pages/leaderboard/leaderboard']);
  });

  it('outside WeCom it renders the blocker and calls nothing', async () => {
    const mp = createMiniProgram({ environment: '', noQy: true });
    const home = await mp.open('home');
    expect(textOf(home, '.blocker')).toBe('请在企业微信中打开');
    expect(home.querySelector('.scan')).toBeUndefined();
    expect(mp.fake.requests).toEqual([]);
  });
});
