// SpeechToText over an OpenAI-compatible POST {baseUrl}/audio/transcriptions (Whisper-style).
// Bounded retries are the SDK's own (408/409/429/5xx and timeouts); we only classify what is left.
import { APIConnectionError, APIConnectionTimeoutError, APIError, toFile } from 'openai';
import { createOpenAiClient, type OpenAiEndpointOptions } from '../openai-client.js';
import type { Logger } from '../../shared/logger.js';
import { sanitizeText } from '../../shared/sanitize-text.js';
import { AsrError, type AudioInput, type SpeechToText } from './asr.js';

export interface OpenAiAsrOptions extends OpenAiEndpointOptions {
  model: string;
  logger: Logger;
}

export function createOpenAiAsr(opts: OpenAiAsrOptions): SpeechToText {
  const log = opts.logger.child({ provider: 'asr', model: opts.model });
  const client = createOpenAiClient(opts, log);

  return {
    async probe(): Promise<void> {
      try {
        await client.models.list();
      } catch (err) {
        // Local whisper servers often have no /models: an HTTP answer of any kind means it is there.
        if (err instanceof APIError && typeof err.status === 'number') return;
        throw err;
      }
    },
    async transcribe(audio: AudioInput, o: { language?: string } = {}): Promise<string> {
      const started = performance.now();
      let text: string;
      try {
        const file = await toFile(audio.bytes, audio.fileName, { type: audio.contentType });
        const res = await client.audio.transcriptions.create({
          file,
          model: opts.model,
          language: o.language ?? 'zh',
          response_format: 'json',
        });
        // Transcripts are stored as text: no NUL, no half surrogate pair (shared/sanitize-text.ts).
        text = typeof res?.text === 'string' ? sanitizeText(res.text).trim() : '';
      } catch (e) {
        const err = toAsrError(e);
        log.warn({ upstreamStatus: err.details?.upstreamStatus, retryable: err.retryable, ms: elapsed(started) }, err.message);
        throw err;
      }
      // Silence or noise comes back as "" with HTTP 200; the same audio will not do better later.
      if (!text) {
        log.warn({ bytes: audio.bytes.length, ms: elapsed(started) }, 'asr returned no text');
        throw new AsrError('speech recognition returned no text', { retryable: false });
      }
      log.debug({ bytes: audio.bytes.length, chars: text.length, ms: elapsed(started) }, 'asr ok');
      return text;
    },
  };
}

function toAsrError(e: unknown): AsrError {
  if (e instanceof AsrError) return e;
  // Timeout and connection errors are subclasses of APIConnectionError (no status).
  if (e instanceof APIConnectionError) {
    return new AsrError(e instanceof APIConnectionTimeoutError ? 'speech recognition timed out' : 'speech recognition unreachable', { retryable: true });
  }
  if (e instanceof APIError && typeof e.status === 'number') {
    return new AsrError(`speech recognition failed: http ${e.status}`, { retryable: isRetryableStatus(e.status), status: e.status });
  }
  // Anything else (a malformed answer, an SDK surprise) may be transient; let the job retry it.
  return new AsrError(`speech recognition failed: ${(e as Error)?.message ?? String(e)}`, { retryable: true });
}

/** The SDK's own retry set (client.js shouldRetry): a later attempt may succeed. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
