// Store QR parsing: printed links, our mini-program paths with scene, page queries, bare tokens —
// and nothing else.
import { describe, expect, it } from 'vitest';
import {
  TOKEN_MAX_LENGTH,
  isValidToken,
  tokenFromQuery,
  tokenFromScan,
  tokenFromText,
  visitPageUrl,
} from '../../miniprogram/lib/qr.js';

const T = 'Ab9_-.xYz';

describe('isValidToken', () => {
  it('accepts [A-Za-z0-9._-] up to 32 characters', () => {
    expect(isValidToken(T)).toBe(true);
    expect(isValidToken('a'.repeat(TOKEN_MAX_LENGTH))).toBe(true);
    expect(isValidToken('a'.repeat(TOKEN_MAX_LENGTH + 1))).toBe(false);
    for (const bad of ['', 'a b', 'a/b', 'a%2F', '门店', 'a+b', 'a=b', 'a\n']) expect(isValidToken(bad)).toBe(false);
    expect(isValidToken(undefined)).toBe(false);
  });
});

describe('tokenFromText', () => {
  it.each([
    [`https://zb.example.com/s/${T}`, T],
    [`https://zb.example.com/s/${T}/`, T],
    [`https://zb.example.com/s/${T}?from=poster#top`, T],
    [`HTTPS://ZB.EXAMPLE.COM/s/${T}`, T],
    [`http://10.0.0.5:8080/s/${T}`, T],
    [`https://example.com/zhanbao/s/${T}`, T],
    [`  https://zb.example.com/s/${T}\n`, T],
    [`pages/visit/visit?scene=${T}`, T],
    [`/pages/visit/visit?scene=${encodeURIComponent(T)}&x=1`, T],
    [`pages/visit/visit.html?a=1&scene=${T}`, T],
    [T, T],
  ])('%s → token', (text, token) => {
    expect(tokenFromText(text)).toBe(token);
  });

  it.each([
    '',
    '   ',
    'https://zb.example.com/',
    'https://zb.example.com/s/',
    `https://zb.example.com/s/${T}/extra`,
    `https://zb.example.com/x/${T}`,
    `https://zb.example.com/s/${'a'.repeat(33)}`,
    'https://zb.example.com/s/a%2Fb',
    `ftp://zb.example.com/s/${T}`,
    `zb.example.com/s/${T}`,
    'pages/visit/visit?scene=',
    'pages/visit/visit?scene=%E9%97%A8%E5%BA%97',
    'pages/visit/visit?scene=%ZZ',
    `pages/visit/visit?store=${T}`,
    '6901234567890 extra',
    'WIFI:S:store;T:WPA;P:secret;;',
    'weixin://wxpay/bizpayurl?pr=abc',
  ])('rejects %j', (text) => {
    expect(tokenFromText(text)).toBeNull();
  });
});

describe('tokenFromScan', () => {
  it('prefers the path of our own 小程序码', () => {
    expect(tokenFromScan({ result: '*opaque*', scanType: 'WX_CODE', path: `pages/visit/visit?scene=${T}` })).toBe(T);
  });

  it('falls back to the result: a printed link or a bare token', () => {
    expect(tokenFromScan({ result: `https://zb.example.com/s/${T}`, scanType: 'QR_CODE' })).toBe(T);
    expect(tokenFromScan({ result: T, scanType: 'QR_CODE' })).toBe(T);
    expect(tokenFromScan({ result: `https://zb.example.com/s/${T}`, path: 'pages/home/home?x=1' })).toBe(T);
  });

  it('rejects anything else', () => {
    expect(tokenFromScan({ result: 'https://other.example.com/product/1' })).toBeNull();
    expect(tokenFromScan({})).toBeNull();
  });
});

describe('tokenFromQuery', () => {
  it('reads an URL-encoded scene', () => {
    expect(tokenFromQuery({ scene: encodeURIComponent(T) })).toBe(T);
    expect(tokenFromQuery({ scene: 'a%2Fb' })).toBeNull();
    expect(tokenFromQuery({ scene: '%' })).toBeNull();
  });

  it('reads q, the URL-encoded link of 扫普通链接二维码打开小程序', () => {
    const link = `https://zb.example.com/s/${T}`;
    expect(tokenFromQuery({ q: encodeURIComponent(link), scancode_time: '1700000000' })).toBe(T);
    expect(tokenFromQuery({ q: encodeURIComponent('https://zb.example.com/about') })).toBeNull();
    // q is always a link: a bare token there is not what WeChat sends.
    expect(tokenFromQuery({ q: T })).toBeNull();
  });

  it('returns null without either', () => {
    expect(tokenFromQuery({})).toBeNull();
    expect(tokenFromQuery(undefined)).toBeNull();
    expect(tokenFromQuery({ token: T })).toBeNull();
  });

  it('round-trips through visitPageUrl', () => {
    const url = visitPageUrl(T);
    expect(url).toBe(`/pages/visit/visit?scene=${encodeURIComponent(T)}`);
    expect(tokenFromText(url)).toBe(T);
  });
});
