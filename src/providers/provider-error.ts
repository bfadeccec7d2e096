// A failed call to an external model provider (ASR, LLM): retryable or not, never carrying the SDK's
// error object, whose request echo may include the API key header.
import { AppError } from '../shared/errors.js';

export class ProviderError extends AppError {
  readonly retryable: boolean;

  constructor(provider: 'asr' | 'llm', message: string, opts: { retryable: boolean; status?: number }) {
    super(`${provider}_${opts.retryable ? 'unavailable' : 'failed'}`, message, {
      status: 502,
      expose: false,
      details: { upstreamStatus: opts.status, retryable: opts.retryable },
    });
    this.retryable = opts.retryable;
  }
}
