// WeCom ChannelSender/ChannelDirectory: renders an OutboundMessage, calls the API and maps
// WeCom failures onto the outbox's DeliveryError classes, keeping the errcode as platformCode.
import { DeliveryError, type ChannelDirectory, type ChannelSender } from '../channel.js';
import type { OutboundMessage, Recipient } from '../outbound-message.js';
import { systemClock, type Clock } from '../../shared/clock.js';
import type { WecomClient } from './client.js';
import { WecomApiError } from './errors.js';
import { renderOutbound, type WecomRequest } from './render.js';

interface SendResult {
  invaliduser?: string;
  unlicenseduser?: string;
}

/** Temporary media lives 3 days; reuse an upload for a day so retries and repeats do not re-upload. */
const MEDIA_REUSE_MS = 24 * 3_600_000;

export function createWecomSender(client: WecomClient, agentId: number, clock: Clock = systemClock): ChannelSender & ChannelDirectory {
  const uploads = new Map<string, { mediaId: string; at: number }>();

  /** App messages and app group chats take an image only by media_id: upload it once per content. */
  async function imageMediaId(message: OutboundMessage, recipient: Recipient): Promise<string | undefined> {
    if (message.kind !== 'image' || recipient.kind === 'wecom_webhook') return undefined;
    const now = clock.now().getTime();
    const cached = uploads.get(message.md5);
    if (cached && now - cached.at < MEDIA_REUSE_MS) return cached.mediaId;
    const mediaId = await client.uploadMedia('image', { bytes: Buffer.from(message.base64, 'base64'), fileName: `${message.md5}.png`, contentType: 'image/png' });
    for (const [md5, u] of uploads) if (now - u.at >= MEDIA_REUSE_MS) uploads.delete(md5);
    uploads.set(message.md5, { mediaId, at: now });
    return mediaId;
  }

  return {
    channel: 'wecom',
    probe: () => client.checkToken(),

    async send(recipient: Recipient, message: OutboundMessage): Promise<void> {
      let mediaId: string | undefined;
      try {
        mediaId = await imageMediaId(message, recipient);
      } catch (e) {
        throw toDeliveryError(e);
      }
      let req: WecomRequest;
      try {
        req = renderOutbound(message, recipient, agentId, mediaId);
      } catch (e) {
        // An unrenderable message will never render: dead-letter it.
        throw new DeliveryError('permanent', `wecom cannot render ${message.kind}`, { cause: e });
      }
      let res: SendResult;
      try {
        if (recipient.kind === 'wecom_webhook') return await client.postWebhook(recipient.key, req.body);
        res = await client.call<SendResult>('POST', req.path, { body: req.body });
      } catch (e) {
        throw toDeliveryError(e);
      }
      // message/send may answer errcode 0 yet skip a recipient it cannot reach (WC/90236);
      // with our single recipient that means nothing was delivered, and retrying will not help.
      if (req.path === '/cgi-bin/message/send' && (res.invaliduser || res.unlicenseduser)) {
        const which = res.invaliduser ? 'invaliduser' : 'unlicenseduser';
        throw new DeliveryError('permanent', `wecom recipient rejected (${which})`, { platformCode: which });
      }
    },

    async getUserName(userId: string): Promise<string | null> {
      const user = await client.getUser(userId);
      return user?.name ? user.name : null;
    },

    async lookUpUser(userId: string) {
      const user = await client.getUser(userId);
      return user ? { name: user.name || null, mobile: user.mobile, email: user.email } : null;
    },
  };
}

function toDeliveryError(e: unknown): DeliveryError {
  if (!(e instanceof WecomApiError)) {
    return new DeliveryError('retryable', 'wecom send failed unexpectedly', { cause: e });
  }
  // A token still rejected after the one refresh is most likely a revocation race: try later.
  const cls = e.failureClass === 'token' ? 'retryable' : e.failureClass;
  return new DeliveryError(cls, e.message, { platformCode: e.errcode ?? e.httpStatus, cause: e });
}
