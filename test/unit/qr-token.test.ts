// QR tokens: round trip, every tampered character fails, the tenant and the secret are bound, the token
// fits a 小程序码 scene, and the token is found in every form a scan returns.
import { describe, expect, it } from 'vitest';
import {
  extractQrToken,
  newQrId,
  parseQrToken,
  QR_TOKEN_LENGTH,
  signQrToken,
  verifyQrToken,
} from '../../src/shared/qr-token.js';

const SECRET = 'k9R2p7wQ-test-secret-0123456789abcdef';
const TENANT = 'tenant-a';

// docs/platforms.md §4.4: scene ≤ 32 visible characters of [0-9A-Za-z!#$&'()*+,/:;=?@-._~].
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

describe('newQrId', () => {
  it('is 14 base64url characters and random', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newQrId()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{14}$/);
  });
});

describe('sign / verify', () => {
  it('round-trips and is deterministic', () => {
    const id = newQrId();
    const token = signQrToken(SECRET, TENANT, id);
    expect(token.startsWith(`${id}.`)).toBe(true);
    expect(signQrToken(SECRET, TENANT, id)).toBe(token);
    expect(verifyQrToken(SECRET, TENANT, token)).toBe(true);
    expect(verifyQrToken(Buffer.from(SECRET), TENANT, token)).toBe(true);
    expect(parseQrToken(token)).toEqual({ id, mac: token.slice(id.length + 1) });
  });

  it('is always 32 characters of a charset valid for a 小程序码 scene and a URL path', () => {
    for (const id of [newQrId(), newQrId(), 'abcd', 'store-0001', 'A_b-C_d-E_f-G_h']) {
      const token = signQrToken(SECRET, TENANT, id);
      expect(token).toHaveLength(QR_TOKEN_LENGTH);
      expect(token).toMatch(SCENE);
      expect(encodeURIComponent(token)).toBe(token);
      expect(verifyQrToken(SECRET, TENANT, token)).toBe(true);
    }
  });

  it('fails when any single character is changed', () => {
    const token = signQrToken(SECRET, TENANT, newQrId());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < token.length; i++) {
      for (const c of [alphabet[(alphabet.indexOf(token[i]!) + 1) % alphabet.length]!, alphabet[(alphabet.indexOf(token[i]!) + 33) % alphabet.length]!]) {
        if (c === token[i]) continue;
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        expect(verifyQrToken(SECRET, TENANT, tampered), tampered).toBe(false);
      }
    }
  });

  it('fails for another tenant, another secret, or a truncated/extended token', () => {
    const token = signQrToken(SECRET, TENANT, newQrId());
    expect(verifyQrToken(SECRET, 'tenant-b', token)).toBe(false);
    expect(verifyQrToken(SECRET, '', token)).toBe(false);
    expect(verifyQrToken(`${SECRET}x`, TENANT, token)).toBe(false);
    expect(verifyQrToken(SECRET, TENANT, token.slice(0, -1))).toBe(false);
    expect(verifyQrToken(SECRET, TENANT, `${token}A`)).toBe(false);
    expect(verifyQrToken(SECRET, TENANT, '')).toBe(false);
  });

  it('binds the tenant and id unambiguously', () => {
    // "a:b" + "cdef" and "a" + "b:cdef" would collide if ":" were allowed in ids.
    expect(() => signQrToken(SECRET, 'a', 'b:cdef')).toThrow(/QR id/);
    expect(signQrToken(SECRET, 'a:b', 'cdef')).not.toBe(signQrToken(SECRET, 'a', 'bcdef'));
  });

  it('refuses a missing or short secret instead of signing with it', () => {
    expect(() => signQrToken('', TENANT, newQrId())).toThrow(/secret/);
    expect(() => signQrToken('short', TENANT, newQrId())).toThrow(/secret/);
    expect(() => verifyQrToken('', TENANT, signQrToken(SECRET, TENANT, newQrId()))).toThrow(/secret/);
    expect(() => signQrToken(SECRET, '', newQrId())).toThrow(/tenant/);
  });

  it('refuses ids of the wrong shape', () => {
    for (const id of ['', 'abc', 'a'.repeat(16), 'has.dot', 'has space', '中文编号']) {
      expect(() => signQrToken(SECRET, TENANT, id), id).toThrow(/QR id/);
    }
  });
});

describe('parseQrToken', () => {
  it('checks the shape only', () => {
    expect(parseQrToken('abcdefghijklmn.ABCDEFGHIJKLMNOPQ')).toEqual({ id: 'abcdefghijklmn', mac: 'ABCDEFGHIJKLMNOPQ' });
    for (const bad of ['', 'abcdefghijklmnABCDEFGHIJKLMNOPQR', 'abcdefghijklmn.ABCDEFGHIJKLMNOP', 'abcdefghijklmn.ABCDEFGHIJKLMNO+Q', 'abc.ABCDEFGHIJKLMNOPQRSTUVWXYZab', 'a.b.cdefghijklmnopqrstuvwxyz0123']) {
      expect(parseQrToken(bad), bad).toBeNull();
    }
  });
});

describe('extractQrToken', () => {
  const token = signQrToken(SECRET, TENANT, newQrId());

  it.each([
    ['bare token', () => token],
    ['bare token with spaces', () => `  ${token}\n`],
    ['https URL', () => `https://zb.example.com/s/${token}`],
    ['URL on another host with a prefix, trailing slash and query', () => `https://other.cn/app/s/${token}/?from=poster`],
    ['http URL', () => `http://localhost:3000/s/${token}`],
    ['mini-program path with scene', () => `pages/visit/index?scene=${encodeURIComponent(token)}`],
    ['mini-program path with leading slash', () => `/pages/visit/index?scene=${token}&x=1`],
    ['double-encoded scene', () => `pages/visit/index?scene=${encodeURIComponent(encodeURIComponent(token)).replace(/\./g, '%2E').replace(/%/g, '%25')}`],
    ['bare scene query', () => `scene=${token}`],
    ['link opened the mini-program (q=)', () => `pages/visit/index?q=${encodeURIComponent(`https://zb.example.com/s/${token}`)}&scancode_time=1700000000`],
    ['URL-encoded URL', () => encodeURIComponent(`https://zb.example.com/s/${token}`)],
  ])('finds the token in a %s', (_name, scanned) => {
    expect(extractQrToken(scanned())).toBe(token);
  });

  it.each([
    '',
    'hello',
    'https://zb.example.com/',
    'https://zb.example.com/s/',
    'https://zb.example.com/s/short.token',
    `https://zb.example.com/x/${'a'.repeat(32)}`,
    'pages/visit/index?scene=',
    'pages/visit/index?foo=bar',
    'https://%zz',
  ])('returns null for %j', (scanned) => {
    expect(extractQrToken(scanned)).toBeNull();
  });

  it('extracts without verifying: the server still checks the mac', () => {
    const forged = `${token.slice(0, 15)}${'A'.repeat(17)}`;
    expect(extractQrToken(`https://zb.example.com/s/${forged}`)).toBe(forged);
    expect(verifyQrToken(SECRET, TENANT, forged)).toBe(false);
  });
});
