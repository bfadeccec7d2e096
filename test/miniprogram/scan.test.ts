// wx.scanCode outcomes the home page tells apart.
import { describe, expect, it } from 'vitest';
import { scanStoreToken } from '../../miniprogram/lib/scan.js';
import { createFakeWx } from './fake-wx.js';

describe('scanStoreToken', () => {
  it('returns the token of a store code', async () => {
    const fake = createFakeWx();
    fake.setScan({ ok: { result: 'https://zb.example.com/s/abc123', scanType: 'QR_CODE' } });
    expect(await scanStoreToken(fake.wx)).toEqual({ kind: 'token', token: 'abc123' });
  });

  it('says not_ours for any other code', async () => {
    const fake = createFakeWx();
    fake.setScan({ ok: { result: 'https://shop.example.com/item/9', scanType: 'QR_CODE' } });
    expect(await scanStoreToken(fake.wx)).toEqual({ kind: 'not_ours' });
  });

  it('separates the user backing out from a failure', async () => {
    const fake = createFakeWx();
    fake.setScan({ fail: 'scanCode:fail cancel' });
    expect(await scanStoreToken(fake.wx)).toEqual({ kind: 'cancelled' });
    fake.setScan({ fail: 'scanCode:fail camera busy' });
    expect(await scanStoreToken(fake.wx)).toEqual({ kind: 'failed', errMsg: 'scanCode:fail camera busy' });
  });
});
