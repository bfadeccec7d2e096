// Renders the OutboundMessage union into DingTalk payloads (pure, no I/O): robot-webhook bodies
// (sessionWebhook and custom group robot, platforms.md §3.4/§3.6) and OpenAPI {msgKey, msgParam}
// pairs for oToMessages/batchSend and groupMessages/send (§3.5).
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import type { ButtonCard, OutboundMessage } from '../outbound-message.js';
import { numberedChoices } from './choices.js';

export { numberedChoices, parseChoiceReply, type Choice } from './choices.js';

export const DINGTALK_LIMITS = {
  /** Custom robot body ≤ 20 000 bytes (errcode 460101); sessionWebhook is assumed to share the limit. */
  webhookBodyBytes: 20_000,
  /** groupMessages/send msgParam ≤ 15 000 bytes; batchSend publishes no limit, so it gets the same. */
  msgParamBytes: 15_000,
  /** The markdown title is only the notification/preview line; keep it short. */
  titleChars: 30,
} as const;

// User-facing wording for what DingTalk cannot show natively (kept together so it stays consistent).
const TEXT = {
  choice: (n: number, label: string) => `回复 ${n} ${label}`,
  fallbackTitle: '消息',
  imageTitle: '图片',
  ellipsis: '…',
} as const;

export type DingtalkRenderErrorCode = 'dingtalk_render_invalid' | 'dingtalk_image_needs_upload';

/** A message DingTalk cannot take as it is; the sender should dead-letter it (or upload the image first). */
export class DingtalkRenderError extends AppError {
  override readonly code: DingtalkRenderErrorCode;
  constructor(code: DingtalkRenderErrorCode, message: string) {
    super(code, message, { status: 500, expose: false });
    this.name = 'DingtalkRenderError';
    this.code = code;
  }
}

/** Body for a sessionWebhook or custom-robot webhook. */
export type WebhookBody =
  | { msgtype: 'text'; text: { content: string }; at?: WebhookAt }
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: WebhookAt };

export interface WebhookAt {
  atUserIds?: string[];
  isAtAll?: boolean;
}

/**
 * OpenAPI robot message. msgKey/param names per open.dingtalk.com/document/development/robot-message-type
 * (not readable here; cross-checked against the Python/Node connectors that call batchSend):
 * sampleText {content}, sampleMarkdown {title, text}, sampleImageMsg {photoURL},
 * sampleLink {text, title, picUrl, messageUrl}, sampleActionCard {title, text, singleTitle, singleURL}.
 */
export interface RobotMessage {
  msgKey: 'sampleText' | 'sampleMarkdown' | 'sampleImageMsg';
  /** JSON string, as the API requires. */
  msgParam: string;
}

export interface WebhookRenderOptions {
  /** staffIds to @ in a group reply (text/markdown `at.atUserIds`). */
  atUserIds?: string[];
  /** An https image URL for `image` messages; webhooks have no image msgtype, so it becomes markdown. */
  photoURL?: string;
  maxBytes?: number;
}

export interface RobotRenderOptions {
  /**
   * For `image`: the '@…' media_id from DingtalkClient.uploadImage, or an https URL. Passing the
   * media_id as photoURL is how DingTalk connectors send uploaded images through batchSend /
   * groupMessages/send; the robot-message-type page itself could not be read to confirm it.
   */
  photoURL?: string;
  maxParamBytes?: number;
}

/**
 * sessionWebhook / custom robot body, or null when there is nothing to send on DingTalk.
 * card_update → null: plain robot messages cannot be edited after sending and DingTalk has no
 * response_code equivalent; the reply that follows a numbered choice already confirms it.
 */
export function toSessionWebhookBody(msg: OutboundMessage, opts: WebhookRenderOptions = {}): WebhookBody | null {
  const max = opts.maxBytes ?? DINGTALK_LIMITS.webhookBodyBytes;
  const at = opts.atUserIds && opts.atUserIds.length > 0 ? { at: { atUserIds: [...opts.atUserIds] } } : {};
  const measure = (b: WebhookBody) => utf8Bytes(JSON.stringify(b));
  switch (msg.kind) {
    case 'text':
      return fit((s) => ({ msgtype: 'text', text: { content: s }, ...at }), msg.text, '', measure, max);
    case 'markdown': {
      const title = markdownTitle(msg.markdown);
      return fit((s) => ({ msgtype: 'markdown', markdown: { title, text: s }, ...at }), msg.markdown, '', measure, max);
    }
    case 'button_card': {
      const { head, tail } = cardMarkdown(msg.card);
      const title = markdownTitle(msg.card.title);
      return fit((s) => ({ msgtype: 'markdown', markdown: { title, text: s }, ...at }), head, tail, measure, max);
    }
    case 'image': {
      // Only an https URL is documented to render in robot markdown; a media_id here is unverified.
      const url = requirePhoto(opts.photoURL);
      return { msgtype: 'markdown', markdown: { title: TEXT.imageTitle, text: `![${TEXT.imageTitle}](${url})` }, ...at };
    }
    case 'card_update':
      return null;
  }
}

