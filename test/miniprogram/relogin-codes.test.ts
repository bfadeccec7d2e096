// The mini-program's runtime copy of RELOGIN_CODES must equal the contract's (see relogin-codes.ts
// for why it cannot simply import the value).
import { describe, expect, it } from 'vitest';
import { RELOGIN_CODES as CONTRACT } from '../../src/shared/mp-api.js';
import { RELOGIN_CODES, isReloginCode } from '../../miniprogram/lib/relogin-codes.js';

describe('RELOGIN_CODES', () => {
  it('matches src/shared/mp-api.ts', () => {
    expect([...RELOGIN_CODES].sort()).toEqual([...CONTRACT].sort());
  });

  it('isReloginCode', () => {
    for (const code of CONTRACT) expect(isReloginCode(code)).toBe(true);
    expect(isReloginCode('login_failed')).toBe(false);
    expect(isReloginCode('cross_corp')).toBe(false);
  });
});
