// classifyWecomError: token / retryable / rate_limited / permanent per WC/90455 and platforms.md §6.6.
import { describe, expect, it } from 'vitest';
import { classifyWecomError, isTimeoutError } from '../../src/channels/wecom/errors.js';

describe('classifyWecomError', () => {
  it.each([40014, 42001, 40001, 41001])('errcode %i → token (refresh once, retry once)', (errcode) => {
    expect(classifyWecomError({ errcode })).toBe('token');
  });

  it.each([45009, 45033, 45011, 45047])('errcode %i → rate_limited', (errcode) => {
    expect(classifyWecomError({ errcode })).toBe('rate_limited');
  });

  it('-1 (system busy) → retryable', () => {
    expect(classifyWecomError({ errcode: -1 })).toBe('retryable');
  });

  it.each([40008, 93000, 45002, 81013, 60020, 40003, 86001, 86003, 86008, 45035, 60011, 40013])(
    'errcode %i → permanent',
    (errcode) => {
      expect(classifyWecomError({ errcode })).toBe('permanent');
    },
  );

  it('timeouts, network errors and HTTP 5xx → retryable, even with an errcode in the body', () => {
    expect(classifyWecomError({ timeout: true })).toBe('retryable');
    expect(classifyWecomError({ network: true })).toBe('retryable');
    expect(classifyWecomError({ httpStatus: 500 })).toBe('retryable');
    expect(classifyWecomError({ httpStatus: 503, errcode: 40008 })).toBe('retryable');
  });

  it('HTTP 429 → rate_limited; other non-2xx without errcode → permanent', () => {
    expect(classifyWecomError({ httpStatus: 429 })).toBe('rate_limited');
    expect(classifyWecomError({ httpStatus: 404 })).toBe('permanent');
  });

  it('a 2xx without a usable errcode → retryable (unreadable answer)', () => {
    expect(classifyWecomError({ httpStatus: 200 })).toBe('retryable');
    expect(classifyWecomError({})).toBe('retryable');
  });

  it('isTimeoutError: axios timeout codes, or a stalled body past the timeout', () => {
    expect(isTimeoutError({ code: 'ECONNABORTED' }, 10, 10_000)).toBe(true);
    expect(isTimeoutError({ code: 'ETIMEDOUT' }, 10, 10_000)).toBe(true);
    expect(isTimeoutError({ code: 'ERR_BAD_RESPONSE' }, 10_001, 10_000)).toBe(true);
    expect(isTimeoutError({ code: 'ECONNREFUSED' }, 5, 10_000)).toBe(false);
  });
});
