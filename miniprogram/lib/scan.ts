// wx.scanCode as a promise with the outcomes the home page distinguishes: a store token, a code
// that is not ours, the user backing out (no message needed), or a real failure.
import { tokenFromScan } from './qr.js';
import type { Wx } from './wx-facade.js';

export type ScanOutcome =
  | { kind: 'token'; token: string }
  | { kind: 'not_ours' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; errMsg: string };

export function scanStoreToken(wx: Pick<Wx, 'scanCode'>): Promise<ScanOutcome> {
  return new Promise((resolve) => {
    wx.scanCode({
      // Store codes hang on the wall; picking an album image would let anyone "visit" from home.
      onlyFromCamera: true,
      scanType: ['qrCode', 'wxCode'],
      success: (res) => {
        const token = tokenFromScan(res);
        resolve(token ? { kind: 'token', token } : { kind: 'not_ours' });
      },
      fail: (err) => resolve(/cancel/i.test(err.errMsg) ? { kind: 'cancelled' } : { kind: 'failed', errMsg: err.errMsg }),
    });
  });
}
