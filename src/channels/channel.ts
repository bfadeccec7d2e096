// The seam between the app and a chat platform: transport and translation only, no sales logic.
import { AppError } from '../shared/errors.js';
import type { DirectoryListing } from './directory-listing.js';
import type { ChannelId } from './inbound-event.js';
import type { OutboundMessage, Recipient } from './outbound-message.js';

/** How a failed delivery should be treated by the outbox worker. */
export type DeliveryFailureClass = 'retryable' | 'rate_limited' | 'permanent';

export class DeliveryError extends AppError {
  readonly failureClass: DeliveryFailureClass;
  /** Platform error code when there is one (e.g. WeCom errcode 45009). */
  readonly platformCode?: number | string;

  constructor(
    failureClass: DeliveryFailureClass,
    message: string,
    opts: { platformCode?: number | string; cause?: unknown } = {},
  ) {
    super(`delivery_${failureClass}`, message, { status: 502, expose: false, cause: opts.cause });
    this.failureClass = failureClass;
    this.platformCode = opts.platformCode;
  }
}

export interface ChannelSender {
  readonly channel: ChannelId;
  /** Sends one message. Throws DeliveryError on failure; anything else is treated as retryable. */
  send(recipient: Recipient, message: OutboundMessage): Promise<void>;
  /** Fetches (or reuses) an access token: the start-up self-check and /healthz?deep=1. */
  probe?(): Promise<void>;
  /** Shows progress lines (OutboundMessage text with `progress`); other senders never get them. */
  readonly showsProgress?: boolean;
  /**
   * True while another instance must deliver this channel's rows (only the holder of a long connection
   * can write to it): the outbox hands them over to the `deliver-linked` job that only the holder works.
   */
  heldElsewhere?(): boolean;
}

/** What a platform directory says about a member; mobile and email only when the app may read them. */
export interface DirectoryEntry {
  name: string | null;
  mobile: string | null;
  email: string | null;
}

/** Directory look-ups a channel may offer (display names for unknown senders, keys to link accounts). */
export interface ChannelDirectory {
  /** Returns the member's display name, or null when the app may not read contacts. */
  getUserName(userId: string): Promise<string | null>;
  /** The member's entry, or null when the member is unknown or the app may not read it. */
  lookUpUser(userId: string): Promise<DirectoryEntry | null>;
  /**
   * The whole directory the app may see (directory sync). Throws when the platform cannot be reached or
   * refuses the listing as a whole; departments it refuses one by one come back as failures.
   */
  listDirectory?(): Promise<DirectoryListing>;
}

export interface DownloadedMedia {
  bytes: Buffer;
  contentType: string;
  fileName: string | null;
}

/** Platform media (voice notes) by id. */
export interface ChannelMedia {
  downloadMedia(mediaId: string): Promise<DownloadedMedia>;
}

/** What a channel may hand over with an inbound event, for the inbox to keep in the same transaction. */
export interface InboundExtras {
  /** A reply URL that came with the message (DingTalk's sessionWebhook), kept for the answers. */
  replyHandle?: { scope: string; url: string; expiresAt: Date } | null;
  /**
   * The channel shows cards as numbered text: returns the chosen button key when the text answers the
   * user's last such card, so "2" is stored as that click.
   */
  readChoice?: (text: string, choices: readonly { key: string; text: string; number: number }[]) => string | null;
}

/** The inbox's answer to an accepted event. */
export type AcceptResult = { status: 'accepted'; inboxId: string } | { status: 'duplicate' };
