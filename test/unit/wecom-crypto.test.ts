// WeCom crypto against the official vectors in platforms.md §1.5 (A = WeCom sample, B = wechatpy),
// cross-checked with @wecom/crypto, plus padding, length and receiveid attacks.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import * as wecomLib from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { createWecomCrypto, WecomCallbackError, type WecomErrorCode } from '../../src/channels/wecom/crypto.js';
import { AppError } from '../../src/shared/errors.js';

const A = {
  token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  encodingAesKey: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
  receiveId: 'ww1436e0e65a779aee',
};
const A1 = {
  sig: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
  timestamp: '1476416373',
  nonce: '47744683',
  echostr: 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
};
const A2 = {
  sig: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
  timestamp: '1476422779',
  nonce: '1597212914',
  encrypt:
    'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+',
  plaintext:
    '<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName><CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>',
};
const A3 = {
  sig: 'e3647471e395139e2308c1fa963f2d648a00b90e',
  timestamp: '1409659813',
  nonce: '1372623149',
  encrypt:
    'cjhLUX7UU4yCSelv1vz7T0zT8huF51bAMVWriNvO1FMegHrQZNrtvRxbwf0fUPsFvwqR0U0fgiJNEA5Y30F2MoI2S7vv3EjVQ68C0cjw9frBoUE2Hj0BvFp9h3u6Vbsg4lc1C8AtHdaN8orKuNKkLRLuYEL52R1J3v8olJGZRLnRdVKIivixmX/eQpzgeExtp20jI1HxRP1AAZ6xZoILdqDPO549LO4WeG+685JRUTdiwcY5fjZlqeMxuT4PpMn1X9OWsS7NRj06Wa5E3Tvg4twjWp39KPfOdRte6P1T4JU=',
  // Malformed JSON in the official sample (": :mycreate"); compared as a raw string on purpose.
  plaintext:
    '{ "ToUserName": "wx5823bf96d3bd56c7", "FromUserName": :mycreate", "CreateTime": 1409659813, "MsgType": "text", "Content": "hello", "MsgId": 4561255354251345929, "AgentID": 218}',
};
const B = { token: '123456', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveId: 'wx49f0ab532d5d035a' };
const B2 = {
  sig: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d',
  timestamp: '1411525903',
  nonce: '461056294',
  encrypt:
    'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=',
};
const B3 = {
  random: Buffer.from('1234567890123456', 'ascii'),
  timestamp: '1411525903',
  nonce: '461056294',
  plaintext:
    '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
  encrypt:
    '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
  sig: '407518b7649e86ef23978113f92d27afa9296533',
};

const cryptoA = createWecomCrypto(A);
const cryptoB = createWecomCrypto(B);

function keyOf(encodingAesKey: string): Buffer {
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** AES-256-CBC over already padded bytes, to forge payloads the real encrypt() would never make. */
function rawEncrypt(plain: Buffer, encodingAesKey = A.encodingAesKey): string {
  const key = keyOf(encodingAesKey);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function rawDecrypt(encrypted: string, encodingAesKey = A.encodingAesKey): Buffer {
  const key = keyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([decipher.update(encrypted, 'base64'), decipher.final()]);
}

/** random|len|msg|id followed by an arbitrary tail (the pad) — no validity guaranteed. */
function layout(msg: string, id: string, opts: { len?: number; pad?: number[] } = {}): Buffer {
  const m = Buffer.from(msg);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(opts.len ?? m.length, 0);
  const body = Buffer.concat([Buffer.alloc(16, 0x61), len, m, Buffer.from(id)]);
  const padLen = 32 - (body.length % 32);
  return Buffer.concat([body, Buffer.from(opts.pad ?? new Array<number>(padLen).fill(padLen))]);
}

function expectWecomError(fn: () => unknown, code: WecomErrorCode, platformCode?: number | null): WecomCallbackError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WecomCallbackError);
    const err = e as WecomCallbackError;
    expect(err.code).toBe(code);
    if (platformCode !== undefined) expect(err.platformCode).toBe(platformCode);
    return err;
  }
  throw new Error(`expected ${code}`);
}

