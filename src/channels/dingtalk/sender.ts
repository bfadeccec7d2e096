// DingTalk ChannelSender: answers through the conversation's sessionWebhook while it is valid (no token,
// no quota), otherwise through the robot OpenAPI; custom group robots by their signed webhook. Cards
// become numbered text whose choices are remembered so the user's "2" can be read as the click.
import { systemClock, type Clock } from '../../shared/clock.js';
import { DeliveryError, type ChannelDirectory, type ChannelMedia, type ChannelSender } from '../channel.js';
import type { OutboundMessage, Recipient } from '../outbound-message.js';
import { numberedChoices, type Choice } from './choices.js';
import type { DingtalkClient } from './client.js';
import { DingtalkApiError, isExpiredSession } from './errors.js';
import { decodeImage, DingtalkRenderError, toRobotMessage, toSessionWebhookBody, type RobotMessage } from './render.js';

/** What the sender remembers between messages, bound to the store by the wiring. */
export interface DingtalkSenderStore {
  /** A still-valid reply handle for 'user:<id>' or 'chat:<conversationId>'. */
  findReplyHandle(scope: string, validAt: Date): Promise<{ url: string } | null>;
  dropReplyHandle(scope: string, url: string): Promise<void>;
  savePendingChoice(userId: string, taskId: string, choices: Choice[], sentAt: Date): Promise<void>;
}

/** A session used right at its expiry may lapse in flight; keep a margin. */
const SESSION_MARGIN_MS = 5 * 60_000;
/** Uploaded media lives 3 days on DingTalk as on WeCom; reuse an upload for a day. */
const MEDIA_REUSE_MS = 24 * 3_600_000;

export function createDingtalkSender(
  client: DingtalkClient, store: DingtalkSenderStore, clock: Clock = systemClock, onStoreError: (err: unknown) => void = () => {},
): ChannelSender & ChannelMedia & ChannelDirectory {
  const uploads = new Map<string, { mediaId: string; at: number }>();

  async function photoFor(message: OutboundMessage): Promise<string | undefined> {
    if (message.kind !== 'image') return undefined;
    const now = clock.now().getTime();
    const cached = uploads.get(message.md5);
    if (cached && now - cached.at < MEDIA_REUSE_MS) return cached.mediaId;
    const mediaId = await client.uploadImage(decodeImage(message), `${message.md5}.png`);
    for (const [md5, u] of uploads) if (now - u.at >= MEDIA_REUSE_MS) uploads.delete(md5);
    uploads.set(message.md5, { mediaId, at: now });
    return mediaId;
  }

  /** Through the session while valid; an expired one is forgotten and the OpenAPI takes over. */
  async function viaSession(scope: string, message: OutboundMessage, photoURL: string | undefined): Promise<boolean> {
    // Images need the OpenAPI (sampleImageMsg); a session webhook only shows pictures by public URL.
    if (message.kind === 'image') return false;
    const handle = await store.findReplyHandle(scope, new Date(clock.now().getTime() + SESSION_MARGIN_MS));
    if (!handle) return false;
    const body = toSessionWebhookBody(message, { photoURL });
    if (!body) return true;
    try {
      await client.replyBySession(handle.url, body);
      return true;
    } catch (e) {
      // An expired session, or a handle the client refuses to use (wrong origin), is dropped and the
      // OpenAPI takes over; anything else (busy, throttled) is the outbox's to retry.
      const unusable = isExpiredSession(e) || (e instanceof DingtalkApiError && e.failureClass === 'permanent');
      if (!unusable) throw e;
      await store.dropReplyHandle(scope, handle.url);
      return false;
    }
  }

  async function sendOne(recipient: Recipient, message: OutboundMessage): Promise<void> {
    if (recipient.kind === 'wecom_webhook') throw new DeliveryError('permanent', 'a WeCom robot is not a DingTalk recipient');
    if (recipient.kind === 'dingtalk_webhook') {
      if (message.kind === 'image') throw new DeliveryError('permanent', 'DingTalk custom robots take pictures only by public URL');
      const body = toSessionWebhookBody(message);
      if (body) await client.postCustomRobot(recipient.accessToken, recipient.secret, body);
      return;
    }
    const photoURL = await photoFor(message);
    const scope = recipient.kind === 'user' ? `user:${recipient.userId}` : `chat:${recipient.chatId}`;
    if (await viaSession(scope, message, photoURL)) return;
    const robot: RobotMessage | null = toRobotMessage(message, { photoURL });
    if (!robot) return;
    if (recipient.kind === 'chat') {
      await client.sendToGroup(recipient.chatId, robot);
      return;
    }
    const result = await client.sendToUsers([recipient.userId], robot);
    if (result.invalidStaffIds.includes(recipient.userId)) {
      throw new DeliveryError('permanent', 'dingtalk refused the recipient (not in the org or cannot see the robot)', { platformCode: 'invalidStaffId' });
    }
    if (result.flowControlledStaffIds.includes(recipient.userId)) {
      throw new DeliveryError('rate_limited', 'dingtalk flow-controlled the recipient', { platformCode: 'flowControlled' });
    }
  }

  return {
    channel: 'dingtalk',
    probe: () => client.checkToken(),

    async send(recipient, message) {
      // Robot messages cannot be edited; choices made by reply carry no response code, so the app
      // confirms them in text and never asks for an update here.
      if (message.kind === 'card_update') return;
      if (message.kind === 'button_card' && recipient.kind === 'user') {
        // Remember the choices before the card goes out, so a reply can never arrive before them (a fast
        // "2" would be read as text). A failure here is retried before anything was sent; a card that
        // then never arrives leaves choices the next card replaces.
        await store.savePendingChoice(recipient.userId, message.card.taskId, numberedChoices(message.card), clock.now()).catch((err: unknown) => {
          onStoreError(err);
          throw toDeliveryError(err);
        });
      }
      try {
        await sendOne(recipient, message);
      } catch (e) {
        throw toDeliveryError(e);
      }
    },

    // Errors keep their failureClass: a permanent one (expired code) tells the rep to resend.
    downloadMedia: (downloadCode) => client.downloadMessageFile(downloadCode),

    // Robot messages carry the sender's nick; the directory adds mobile/email for linking accounts.
    getUserName: async (staffId) => (await client.getUser(staffId))?.name ?? null,
    lookUpUser: (staffId) => client.getUser(staffId),
  };
}

function toDeliveryError(e: unknown): DeliveryError {
  if (e instanceof DeliveryError) return e;
  // A message DingTalk cannot take as it is will not render on a retry either.
  if (e instanceof DingtalkRenderError) return new DeliveryError('permanent', e.message, { cause: e });
  if (!(e instanceof DingtalkApiError)) return new DeliveryError('retryable', 'dingtalk send failed unexpectedly', { cause: e });
  // A token still rejected after the one refresh is most likely a revocation race: try later.
  const cls = e.failureClass === 'token' ? 'retryable' : e.failureClass;
  return new DeliveryError(cls, e.message, { platformCode: e.platformCode ?? e.errcode ?? e.httpStatus, cause: e });
}
