import { describe, expect, it } from 'vitest';
import { sanitizeDeep, sanitizeText } from '../../src/shared/sanitize-text.js';

describe('sanitizeText', () => {
  it('drops U+0000 and turns lone surrogates into U+FFFD', () => {
    expect(sanitizeText('帮\u0000助')).toBe('帮助');
    expect(sanitizeText('\u0000\u0000')).toBe('');
    expect(sanitizeText('a\uD800b')).toBe('a\uFFFDb'); // lone high
    expect(sanitizeText('a\uDC00b')).toBe('a\uFFFDb'); // lone low
    expect(sanitizeText('\uDBFF')).toBe('\uFFFD'); // high at the very end
    expect(sanitizeText('\uDC00\uD800')).toBe('\uFFFD\uFFFD'); // reversed pair
    expect(sanitizeText('\uD800\u0000\uDC00')).toBe('\uFFFD\uFFFD'); // a NUL between halves does not make a pair
  });

  it('keeps everything else, pairs and other control characters included', () => {
    const kept = '客户👍🏽 e\u0301 \u0001\u001f\t\n\r\u007f \u200b\u202e \uFEFF \uFFFD 𠀀';
    expect(sanitizeText(kept)).toBe(kept);
    expect(sanitizeText('')).toBe('');
  });
});

describe('sanitizeDeep', () => {
  it('cleans strings in objects, arrays and keys; leaves other values alone', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const bytes = Buffer.from([0, 1]);
    const input = { text: 'a\u0000', list: ['ok', 'b\uD800', 3, null, true], 'k\u0000ey': { deep: ['\u0000'] }, at, bytes };
    const out = sanitizeDeep(input);
    expect(out).toEqual({ text: 'a', list: ['ok', 'b\uFFFD', 3, null, true], key: { deep: [''] }, at, bytes });
    expect(out.at).toBe(at);
    expect(out.bytes).toBe(bytes);
    expect(input.text).toBe('a\u0000'); // the input is not mutated
  });

  it('returns the same reference when nothing needs cleaning', () => {
    const clean = { a: 'x', b: ['y', { c: 'z' }], n: 1 };
    expect(sanitizeDeep(clean)).toBe(clean);
    expect(sanitizeDeep('plain')).toBe('plain');
  });

  it('keeps a JSON "__proto__" key as data instead of setting a prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": "x\\u0000"}, "t": "\\u0000"}') as Record<string, unknown>;
    const out = sanitizeDeep(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('keeps null-prototype objects (parsed query strings) null-prototype', () => {
    const q = Object.assign(Object.create(null) as Record<string, unknown>, { q: '\u0000x' });
    const out = sanitizeDeep(q);
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(out.q).toBe('x');
  });
});
