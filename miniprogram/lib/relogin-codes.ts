// RELOGIN_CODES as a runtime value inside the mini-program package. The contract's own constant lives
// in src/shared/mp-api.ts, outside miniprogramRoot, so a value import would be a `require` the
// uploaded package cannot resolve; type imports are erased and stay shared. A test
// (test/miniprogram/relogin-codes.test.ts) fails if this list and the contract's drift apart.
import type { MpErrorCode } from '../../src/shared/mp-api.js';

export const RELOGIN_CODES: readonly MpErrorCode[] = ['session_missing', 'session_invalid', 'session_expired'];

export function isReloginCode(code: string): boolean {
  return (RELOGIN_CODES as readonly string[]).includes(code);
}
