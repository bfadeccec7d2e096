// Renders the OutboundMessage union into WeCom API requests (pure, no I/O).
// message/send and template cards: WC/90236; update_template_card: WC/94888; appchat/send: WC/90248.
import { isWecomUserId } from './user-id.js';
import { AppError } from '../../shared/errors.js';
import type { ButtonCard, OutboundMessage, Recipient } from '../outbound-message.js';

export interface WecomRequest {
  path: string;
  body: Record<string, unknown>;
}

// Template-card limits (WC/90236 / WC/101032). Text lengths are WeCom's "建议不超过N个字"
// (characters, not bytes); longer text is cut by the client UI, so we cut it ourselves with "…".
export const CARD_LIMITS = {
  buttons: 6, // button_list ≤ 6
  buttonKeyBytes: 1024, // button key ≤ 1024 bytes, unique within the card
  buttonText: 10,
  title: 36, // main_title.title
  desc: 44, // main_title.desc
  fields: 6, // horizontal_content_list ≤ 6
  keyname: 5, // horizontal_content_list.keyname
  value: 30, // horizontal_content_list.value
  taskIdBytes: 128, // task_id ≤ 128 bytes of [0-9a-zA-Z_-@], unique per app
} as const;

// Button style is 1–4 (default 1); the doc only shows the looks as an image. 1 is the
// highlighted (blue, filled) default, 4 a plain grey one — the official example pairs them.
export const BUTTON_STYLE = { primary: 1, plain: 4 } as const;

/** Second safety net against resending after a crash between send and outbox update (WC/90236). */
const DUPLICATE_CHECK = { enable_duplicate_check: 1, duplicate_check_interval: 1800 } as const;

const TASK_ID = /^[0-9a-zA-Z_\-@]+$/;

/**
 * `imageMediaId`: app messages and app group chats take an image only as an uploaded media id
 * (media/upload, valid 3 days); the sender uploads first and passes it here.
 */
export function renderOutbound(msg: OutboundMessage, to: Recipient, agentId: number, imageMediaId?: string): WecomRequest {
  if (to.kind === 'chat') return renderForChat(msg, to.chatId, imageMediaId);
  if (to.kind === 'wecom_webhook') return renderForWebhook(msg);
  if (to.kind === 'dingtalk_webhook') throw new AppError('wecom_render_unsupported', 'a DingTalk robot is not a WeCom recipient');
  if (!isWecomUserId(to.userId)) throw new AppError('wecom_render_invalid', 'touser must be exactly one WeCom UserID');
  const base = { touser: to.userId, agentid: agentId };
  switch (msg.kind) {
    case 'text':
      return send({ ...base, msgtype: 'text', text: { content: msg.text }, ...DUPLICATE_CHECK });
    case 'markdown':
      return send({ ...base, msgtype: 'markdown', markdown: { content: msg.markdown }, ...DUPLICATE_CHECK });
    case 'button_card':
      return send({ ...base, msgtype: 'template_card', template_card: renderCard(msg.card), ...DUPLICATE_CHECK });
    case 'card_update':
      // Greys the buttons out with the chosen label; response_code is single-use within 72 h (WC/94888).
      return {
        path: '/cgi-bin/message/update_template_card',
        body: {
          userids: [to.userId],
          agentid: agentId,
          response_code: msg.responseCode,
          button: { replace_name: msg.label },
        },
      };
    case 'image':
      return send({ ...base, msgtype: 'image', image: { media_id: uploaded(imageMediaId) }, ...DUPLICATE_CHECK });
  }
}

function uploaded(mediaId: string | undefined): string {
  if (!mediaId) throw new AppError('wecom_render_unsupported', 'an image needs media/upload before an app message');
  return mediaId;
}

function send(body: Record<string, unknown>): WecomRequest {
  return { path: '/cgi-bin/message/send', body };
}

