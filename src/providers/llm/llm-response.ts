// What the two OpenAI-compatible LLM clients (battle reports, chat updates) share: one JSON-mode
// completion call, reading the model's JSON answer and classifying SDK failures into LlmError.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type OpenAI from 'openai';
import type { Logger } from '../../shared/logger.js';
import { LlmError } from './report-llm.js';

export type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** A JSON-mode completion at temperature 0; the answer's text, or an LlmError. */
export function jsonCompleter(client: OpenAI, model: string, log: Logger): (messages: Message[]) => Promise<string> {
  return async (messages) => {
    try {
      const res = await client.chat.completions.create({ model, messages, response_format: { type: 'json_object' }, temperature: 0 });
      log.debug({ usage: res.usage, finish: res.choices[0]?.finish_reason }, 'llm completion');
      return res.choices[0]?.message?.content ?? '';
    } catch (e) {
      const err = toLlmError(e);
      log.warn({ upstreamStatus: err.details?.upstreamStatus, retryable: err.retryable }, err.message);
      throw err;
    }
  };
}
import { sanitizeDeep } from '../../shared/sanitize-text.js';

/** A JSON object, tolerating the ```json fences some OpenAI-compatible servers add anyway. */
export function parseObject(text: string): Record<string, unknown> | null {
  const body = text.trim().replace(/^```(?:json)?\s*/i, '').replace(/\s*```$/, '');
  if (!body) return null;
  try {
    const v: unknown = JSON.parse(body);
    // A model can emit "\u0000" or half a surrogate pair; PostgreSQL would refuse the stored report.
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? sanitizeDeep(v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function toLlmError(e: unknown): LlmError {
  if (e instanceof APIConnectionTimeoutError) return new LlmError('llm timed out', { retryable: true });
  if (e instanceof APIConnectionError) return new LlmError('llm unreachable', { retryable: true });
  if (e instanceof APIError && typeof e.status === 'number') {
    // The SDK's own retry set (408/409/429/5xx): a later attempt may succeed.
    const retryable = e.status === 408 || e.status === 409 || e.status === 429 || e.status >= 500;
    return new LlmError(`llm failed: http ${e.status}`, { retryable, status: e.status });
  }
  return new LlmError(`llm failed: ${(e as Error)?.message ?? String(e)}`, { retryable: true });
}
