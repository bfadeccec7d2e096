// WeCom app-callback codec (pure): envelope → signature → freshness → decrypt, then decrypted XML →
// InboundEvent. Ordering and field shapes follow WC/90930 and platforms.md §1.2–1.7.
import { isWecomUserId } from './user-id.js';
import type { InboundEvent } from '../inbound-event.js';
import { WecomCallbackError, type WecomCrypto } from './crypto.js';
import { optionalText, readXmlRoot, requiredText, type XmlRoot } from './safe-xml.js';

export interface WecomEnvelope {
  toUserName: string;
  encrypt: string;
  agentId: string | null;
}

export interface FreshnessOptions {
  now: Date;
  /** WeCom retries within seconds; the official libraries never check time, so replay protection is ours. */
  maxSkewSeconds: number;
}

export interface CallbackRequest {
  msgSignature: string;
  timestamp: string;
  nonce: string;
  body: string;
}

export interface VerifyUrlRequest {
  msgSignature: string;
  timestamp: string;
  nonce: string;
  /** Already URL-decoded (it contains '+', '/' and '='). */
  echostr: string;
}

/** Parses the outer POST body `<xml><ToUserName/><Encrypt/><AgentID/></xml>`. */
export function parseEnvelope(body: string): WecomEnvelope {
  const root = readXmlRoot(body);
  return {
    toUserName: optionalText(root, 'ToUserName') ?? '',
    encrypt: requiredText(root, 'Encrypt'),
    agentId: optionalText(root, 'AgentID') || null,
  };
}

/** Verifies and decrypts a POST callback; returns the decrypted message XML. */
export function openCallback(crypto: WecomCrypto, req: CallbackRequest, opts: FreshnessOptions): string {
  const envelope = parseEnvelope(req.body);
  return openCiphertext(crypto, req, envelope.encrypt, opts);
}

/** GET URL verification: the response body must be exactly the returned plaintext (WC/90930). */
export function verifyUrl(crypto: WecomCrypto, req: VerifyUrlRequest, opts: FreshnessOptions): string {
  if (typeof req.echostr !== 'string' || req.echostr.length === 0) {
    throw new WecomCallbackError('wecom_bad_envelope', 'echostr is missing');
  }
  return openCiphertext(crypto, req, req.echostr, opts);
}

function openCiphertext(
  crypto: WecomCrypto,
  req: { msgSignature: string; timestamp: string; nonce: string },
  encrypted: string,
  opts: FreshnessOptions,
): string {
  // Signature before freshness: an unsigned request learns nothing about our clock window.
  if (!crypto.verifySignature(req.msgSignature, req.timestamp, req.nonce, encrypted)) {
    throw new WecomCallbackError('wecom_bad_signature', 'msg_signature does not match');
  }
  assertFresh(req.timestamp, opts);
  return crypto.decrypt(encrypted);
}

function assertFresh(timestamp: string, { now, maxSkewSeconds }: FreshnessOptions): void {
  // A broken window must fail closed, never disable the check (architecture principle 7).
  if (!Number.isFinite(maxSkewSeconds) || maxSkewSeconds < 0 || Number.isNaN(now.getTime())) {
    throw new WecomCallbackError('wecom_bad_config', 'Invalid freshness window');
  }
  const seconds = /^[0-9]{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  if (!(Math.abs(now.getTime() / 1000 - seconds) <= maxSkewSeconds)) {
    throw new WecomCallbackError('wecom_stale_timestamp', 'Callback timestamp outside the allowed window');
  }
}

type Base = Omit<Extract<InboundEvent, { type: 'enter_chat' }>, 'type' | 'dedupeKey'>;

/** Decrypted message/event XML → InboundEvent. Unknown kinds become 'unsupported', not errors. */
export function decodeMessage(xml: string): InboundEvent {
  const root = readXmlRoot(xml);
  const orgId = requiredText(root, 'ToUserName');
  const senderId = requiredText(root, 'FromUserName');
  if (!isWecomUserId(senderId)) throw new WecomCallbackError('wecom_bad_envelope', '<FromUserName> is not a WeCom UserID');
  const createTime = requiredText(root, 'CreateTime');
  const msgType = requiredText(root, 'MsgType');
  if (!/^[0-9]{1,12}$/.test(createTime)) {
    throw new WecomCallbackError('wecom_bad_envelope', '<CreateTime> is not a unix timestamp');
  }
  const base: Base = {
    channel: 'wecom',
    orgId,
    senderId,
    chatId: null, // app callbacks are always 1:1 with the app
    conversationKey: `wecom:${orgId}:${senderId}`,
    sentAt: new Date(Number(createTime) * 1000),
  };
  if (msgType === 'event') return decodeEvent(root, base, createTime);

  switch (msgType) {
    case 'text':
      return { ...base, type: 'text', dedupeKey: messageKey(root), text: optionalText(root, 'Content') ?? '' };
    case 'voice':
      return {
        ...base,
        type: 'voice',
        dedupeKey: messageKey(root),
        mediaId: requiredText(root, 'MediaId'),
        format: optionalText(root, 'Format') ?? '',
        // WeCom app voice has no Recognition (that is a WeChat OA feature, platforms.md §1.6); kept for parity.
        recognition: optionalText(root, 'Recognition') || null,
      };
    default: {
      const msgId = optionalText(root, 'MsgId');
      const dedupeKey = msgId ? `msg:${msgId}` : eventKey(senderId, createTime, msgType, []);
      return { ...base, type: 'unsupported', dedupeKey, platformType: msgType };
    }
  }
}

function decodeEvent(root: XmlRoot, base: Base, createTime: string): InboundEvent {
  const event = requiredText(root, 'Event');
  const dedupeKey = eventKey(base.senderId, createTime, event, eventDiscriminator(root, event));
  switch (event) {
    case 'template_card_event':
      return {
        ...base,
        type: 'card_action',
        dedupeKey,
        taskId: requiredText(root, 'TaskId'),
        actionKey: requiredText(root, 'EventKey'),
        // Single use, valid 72 h, for update_template_card (WC/90240, platforms.md §1.6).
        responseCode: optionalText(root, 'ResponseCode') || null,
      };
    case 'enter_agent':
      return { ...base, type: 'enter_chat', dedupeKey };
    default:
      return { ...base, type: 'unsupported', dedupeKey, platformType: `event:${event}` };
  }
}

/** MsgId is a 64-bit integer: kept as the exact string WeCom sent. */
function messageKey(root: XmlRoot): string {
  return `msg:${requiredText(root, 'MsgId')}`;
}

// Events carry no MsgId. WeChat's rule is FromUserName+CreateTime, but two events can share a
// second (a rep tapping two cards), so the fields that tell events apart are appended (§1.7, §6.2).
function eventDiscriminator(root: XmlRoot, event: string): string[] {
  if (event === 'template_card_event' || event === 'template_card_menu_event') {
    return [optionalText(root, 'TaskId') ?? '', optionalText(root, 'EventKey') ?? ''];
  }
  const fields = ['EventKey', 'ChangeType', 'UserID', 'ExternalUserID'];
  return fields.map((f) => optionalText(root, f)).filter((v): v is string => v !== undefined);
}

function eventKey(senderId: string, createTime: string, kind: string, parts: string[]): string {
  return `evt:${senderId}:${createTime}:${kind}:${parts.join(':')}`;
}
