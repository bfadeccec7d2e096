// The OpenAI-compatible ASR provider against nock (which intercepts the SDK's global fetch):
// the multipart request it sends, and how each failure is classified for the job runner.
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AsrError } from '../../src/providers/asr/asr.js';
import { createOpenAiAsr } from '../../src/providers/asr/openai-asr.js';
import { amrToWav } from '../../src/providers/audio/amr-to-wav.js';
import { silentLogger } from '../../src/shared/logger.js';

const BASE = 'https://api.openai.com/v1';
const KEY = 'sk-test-not-a-real-key';
const TEXT = '客户嫌贵，要九十天账期。';

let wav: Buffer;
const audio = () => ({ bytes: wav, fileName: 'note.wav', contentType: 'audio/wav' });
const asr = (timeoutMs = 5_000) =>
  createOpenAiAsr({ baseUrl: BASE, apiKey: KEY, model: 'whisper-1', timeoutMs, maxRetries: 0, logger: silentLogger() });
const transcriptions = () => nock('https://api.openai.com').post('/v1/audio/transcriptions');

/** What OpenAI answers for whisper-1 with response_format=json (usage added in 2025). */
const ok = (text: string) => ({ text, usage: { type: 'duration', seconds: 4 } });
const openAiError = (message: string, type: string, code: string | null) => ({ error: { message, type, param: null, code } });

async function asrError(p: Promise<unknown>): Promise<AsrError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AsrError);
  expect((e as Error).message).not.toContain(KEY);
  return e as AsrError;
}

beforeAll(async () => {
  nock.disableNetConnect();
  wav = (await amrToWav(readFileSync(new URL('../fixtures/audio/note-short.amr', import.meta.url)))).wav;
});
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('createOpenAiAsr', () => {
  it('posts the WAV as multipart with model, language zh and response_format json', async () => {
    let seen: { body: string; headers: Headers } | null = null;
    // nock 15 calls a reply function with the fetch Request; a 2-parameter function is taken as callback-style.
    const scope = transcriptions().reply(async (req: Request) => {
      seen = { body: await req.text(), headers: req.headers };
      return [200, ok(TEXT), { 'Content-Type': 'application/json', 'x-request-id': 'req_123' }];
    });
    expect(await asr().transcribe(audio())).toBe(TEXT);
    expect(scope.isDone()).toBe(true);
    const { body, headers } = seen!;
    expect(headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(headers.get('authorization')).toBe(`Bearer ${KEY}`);
    expect(body).toMatch(/name="model"\r\n\r\nwhisper-1\r\n/);
    expect(body).toMatch(/name="language"\r\n\r\nzh\r\n/);
    expect(body).toMatch(/name="response_format"\r\n\r\njson\r\n/);
    expect(body).toMatch(/name="file"; filename="note.wav"\r\nContent-Type: audio\/wav\r\n\r\nRIFF/);
  });

  it('trims the transcript and passes another language through', async () => {
    let body = '';
    transcriptions().reply(async (req: Request) => {
      body = await req.text();
      return [200, ok(`  ${TEXT}\n`)];
    });
    expect(await asr().transcribe(audio(), { language: 'yue' })).toBe(TEXT);
    expect(body).toMatch(/name="language"\r\n\r\nyue\r\n/);
  });

  it('an empty transcript (silence) → not retryable', async () => {
    transcriptions().reply(200, ok(''));
    const e = await asrError(asr().transcribe(audio()));
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/no text/);
  });

  it('HTTP 500 → retryable', async () => {
    transcriptions().reply(500, openAiError('The server had an error while processing your request.', 'server_error', null));
    const e = await asrError(asr().transcribe(audio()));
    expect(e).toMatchObject({ retryable: true, code: 'asr_unavailable', details: { upstreamStatus: 500 } });
  });

  it('HTTP 429 → retryable', async () => {
    transcriptions().reply(429, openAiError('Rate limit reached for whisper-1', 'requests', 'rate_limit_exceeded'));
    expect((await asrError(asr().transcribe(audio()))).retryable).toBe(true);
  });

  it('a timeout → retryable', async () => {
    // Headers must be late: nock's .delay() only holds the body back, and the SDK's timeout covers
    // the wait for headers (openai client.js fetchWithTimeout).
    transcriptions().reply(async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      return [200, ok(TEXT)];
    });
    const e = await asrError(asr(100).transcribe(audio()));
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/timed out/);
  });

  it('HTTP 401 (bad key) → not retryable', async () => {
    transcriptions().reply(401, openAiError('Incorrect API key provided: sk-test-*****-key.', 'invalid_request_error', 'invalid_api_key'));
    const e = await asrError(asr().transcribe(audio()));
    expect(e).toMatchObject({ retryable: false, code: 'asr_failed', details: { upstreamStatus: 401 } });
  });

  it('HTTP 400 (unsupported file) → not retryable', async () => {
    transcriptions().reply(400, openAiError('Invalid file format.', 'invalid_request_error', null));
    expect((await asrError(asr().transcribe(audio()))).retryable).toBe(false);
  });
});
