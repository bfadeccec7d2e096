// WeCom mini-program login (platforms.md §4.1): the code from wx.qy.login is exchanged with the token of
// the app the mini-program is linked to. session_key never leaves this function.
import type { WecomClient } from './client.js';

export interface MiniProgramIdentity {
  corpId: string;
  userId: string;
}

/** Throws WecomApiError (40029 invalid or used code → permanent) as every WeCom call does. */
export async function code2Session(client: Pick<WecomClient, 'call'>, code: string): Promise<MiniProgramIdentity> {
  const res = await client.call<{ corpid?: unknown; userid?: unknown }>('GET', '/cgi-bin/miniprogram/jscode2session', {
    query: { js_code: code, grant_type: 'authorization_code' },
  });
  return { corpId: typeof res.corpid === 'string' ? res.corpid : '', userId: typeof res.userid === 'string' ? res.userid : '' };
}
