// Renders OutboundMessage into WeCom AI bot frame bodies (pure, no I/O): passive replies on a callback's
// req_id (stream, template_card, stream_with_template_card, welcome, card update) and pushes
// (aibot_send_msg: markdown, template_card, media by media_id). Text goes as markdown: the bot refuses
// msgtype text except in a welcome (40008). Template cards are the app's button_interaction cards.
import { AppError } from '../../shared/errors.js';
import type { ButtonCard, OutboundMessage } from '../outbound-message.js';
import { renderCard } from '../wecom/render.js';

export const CMD = {
  respond: 'aibot_respond_msg',
  welcome: 'aibot_respond_welcome_msg',
  update: 'aibot_respond_update_msg',
} as const;

/** Stream and markdown content limit: 20480 bytes of UTF-8. */
export const CONTENT_MAX_BYTES = 20_480;

export type BotBody = Record<string, unknown>;

export class BotRenderError extends AppError {
  constructor(message: string) {
    super('wecom_bot_render', message);
  }
}

/** Cuts to at most `max` UTF-8 bytes on a code-point boundary, marking the cut with "…". */
export function cutBytes(text: string, max = CONTENT_MAX_BYTES): string {
  if (Buffer.byteLength(text) <= max) return text;
  const room = max - Buffer.byteLength('…');
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (used + n > room) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}

/** The words of a text or markdown message; null for the other kinds. */
export function contentOf(m: OutboundMessage): string | null {
  if (m.kind === 'text') return cutBytes(m.text);
  if (m.kind === 'markdown') return cutBytes(m.markdown);
  return null;
}

export function streamBody(streamId: string, content: string, finish: boolean): BotBody {
  return { msgtype: 'stream', stream: { id: streamId, finish, content: cutBytes(content) } };
}

export function cardBody(card: ButtonCard): BotBody {
  return { msgtype: 'template_card', template_card: renderCard(card) };
}

/** Finishes an open stream with a line of text and shows the card under it (one reply per message). */
export function streamWithCardBody(streamId: string, content: string, card: ButtonCard): BotBody {
  return { msgtype: 'stream_with_template_card', stream: { id: streamId, finish: true, content: cutBytes(content) }, template_card: renderCard(card) };
}

export function imageBody(mediaId: string): BotBody {
  return { msgtype: 'image', image: { media_id: mediaId } };
}

/** aibot_respond_welcome_msg: text or a template card (the one place msgtype text is taken). */
export function welcomeBody(m: OutboundMessage): BotBody | null {
  if (m.kind === 'button_card') return cardBody(m.card);
  const content = contentOf(m);
  return content === null ? null : { msgtype: 'text', text: { content } };
}

/**
 * aibot_respond_update_msg replaces the whole card (there is no replace_name as in the app API): the clicked
 * card again, same task_id, with the choice as its only button. Its key starts with "noop:", which no
 * handler knows, so a tap on it is logged and ignored.
 */
export function cardUpdateBody(card: ButtonCard, label: string, userIds?: readonly string[]): BotBody {
  const updated: ButtonCard = { ...card, buttons: [{ key: `noop:${card.taskId}`, text: label }] };
  const template = renderCard(updated);
  return {
    response_type: 'update_template_card',
    ...(userIds && userIds.length ? { userids: [...userIds] } : {}),
    template_card: template,
  };
}

/** aibot_send_msg body (the sender adds chatid); `mediaId` for an image, uploaded first. */
export function pushBody(m: OutboundMessage, mediaId?: string): BotBody {
  switch (m.kind) {
    case 'text':
    case 'markdown':
      return { msgtype: 'markdown', markdown: { content: contentOf(m)! } };
    case 'button_card':
      return cardBody(m.card);
    case 'image':
      if (!mediaId) throw new BotRenderError('an image needs an upload before it is sent');
      return imageBody(mediaId);
    case 'card_update':
      // Only when the click's 5 s window has passed: the choice as a line of its own.
      return { msgtype: 'markdown', markdown: { content: cutBytes(m.label) } };
  }
}

/** The line a stream shows above a card: the card's title (what the rep reads first). */
export function cardLine(card: ButtonCard): string {
  return card.title;
}
