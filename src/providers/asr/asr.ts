// Speech-to-text port: the app hands over audio and gets text; implementations live beside it.
// `retryable` tells the job runner whether trying the same audio later can succeed.
import { ProviderError } from '../provider-error.js';

export interface AudioInput {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

export interface SpeechToText {
  /** Returns the non-empty transcript, or throws AsrError. */
  transcribe(audio: AudioInput, opts?: { language?: string }): Promise<string>;
  /** Resolves when the endpoint answers at all (any HTTP status); rejects when it cannot be reached. */
  probe?(): Promise<void>;
}

export class AsrError extends ProviderError {
  constructor(message: string, opts: { retryable: boolean; status?: number }) {
    super('asr', message, opts);
    this.name = 'AsrError';
  }
}
