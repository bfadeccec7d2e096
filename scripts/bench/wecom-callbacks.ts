// Signed, encrypted WeCom text callbacks for the benchmarks, with the simulator's app credentials.
import { buildEncryptedCallback } from '../../src/channels/wecom/callback-builder.js';
import { createWecomCrypto } from '../../src/channels/wecom/crypto.js';

export const SIM_WECOM = {
  WECOM_CORP_ID: 'ww1436e0e65a779aee',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench-secret',
  WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo',
  WECOM_ENCODING_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt',
} as const;

export const simCrypto = createWecomCrypto({
  token: SIM_WECOM.WECOM_TOKEN,
  encodingAesKey: SIM_WECOM.WECOM_ENCODING_AES_KEY,
  receiveId: SIM_WECOM.WECOM_CORP_ID,
});

export interface CallbackRequest {
  path: string;
  body: string;
}

/** One text message from `user` as WeCom posts it (fresh timestamp, so it passes the freshness window). */
export function textCallback(user: string, text: string, msgId: number, nonce = msgId): CallbackRequest {
  const now = Math.floor(Date.now() / 1000);
  const xml =
    `<xml><ToUserName><![CDATA[${SIM_WECOM.WECOM_CORP_ID}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName>` +
    `<CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content>` +
    `<MsgId>${msgId}</MsgId><AgentID>${SIM_WECOM.WECOM_AGENT_ID}</AgentID></xml>`;
  const cb = buildEncryptedCallback(simCrypto, xml, { timestamp: now, nonce: String(nonce) });
  return { path: `/wecom/callback?${new URLSearchParams(cb.query)}`, body: cb.body };
}

/** `n` callbacks of 帮助 spread over `users` reps. */
export function helpCallbacks(n: number, users: number, firstMsgId = 8_000_000_000_000): CallbackRequest[] {
  return Array.from({ length: n }, (_, i) => textCallback(`rep${i % users}`, '帮助', firstMsgId + i, 100_000 + i));
}