/** OpenAPI {msgKey, msgParam}, or null for card_update (see toSessionWebhookBody). */
export function toRobotMessage(msg: OutboundMessage, opts: RobotRenderOptions = {}): RobotMessage | null {
  const max = opts.maxParamBytes ?? DINGTALK_LIMITS.msgParamBytes;
  const measure = (r: RobotMessage) => utf8Bytes(r.msgParam);
  switch (msg.kind) {
    case 'text':
      return fit((s) => robot('sampleText', { content: s }), msg.text, '', measure, max);
    case 'markdown': {
      const title = markdownTitle(msg.markdown);
      return fit((s) => robot('sampleMarkdown', { title, text: s }), msg.markdown, '', measure, max);
    }
    case 'button_card': {
      const { head, tail } = cardMarkdown(msg.card);
      const title = markdownTitle(msg.card.title);
      return fit((s) => robot('sampleMarkdown', { title, text: s }), head, tail, measure, max);
    }
    case 'image':
      return robot('sampleImageMsg', { photoURL: requirePhoto(opts.photoURL) });
    case 'card_update':
      return null;
  }
}

function robot(msgKey: RobotMessage['msgKey'], param: Record<string, string>): RobotMessage {
  return { msgKey, msgParam: JSON.stringify(param) };
}

function requirePhoto(photoURL: string | undefined): string {
  if (!photoURL) {
    throw new DingtalkRenderError('dingtalk_image_needs_upload', 'DingTalk takes no inline base64: upload the image and pass photoURL');
  }
  return photoURL;
}

/** The PNG bytes of an `image` message, checked against its md5 (what the sender uploads). */
export function decodeImage(msg: { base64: string; md5: string }): Buffer {
  const bytes = Buffer.from(msg.base64, 'base64');
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (bytes.length === 0 || md5 !== msg.md5.toLowerCase()) {
    throw new DingtalkRenderError('dingtalk_render_invalid', 'image base64 is empty or does not match its md5');
  }
  return bytes;
}

/**
 * A card as markdown: plain robot messages cannot call back (sampleActionCard buttons only open
 * URLs, platforms.md §3.7), so buttons become numbered reply choices. The choices (`tail`) are
 * never truncated; only the title/description/fields (`head`) are.
 */
function cardMarkdown(card: ButtonCard): { head: string; tail: string } {
  validateCard(card);
  const blocks = [`#### ${card.title}`];
  if (card.description) blocks.push(card.description);
  const fields = card.fields ?? [];
  if (fields.length > 0) blocks.push(fields.map((f) => `- **${f.label}**：${f.value}`).join('\n'));
  const choices = numberedChoices(card).map((c) => TEXT.choice(c.number, c.text));
  // DingTalk markdown needs a blank line for a visible line break.
  return { head: blocks.join('\n\n'), tail: `\n\n${choices.join('\n\n')}` };
}

/** Violations are programming errors: the user could not answer the card. */
function validateCard(card: ButtonCard): void {
  if (card.buttons.length === 0 || card.buttons.length > 20) {
    throw new DingtalkRenderError('dingtalk_render_invalid', `button card needs 1–20 buttons, got ${card.buttons.length}`);
  }
  const keys = new Set(card.buttons.map((b) => b.key));
  if (keys.size !== card.buttons.length || keys.has('')) {
    throw new DingtalkRenderError('dingtalk_render_invalid', 'button keys must be unique and non-empty');
  }
}

/** A short plain-text title from the first non-empty markdown line. */
export function markdownTitle(markdown: string): string {
  const line = markdown.split(/\r?\n/).map(plainLine).find((l) => l !== '') ?? '';
  const chars = Array.from(line || TEXT.fallbackTitle);
  const max = DINGTALK_LIMITS.titleChars;
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}${TEXT.ellipsis}`;
}

function plainLine(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links → their text
    .replace(/<[^>]*>/g, '') // <font color=…> and other inline HTML
    .replace(/^\s*(?:#{1,6}|>+|[-*+]|\d+[.)])\s+/, '') // heading, quote, list marker
    .replace(/^\s*#{1,6}$/, '')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|\s)[*_]|[*_](?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Builds `make(text + suffix)` and, when its measured size exceeds `maxBytes`, cuts `text` (never
 * `suffix`) on a code-point boundary. JSON escaping can make a cut text grow by up to 6× per
 * character, so the longest fitting cut is found by binary search (the size grows with the cut).
 */
function fit<T>(make: (s: string) => T, text: string, suffix: string, measure: (v: T) => number, maxBytes: number): T {
  const whole = make(text + suffix);
  if (measure(whole) <= maxBytes) return whole;
  let best: T | null = null;
  let lo = 0;
  let hi = utf8Bytes(text) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = make(truncateUtf8(text, mid) + suffix);
    if (measure(candidate) <= maxBytes) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (best === null) throw new DingtalkRenderError('dingtalk_render_invalid', `message cannot fit in ${maxBytes} bytes`);
  return best;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes (ellipsis included) without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  const room = maxBytes - utf8Bytes(TEXT.ellipsis);
  if (room < 0) return '';
  let used = 0;
  let out = '';
  for (const ch of text) {
    const n = utf8Bytes(ch);
    if (used + n > room) break;
    used += n;
    out += ch;
  }
  return out + TEXT.ellipsis;
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
