// DingTalk HMAC signatures: the §3.1 vector (recomputed in Node and Python, platforms.md), the callback
// header check (missing / stale / bad signature, constant-time compare, fail-closed config) and the
// custom robot's signed URL.
import { describe, expect, it } from 'vitest';
import { CALLBACK_WINDOW_MS, dingtalkSign, signedWebhookUrl, verifyCallbackSignature } from '../../src/channels/dingtalk/sign.js';

const TS = '1577262236757';
const SECRET = 'this is secret';
const SIGN = 'hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=';
const SIGN_URLENCODED = 'hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D';

const at = (ms: number) => new Date(ms);
const verify = (over: Partial<Parameters<typeof verifyCallbackSignature>[0]> = {}) =>
  verifyCallbackSignature({ timestamp: TS, sign: SIGN, appSecret: SECRET, now: at(Number(TS)), ...over });

describe('dingtalkSign', () => {
  it('matches the platforms.md §3.1 vector', () => {
    expect(dingtalkSign(TS, SECRET)).toBe(SIGN);
  });

  it('depends on both the timestamp and the secret', () => {
    expect(dingtalkSign('1577262236758', SECRET)).not.toBe(SIGN);
    expect(dingtalkSign(TS, 'this is secreT')).not.toBe(SIGN);
  });
});

describe('verifyCallbackSignature', () => {
  it('accepts the vector at its own time and anywhere inside ±1 h', () => {
    expect(verify()).toEqual({ ok: true });
    expect(verify({ now: at(Number(TS) + CALLBACK_WINDOW_MS) })).toEqual({ ok: true });
    expect(verify({ now: at(Number(TS) - CALLBACK_WINDOW_MS) })).toEqual({ ok: true });
  });

  it('stale: 1 ms outside the window either way, or a tighter custom window', () => {
    expect(verify({ now: at(Number(TS) + CALLBACK_WINDOW_MS + 1) })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ now: at(Number(TS) - CALLBACK_WINDOW_MS - 1) })).toEqual({ ok: false, reason: 'stale' });
    expect(verify({ now: at(Number(TS) + 301_000), windowMs: 300_000 })).toEqual({ ok: false, reason: 'stale' });
  });

  it('missing: absent or empty headers', () => {
    for (const over of [{ timestamp: undefined }, { timestamp: null }, { timestamp: '' }, { sign: undefined }, { sign: '' }]) {
      expect(verify(over)).toEqual({ ok: false, reason: 'missing' });
    }
  });

  it('bad_signature: wrong secret, tampered, truncated, URL-encoded or padded sign', () => {
    const bad = { ok: false, reason: 'bad_signature' };
    expect(verify({ appSecret: 'another secret' })).toEqual(bad);
    expect(verify({ sign: SIGN.replace('h', 'H') })).toEqual(bad);
    expect(verify({ sign: SIGN.slice(0, -1) })).toEqual(bad);
    expect(verify({ sign: SIGN_URLENCODED })).toEqual(bad);
    expect(verify({ sign: `${SIGN} ` })).toEqual(bad);
    expect(verify({ sign: '签名' })).toEqual(bad);
  });

  it('a signature for another timestamp does not verify a fresh one (no re-use across timestamps)', () => {
    const fresh = String(Number(TS) + 1000);
    expect(verify({ timestamp: fresh, now: at(Number(fresh)) })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('a timestamp that is not a decimal integer is never inside the window', () => {
    for (const timestamp of ['1577262236757.0', '-1577262236757', ' 1577262236757', '0x16f3a', '1e12', '12345678901234567']) {
      expect(verify({ timestamp, sign: dingtalkSign(timestamp, SECRET) })).toEqual({ ok: false, reason: 'stale' });
    }
  });

  it('fails closed on a broken configuration instead of switching the check off', () => {
    expect(() => verify({ appSecret: '' })).toThrow(/misconfigured/);
    expect(() => verify({ windowMs: Number.NaN })).toThrow(/misconfigured/);
    expect(() => verify({ windowMs: -1 })).toThrow(/misconfigured/);
    expect(() => verify({ now: new Date(Number.NaN) })).toThrow(/misconfigured/);
  });
});

describe('signedWebhookUrl', () => {
  it('adds timestamp and the URL-encoded sign when 加签 is on', () => {
    const url = signedWebhookUrl('https://oapi.dingtalk.com/', 'abc+/=', SECRET, Number(TS));
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc%2B%2F%3D&timestamp=${TS}&sign=${SIGN_URLENCODED}`);
    expect(new URL(url).searchParams.get('sign')).toBe(SIGN);
  });

  it('has neither timestamp nor sign without a secret', () => {
    expect(signedWebhookUrl('https://oapi.dingtalk.com', 'tok', null, Number(TS))).toBe('https://oapi.dingtalk.com/robot/send?access_token=tok');
  });
});
