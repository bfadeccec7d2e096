// Customer phone numbers: typed forms normalise to one canonical form, others are refused, and masks
// never show more than the area code and the last four digits.
import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from '../../src/domain/stores/phone.js';

describe('normalizePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['86-138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['19912345678', '19912345678'],
    ['010-62345678', '010-62345678'],
    ['01062345678', '010-62345678'],
    ['(010) 6234-5678', '010-62345678'],
    ['021 6234 5678', '021-62345678'],
    ['0755-86123456', '0755-86123456'],
    ['0755-2345678', '0755-2345678'],
    ['+86 10 6234 5678', '010-62345678'],
    ['+86 755 8765 4321', '0755-87654321'],
  ])('%s → %s', (raw, want) => {
    expect(normalizePhone(raw)).toBe(want);
  });

  it.each([
    '',
    '12345678901', // 12x is not a mobile prefix
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '+1 415 555 0100',
    '13812345678a',
    '138 1234 5678 转 801',
    '400-123-4567',
    '010-0234567', // local numbers never start with 0
    '010-123456', // too short
    '010-12345678', // local numbers starting with 1 are service numbers
    '12345',
  ])('refuses %s', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['010-62345678', '010-****5678'],
    ['0755-2345678', '0755-***5678'],
    ['12345', '*2345'],
    ['123', '***'],
    ['', ''],
  ])('%s → %s', (raw, want) => {
    expect(maskPhone(raw)).toBe(want);
  });
});
