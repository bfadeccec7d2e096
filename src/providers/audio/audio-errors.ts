// Why a voice note cannot be turned into audio for the ASR. Both are permanent: the same bytes fail
// the same way on every retry, so the job tells the rep instead of retrying (`retryable: false`).
import { AppError } from '../../shared/errors.js';

/** Bytes that are not decodable audio. */
export class AudioDecodeError extends AppError {
  readonly retryable = false;

  constructor(message: string) {
    super('audio_decode_error', message, { status: 422, expose: false });
    this.name = 'AudioDecodeError';
  }
}

/** Audio longer than we transcribe, found from its header or frame count before any decoding. */
export class AudioTooLongError extends AppError {
  readonly retryable = false;
  readonly seconds: number;
  readonly maxSeconds: number;

  constructor(seconds: number, maxSeconds: number) {
    super('audio_too_long', `audio is longer than ${maxSeconds} s (${seconds > maxSeconds * 10 ? `over ${maxSeconds * 10}` : seconds.toFixed(1)} s)`, {
      status: 422,
      expose: false,
    });
    this.name = 'AudioTooLongError';
    this.seconds = seconds;
    this.maxSeconds = maxSeconds;
  }
}
