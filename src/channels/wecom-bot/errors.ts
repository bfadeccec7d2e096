// WeCom AI bot failure classification (pure): what an errcode on a reply/push/upload ack means for the
// outbox. Codes from scratch/aibot-design.md §1 (a real-device probe and third-party sources; the official
// page lists none). The link throws WecomBotError; the SDK underneath may reject with the bare ack frame.
import { DeliveryError, type DeliveryFailureClass } from '../channel.js';

/** A passive reply on a req_id that no longer takes it: the wrong command for that req_id, or stale. */
export const INVALID_REQ_ID = 846605;
/** The stream's update window (6–10 min after the user's message) has passed. */
export const STREAM_EXPIRED = 846608;
/** media_id unknown or expired: upload again. */
export const INVALID_MEDIA_ID = 40007;

const PERMANENT = new Set([
  40008, // invalid message type (e.g. msgtype text on aibot_respond_msg / aibot_send_msg)
  40058, // missing or invalid field (also: a URL or base64 where a media_id is required)
  86201, // chatid missing / not a chat the bot may send to
]);
const RATE_LIMITED = new Set([45009, 45033]);
const RETRYABLE = new Set([-1]);

export interface BotFailure {
  /** null when there is no platform answer (not linked, timed out). */
  errcode: number | null;
  kind: 'not_linked' | 'timeout' | 'refused' | 'unknown';
  message: string;
}

/** Reads whatever a link/SDK call rejected with: a WecomBotError, an ack frame `{errcode, errmsg}`, or an Error. */
export function botFailure(e: unknown): BotFailure {
  const o = (typeof e === 'object' && e !== null ? e : {}) as { errcode?: unknown; errmsg?: unknown; kind?: unknown; message?: unknown };
  const errcode = typeof o.errcode === 'number' && o.errcode !== 0 ? o.errcode : null;
  const kind = o.kind === 'not_linked' || o.kind === 'timeout' || o.kind === 'refused' ? o.kind : errcode !== null ? 'refused' : 'unknown';
  const text = typeof o.message === 'string' && o.message ? o.message : typeof o.errmsg === 'string' ? o.errmsg : String(e);
  return { errcode, kind, message: text.slice(0, 300) };
}

/** A passive reply that cannot be used any more: fall back to a push in the same delivery. */
export function isStaleReply(e: unknown): boolean {
  const { errcode } = botFailure(e);
  return errcode === INVALID_REQ_ID || errcode === STREAM_EXPIRED;
}

export function isInvalidMedia(e: unknown): boolean {
  return botFailure(e).errcode === INVALID_MEDIA_ID;
}

export function classifyBotFailure(f: BotFailure): DeliveryFailureClass {
  if (f.errcode === null) return f.kind === 'refused' ? 'permanent' : 'retryable';
  if (RATE_LIMITED.has(f.errcode)) return 'rate_limited';
  if (RETRYABLE.has(f.errcode)) return 'retryable';
  // A stale handle was dropped and a media_id forgotten by the sender: the next attempt pushes/re-uploads.
  if (f.errcode === INVALID_REQ_ID || f.errcode === STREAM_EXPIRED || f.errcode === INVALID_MEDIA_ID) return 'retryable';
  if (PERMANENT.has(f.errcode)) return 'permanent';
  // An answer we do not know will not change on a retry; the dead letter keeps the code for the admin.
  return 'permanent';
}

export function toBotDeliveryError(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  const f = botFailure(e);
  return new DeliveryError(classifyBotFailure(f), `wecom bot ${f.kind}: ${f.message}`, {
    platformCode: f.errcode ?? f.kind,
    cause: e instanceof Error ? e : undefined,
  });
}
