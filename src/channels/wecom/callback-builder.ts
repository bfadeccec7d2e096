// Builds correctly signed and encrypted WeCom callbacks, shaped like WeCom's own (platforms.md §1.1–1.2).
// Used by tests and the dev simulator; production code only ever opens callbacks.
import type { WecomCrypto } from './crypto.js';

export interface CallbackBuildOptions {
  timestamp: string | number;
  nonce: string;
  /** AgentID for the envelope; defaults to the one inside the plaintext XML, if any. */
  agentId?: string;
  /** 16-byte random prefix, for byte-exact fixtures. */
  random?: Buffer;
}

export interface EncryptedCallback {
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
}

/** A POST callback: query string values plus the `<xml><ToUserName/><Encrypt/><AgentID/></xml>` body. */
export function buildEncryptedCallback(crypto: WecomCrypto, xml: string, opts: CallbackBuildOptions): EncryptedCallback {
  const timestamp = String(opts.timestamp);
  const encrypted = crypto.encrypt(xml, opts.random);
  const agentId = opts.agentId ?? /<AgentID>\s*(?:<!\[CDATA\[)?\s*(\d+)/.exec(xml)?.[1];
  const body =
    `<xml><ToUserName><![CDATA[${crypto.receiveId}]]></ToUserName>` +
    `<Encrypt><![CDATA[${encrypted}]]></Encrypt>` +
    (agentId === undefined ? '' : `<AgentID><![CDATA[${agentId}]]></AgentID>`) +
    `</xml>`;
  return {
    query: { msg_signature: crypto.signature(timestamp, opts.nonce, encrypted), timestamp, nonce: opts.nonce },
    body,
  };
}

export interface EncryptedVerifyUrl {
  query: { msg_signature: string; timestamp: string; nonce: string; echostr: string };
}

/** A GET URL-verification request for `echo` (the plaintext the server must answer with). */
export function buildVerifyUrlQuery(
  crypto: WecomCrypto,
  echo: string,
  opts: Omit<CallbackBuildOptions, 'agentId'>,
): EncryptedVerifyUrl {
  const timestamp = String(opts.timestamp);
  const echostr = crypto.encrypt(echo, opts.random);
  return {
    query: { msg_signature: crypto.signature(timestamp, opts.nonce, echostr), timestamp, nonce: opts.nonce, echostr },
  };
}