/** Group robots (WC/91770) take text/markdown/image and have no cards; the key travels as a query parameter. */
function renderForWebhook(msg: OutboundMessage): WecomRequest {
  const path = '/cgi-bin/webhook/send';
  switch (msg.kind) {
    case 'text':
      return { path, body: { msgtype: 'text', text: { content: msg.text } } };
    case 'markdown':
      return { path, body: { msgtype: 'markdown', markdown: { content: msg.markdown } } };
    case 'button_card':
      validateCard(msg.card);
      return { path, body: { msgtype: 'text', text: { content: cardAsText(msg.card) } } };
    case 'image':
      // Robots take the image inline (≤ 2 MB before encoding, WC/91770).
      return { path, body: { msgtype: 'image', image: { base64: msg.base64, md5: msg.md5 } } };
    case 'card_update':
      throw new AppError('wecom_render_unsupported', 'card_update cannot target a group robot');
  }
}

/** App group chats take text/markdown/image but no template cards (WC/90248), and have no card updates. */
function renderForChat(msg: OutboundMessage, chatId: string, imageMediaId: string | undefined): WecomRequest {
  const path = '/cgi-bin/appchat/send';
  switch (msg.kind) {
    case 'text':
      return { path, body: { chatid: chatId, msgtype: 'text', text: { content: msg.text } } };
    case 'markdown':
      return { path, body: { chatid: chatId, msgtype: 'markdown', markdown: { content: msg.markdown } } };
    case 'button_card':
      validateCard(msg.card);
      return { path, body: { chatid: chatId, msgtype: 'text', text: { content: cardAsText(msg.card) } } };
    case 'card_update':
      throw new AppError('wecom_render_unsupported', 'card_update cannot target a WeCom app group chat');
    case 'image':
      return { path, body: { chatid: chatId, msgtype: 'image', image: { media_id: uploaded(imageMediaId) } } };
  }
}

export function renderCard(card: ButtonCard): Record<string, unknown> {
  validateCard(card);
  const mainTitle: Record<string, string> = { title: cut(card.title, CARD_LIMITS.title) };
  if (card.description) mainTitle.desc = cut(card.description, CARD_LIMITS.desc);
  const out: Record<string, unknown> = {
    card_type: 'button_interaction',
    main_title: mainTitle,
    task_id: card.taskId,
    button_list: card.buttons.map((b) => ({
      text: cut(b.text, CARD_LIMITS.buttonText),
      style: b.primary ? BUTTON_STYLE.primary : BUTTON_STYLE.plain,
      key: b.key,
    })),
  };
  const fields = (card.fields ?? []).slice(0, CARD_LIMITS.fields);
  if (fields.length > 0) {
    out.horizontal_content_list = fields.map((f) => ({
      keyname: cut(f.label, CARD_LIMITS.keyname),
      value: cut(f.value, CARD_LIMITS.value),
    }));
  }
  return out;
}

/** Violations here are programming errors: WeCom would reject the whole send with an errcode. */
function validateCard(card: ButtonCard): void {
  if (card.buttons.length === 0 || card.buttons.length > CARD_LIMITS.buttons) {
    throw new AppError('wecom_render_invalid', `button card needs 1–${CARD_LIMITS.buttons} buttons, got ${card.buttons.length}`);
  }
  if (!TASK_ID.test(card.taskId) || Buffer.byteLength(card.taskId) > CARD_LIMITS.taskIdBytes) {
    throw new AppError('wecom_render_invalid', 'task_id must be ≤128 bytes of [0-9a-zA-Z_-@]');
  }
  const keys = new Set<string>();
  for (const b of card.buttons) {
    if (b.key === '' || Buffer.byteLength(b.key) > CARD_LIMITS.buttonKeyBytes || keys.has(b.key)) {
      throw new AppError('wecom_render_invalid', 'button keys must be unique, non-empty and ≤1024 bytes');
    }
    keys.add(b.key);
  }
}

function cardAsText(card: ButtonCard): string {
  const lines = [card.title];
  if (card.description) lines.push(card.description);
  for (const f of card.fields ?? []) lines.push(`${f.label}：${f.value}`);
  card.buttons.forEach((b, i) => lines.push(`${i + 1}. ${b.text}`));
  return lines.join('\n');
}

/** Cuts by code points so an emoji or CJK surrogate pair is never split. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
