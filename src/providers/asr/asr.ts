// Speech-to-text port: the app hands over audio and gets text; implementations live beside it.
// `retryable` tells the job runner whether trying the same audio later can succeed.
import { AppError } from '../../shared/errors.js';

export interface AudioInput {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

export interface SpeechToText {
  /** Returns the non-empty transcript, or throws AsrError. */
  transcribe(audio: AudioInput, opts?: { language?: string }): Promise<string>;
}

export class AsrError extends AppError {
  readonly retryable: boolean;

  constructor(message: string, opts: { retryable: boolean; status?: number }) {
    // Never carries the provider's error object: its request echo may include the API key header.
    super(opts.retryable ? 'asr_unavailable' : 'asr_failed', message, {
      status: 502,
      expose: false,
      details: { upstreamStatus: opts.status, retryable: opts.retryable },
    });
    this.name = 'AsrError';
    this.retryable = opts.retryable;
  }
}
