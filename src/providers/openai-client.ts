// One place that builds the OpenAI SDK client for any OpenAI-compatible endpoint (ASR and LLM alike).
import OpenAI from 'openai';
import type { Logger } from '../shared/logger.js';

export interface OpenAiEndpointOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  /** SDK retries per call (default 2); tests use 0. */
  maxRetries?: number;
}

export function createOpenAiClient(opts: OpenAiEndpointOptions, log: Logger): OpenAI {
  return new OpenAI({
    baseURL: opts.baseUrl,
    apiKey: opts.apiKey,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries ?? 2,
    // Explicit nulls: otherwise the SDK reads OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
    organization: null,
    project: null,
    logger: log,
    logLevel: 'warn',
  });
}