describe('official vectors', () => {
  it('A1: signs the GET echostr and decrypts it to the echo (pad 7)', () => {
    expect(cryptoA.signature(A1.timestamp, A1.nonce, A1.echostr)).toBe(A1.sig);
    expect(cryptoA.verifySignature(A1.sig, A1.timestamp, A1.nonce, A1.echostr)).toBe(true);
    expect(cryptoA.decrypt(A1.echostr)).toBe('1288432023552776189');
  });

  it('A2: decrypts a pad-22 message that Node auto-padding rejects', () => {
    expect(cryptoA.verifySignature(A2.sig, A2.timestamp, A2.nonce, A2.encrypt)).toBe(true);
    expect(cryptoA.decrypt(A2.encrypt)).toBe(A2.plaintext);
    const raw = rawDecrypt(A2.encrypt);
    expect(raw[raw.length - 1]).toBe(22);
    const key = keyOf(A.encodingAesKey);
    const auto = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    expect(() => Buffer.concat([auto.update(A2.encrypt, 'base64'), auto.final()])).toThrow();
  });

  it('A3: JSON variant decrypts to the raw (malformed) official string', () => {
    expect(cryptoA.verifySignature(A3.sig, A3.timestamp, A3.nonce, A3.encrypt)).toBe(true);
    expect(cryptoA.decrypt(A3.encrypt)).toBe(A3.plaintext);
  });

  it('B1: signature over the echostr; a nonce off by one fails', () => {
    const echostr = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
    const sig = 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96';
    expect(cryptoB.verifySignature(sig, '1411443780', '437374425', echostr)).toBe(true);
    expect(cryptoB.verifySignature(sig, '1411443780', '437374424', echostr)).toBe(false);
    expect(cryptoB.decrypt(echostr)).toBe('5927782489442352469');
  });

  it('B2: POST message (pad 1)', () => {
    expect(cryptoB.verifySignature(B2.sig, B2.timestamp, B2.nonce, B2.encrypt)).toBe(true);
    const xml = cryptoB.decrypt(B2.encrypt);
    expect(xml).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
    expect(xml).toContain('<MsgId>4363689963896700987</MsgId>');
    expect(rawDecrypt(B2.encrypt, B.encodingAesKey).at(-1)).toBe(1);
  });

  it('B3: deterministic encryption and its signature', () => {
    const encrypted = cryptoB.encrypt(B3.plaintext, B3.random);
    expect(encrypted).toBe(B3.encrypt);
    expect(cryptoB.signature(B3.timestamp, B3.nonce, encrypted)).toBe(B3.sig);
    expect(cryptoB.decrypt(encrypted)).toBe(B3.plaintext);
  });
});

describe('agreement with @wecom/crypto', () => {
  it('produces the same ciphertext and signature as the reference library', () => {
    const msg = '<xml><Content><![CDATA[测试 32 字节填充]]></Content></xml>';
    const random = Buffer.from('0123456789abcdef');
    expect(cryptoA.encrypt(msg, random)).toBe(wecomLib.encrypt(A.encodingAesKey, msg, A.receiveId, random));
    expect(cryptoA.signature('1', '2', 'x')).toBe(wecomLib.getSignature(A.token, '1', '2', 'x'));
    expect(wecomLib.decrypt(A.encodingAesKey, cryptoA.encrypt(msg)).message).toBe(msg);
  });

  it('round-trips every message length across a padding boundary', () => {
    for (let n = 0; n <= 70; n++) {
      const msg = 'x'.repeat(n);
      expect(cryptoA.decrypt(cryptoA.encrypt(msg))).toBe(msg);
    }
  });
});

