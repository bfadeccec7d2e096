import { describe, expect, it } from 'vitest';
import { maskPhones } from '../../src/shared/logger.js';
describe('maskPhones', () => {
  it('masks mainland mobile numbers', () => {
    expect(maskPhones('电话13812345678找王总')).toBe('电话138****5678找王总');
  });
});
