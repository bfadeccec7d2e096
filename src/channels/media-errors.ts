// A platform file larger than we accept for its purpose. The download is aborted as soon as the cap is
// passed (nothing past it is buffered); the same file will be just as large on every retry.
import { AppError } from '../shared/errors.js';
import type { ChannelId } from './inbound-event.js';

export class MediaTooLargeError extends AppError {
  /** Same vocabulary as the channel API errors, so callers that only look at this still give up. */
  readonly failureClass = 'permanent' as const;
  readonly limitBytes: number;

  constructor(channel: ChannelId, limitBytes: number) {
    super('media_too_large', `${channel} media file is larger than ${limitBytes} bytes`, { status: 422, expose: false });
    this.name = 'MediaTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/** axios' own error when a response passes `maxContentLength` (it destroys the stream at that point). */
export function isMaxContentLengthError(e: unknown): boolean {
  return /maxContentLength size of \d+ exceeded/.test(String((e as Error | null)?.message ?? ''));
}