describe('decrypt rejects', () => {
  it('tampered ciphertext (CBC: a flip in block n-1 lands in the 22 pad bytes of block n)', () => {
    const bytes = Buffer.from(A2.encrypt, 'base64');
    bytes[bytes.length - 20]! ^= 0x01;
    expectWecomError(() => cryptoA.decrypt(bytes.toString('base64')), 'wecom_decrypt_failed', -40007);
  });

  it('a payload for another receiver (A2 opened as a different corp)', () => {
    const other = createWecomCrypto({ ...A, receiveId: 'ww0000000000000000' });
    const err = expectWecomError(() => other.decrypt(A2.encrypt), 'wecom_receiveid_mismatch', -40005);
    expect(err.status).toBe(400);
  });

  it('an empty receiveid when the corp id is expected, and vice versa', () => {
    const aiBot = createWecomCrypto({ ...A, receiveId: '' });
    expectWecomError(() => aiBot.decrypt(A2.encrypt), 'wecom_receiveid_mismatch');
    expectWecomError(() => cryptoA.decrypt(aiBot.encrypt('hi')), 'wecom_receiveid_mismatch');
    expect(aiBot.decrypt(aiBot.encrypt('hi'))).toBe('hi');
  });

  it('padding where a non-final pad byte is wrong', () => {
    const plain = layout('hello', A.receiveId);
    const pad = plain[plain.length - 1]!;
    expect(pad).toBeGreaterThan(2);
    plain[plain.length - 2] = pad + 1;
    expectWecomError(() => cryptoA.decrypt(rawEncrypt(plain)), 'wecom_decrypt_failed');
  });

  it('padding of value 0 or above 32', () => {
    const zero = layout('hello', A.receiveId);
    zero[zero.length - 1] = 0;
    expectWecomError(() => cryptoA.decrypt(rawEncrypt(zero)), 'wecom_decrypt_failed');
    const big = Buffer.concat([layout('hello', A.receiveId).subarray(0, 32), Buffer.alloc(32, 33)]);
    expectWecomError(() => cryptoA.decrypt(rawEncrypt(big)), 'wecom_decrypt_failed');
  });

  it('a msg_len that points past the end', () => {
    const plain = layout('hello', A.receiveId, { len: 0xffffff });
    expectWecomError(() => cryptoA.decrypt(rawEncrypt(plain)), 'wecom_decrypt_failed', -40008);
  });

  it('a payload shorter than random+length', () => {
    expectWecomError(() => cryptoA.decrypt(rawEncrypt(Buffer.alloc(32, 32))), 'wecom_decrypt_failed', -40008);
  });

  it('non-base64, empty and non-block-sized input', () => {
    expectWecomError(() => cryptoA.decrypt('not base64!'), 'wecom_decrypt_failed', -40010);
    expectWecomError(() => cryptoA.decrypt(''), 'wecom_decrypt_failed');
    expectWecomError(() => cryptoA.decrypt(Buffer.alloc(24).toString('base64')), 'wecom_decrypt_failed');
  });

  it('invalid UTF-8 in the message', () => {
    const m = Buffer.from([0xff, 0xfe]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(2, 0);
    const body = Buffer.concat([Buffer.alloc(16), len, m, Buffer.from(A.receiveId)]);
    const padLen = 32 - (body.length % 32);
    const plain = Buffer.concat([body, Buffer.alloc(padLen, padLen)]);
    expectWecomError(() => cryptoA.decrypt(rawEncrypt(plain)), 'wecom_decrypt_failed');
  });
});

describe('verifySignature', () => {
  it('is false, never throwing, for wrong length, case or type', () => {
    expect(cryptoA.verifySignature(A2.sig.slice(1), A2.timestamp, A2.nonce, A2.encrypt)).toBe(false);
    expect(cryptoA.verifySignature(A2.sig.toUpperCase(), A2.timestamp, A2.nonce, A2.encrypt)).toBe(false);
    expect(cryptoA.verifySignature('', A2.timestamp, A2.nonce, A2.encrypt)).toBe(false);
    expect(cryptoA.verifySignature('é'.repeat(20), A2.timestamp, A2.nonce, A2.encrypt)).toBe(false);
    const untyped = cryptoA.verifySignature as (...args: unknown[]) => boolean;
    expect(untyped(undefined, A2.timestamp, A2.nonce, A2.encrypt)).toBe(false);
    expect(untyped(A2.sig, A2.timestamp, A2.nonce, undefined)).toBe(false);
  });
});

describe('configuration', () => {
  it.each([
    ['42 characters', { ...A, encodingAesKey: A.encodingAesKey.slice(1) }],
    ['44 characters', { ...A, encodingAesKey: `${A.encodingAesKey}A` }],
    ['a non-base64 character', { ...A, encodingAesKey: `${A.encodingAesKey.slice(0, 42)}!` }],
    ['an empty token', { ...A, token: '' }],
  ])('rejects %s', (_label, cfg) => {
    const err = expectWecomError(() => createWecomCrypto(cfg), 'wecom_bad_config', -40004);
    expect(err.status).toBe(500);
    expect(err.expose).toBe(false);
  });

  it('rejects a random prefix that is not 16 bytes', () => {
    expect(() => cryptoA.encrypt('x', Buffer.alloc(8))).toThrow(RangeError);
  });

  it('errors are AppErrors with stable statuses', () => {
    const err = new WecomCallbackError('wecom_bad_signature', 'x');
    expect(err).toBeInstanceOf(AppError);
    expect([err.status, err.platformCode, err.name]).toEqual([401, -40001, 'WecomCallbackError']);
    expect(new WecomCallbackError('wecom_stale_timestamp', 'x').platformCode).toBeNull();
  });
});
