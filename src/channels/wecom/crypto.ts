// WeCom callback crypto (WC/90930; platforms.md §1.3–1.4): msg_signature, AES-256-CBC with 32-byte
// PKCS#7 and the random|len|msg|receiveid layout. Pure: no clock, no I/O; freshness lives in codec.ts.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/errors.js';

export interface WecomCryptoConfig {
  token: string;
  encodingAesKey: string;
  /** CorpID for a self-built app, suite id for third-party apps, '' for the AI bot. */
  receiveId: string;
}

export interface WecomCrypto {
  readonly receiveId: string;
  signature(timestamp: string, nonce: string, encrypted: string): string;
  verifySignature(sig: string, timestamp: string, nonce: string, encrypted: string): boolean;
  /** Base64 ciphertext → UTF-8 message; checks padding, length and receiveid. */
  decrypt(encrypted: string): string;
  /** UTF-8 message → base64 ciphertext; `random` (16 bytes) makes it deterministic for tests. */
  encrypt(plaintext: string, random?: Buffer): string;
}

export type WecomErrorCode =
  | 'wecom_bad_signature'
  | 'wecom_stale_timestamp'
  | 'wecom_bad_envelope'
  | 'wecom_decrypt_failed'
  | 'wecom_receiveid_mismatch'
  | 'wecom_bad_config';

// Official return codes from the sample library (ierror.py): -40001 signature, -40002 parse,
// -40004 AESKey, -40005 receiveid, -40007 decrypt. Freshness is our own rule, so it has none.
const ERROR_TABLE: Record<WecomErrorCode, { status: number; platformCode: number | null }> = {
  wecom_bad_signature: { status: 401, platformCode: -40001 },
  wecom_stale_timestamp: { status: 400, platformCode: null },
  wecom_bad_envelope: { status: 400, platformCode: -40002 },
  wecom_decrypt_failed: { status: 400, platformCode: -40007 },
  wecom_receiveid_mismatch: { status: 400, platformCode: -40005 },
  wecom_bad_config: { status: 500, platformCode: -40004 },
};

export class WecomCallbackError extends AppError {
  override readonly code: WecomErrorCode;
  /** The official WXBizMsgCrypt return code, when one exists. */
  readonly platformCode: number | null;

  constructor(code: WecomErrorCode, message: string, opts: { platformCode?: number; cause?: unknown } = {}) {
    const entry = ERROR_TABLE[code];
    super(code, message, { status: entry.status, cause: opts.cause });
    this.name = 'WecomCallbackError';
    this.code = code;
    this.platformCode = opts.platformCode ?? entry.platformCode;
  }
}

const BLOCK = 32; // WeCom pads to 32 bytes, not AES's 16 (platforms.md §1.4; vector A2 has pad 22).
const HEADER = 20; // random(16) | msg_len(4, big-endian)
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createWecomCrypto(cfg: WecomCryptoConfig): WecomCrypto {
  const key = parseKey(cfg);
  const iv = key.subarray(0, 16);
  const { token, receiveId } = cfg;
  const receiveIdBytes = Buffer.from(receiveId, 'utf8');

  const signature = (timestamp: string, nonce: string, encrypted: string): string =>
    createHash('sha1').update([token, timestamp, nonce, encrypted].sort().join('')).digest('hex');

  return {
    receiveId,
    signature,
    verifySignature(sig, timestamp, nonce, encrypted) {
      try {
        if (![sig, timestamp, nonce, encrypted].every((v) => typeof v === 'string')) return false;
        const expected = Buffer.from(signature(timestamp, nonce, encrypted), 'utf8');
        const given = Buffer.from(sig, 'utf8');
        return given.length === expected.length && timingSafeEqual(given, expected);
      } catch {
        return false;
      }
    },
    decrypt(encrypted) {
      const plain = unpad(aesDecrypt(key, iv, encrypted));
      const { message, id } = splitPayload(plain);
      // The official library fails with -40005 here; @wecom/crypto skips this check entirely.
      if (!id.equals(receiveIdBytes)) {
        throw new WecomCallbackError('wecom_receiveid_mismatch', 'Callback was encrypted for another receiver');
      }
      return decodeUtf8(message);
    },
    encrypt(plaintext, random = randomBytes(16)) {
      if (random.length !== 16) throw new RangeError('random prefix must be 16 bytes');
      const msg = Buffer.from(plaintext, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(msg.length, 0);
      const body = Buffer.concat([random, len, msg, receiveIdBytes]);
      const padLen = BLOCK - (body.length % BLOCK);
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const padded = Buffer.concat([body, Buffer.alloc(padLen, padLen)]);
      return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
    },
  };
}

function parseKey(cfg: WecomCryptoConfig): Buffer {
  if (typeof cfg.token !== 'string' || cfg.token.length === 0) {
    throw new WecomCallbackError('wecom_bad_config', 'WeCom callback token is empty');
  }
  if (typeof cfg.receiveId !== 'string') {
    throw new WecomCallbackError('wecom_bad_config', 'WeCom receiveId must be a string');
  }
  // Node's base64 decoder silently skips junk characters, so check the alphabet and length first.
  const ok = typeof cfg.encodingAesKey === 'string' && /^[A-Za-z0-9+/]{43}$/.test(cfg.encodingAesKey);
  const key = ok ? Buffer.from(`${cfg.encodingAesKey}=`, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new WecomCallbackError('wecom_bad_config', 'EncodingAESKey must be 43 base64 characters (32 bytes)');
  }
  return key;
}

function aesDecrypt(key: Buffer, iv: Buffer, encrypted: string): Buffer {
  if (typeof encrypted !== 'string' || encrypted.length === 0 || !BASE64.test(encrypted)) {
    throw new WecomCallbackError('wecom_decrypt_failed', 'Ciphertext is not base64', { platformCode: -40010 });
  }
  const data = Buffer.from(encrypted, 'base64');
  if (data.length % 16 !== 0) {
    throw new WecomCallbackError('wecom_decrypt_failed', 'Ciphertext is not a whole number of AES blocks');
  }
  try {
    // Auto-padding must stay off: Node assumes 16-byte PKCS#7 and rejects WeCom pads above 16.
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch (cause) {
    throw new WecomCallbackError('wecom_decrypt_failed', 'AES decryption failed', { cause });
  }
}

/**
 * 32-byte PKCS#7: every pad byte must equal the pad length (1..32). Not constant time on purpose:
 * decrypt only runs after the signature check, so there is no padding oracle to protect.
 */
function unpad(data: Buffer): Buffer {
  const pad = data.length > 0 ? data[data.length - 1]! : 0;
  const valid = pad >= 1 && pad <= BLOCK && pad <= data.length && data.subarray(-pad).every((b) => b === pad);
  if (!valid) throw new WecomCallbackError('wecom_decrypt_failed', 'Invalid padding');
  return data.subarray(0, data.length - pad);
}

function splitPayload(plain: Buffer): { message: Buffer; id: Buffer } {
  if (plain.length < HEADER) {
    throw new WecomCallbackError('wecom_decrypt_failed', 'Decrypted payload too short', { platformCode: -40008 });
  }
  const len = plain.readUInt32BE(16);
  if (len > plain.length - HEADER) {
    throw new WecomCallbackError('wecom_decrypt_failed', 'Message length out of bounds', { platformCode: -40008 });
  }
  return { message: plain.subarray(HEADER, HEADER + len), id: plain.subarray(HEADER + len) };
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new WecomCallbackError('wecom_decrypt_failed', 'Message is not valid UTF-8', { cause });
  }
}
