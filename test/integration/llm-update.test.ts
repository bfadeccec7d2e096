// The OpenAI-compatible chat-update LLM against nock: the JSON-mode request and prompt, shape-level
// cleaning of the answer, and every failure surfacing as a ProviderError (the caller falls back to rules).
import { chatCompletion } from '../support/openai-payloads.js';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_IDS } from '../../src/domain/stages/stage-ids.js';
import { TOPIC_IDS } from '../../src/domain/topics/topic-ids.js';
import { createOpenAiUpdateLlm } from '../../src/providers/llm/openai-update-llm.js';
import { LlmError } from '../../src/providers/llm/report-llm.js';
import { toUpdateProposal } from '../../src/providers/llm/update-llm.js';
import { ProviderError } from '../../src/providers/provider-error.js';
import { silentLogger } from '../../src/shared/logger.js';

const BASE = 'https://api.openai.com/v1';
const KEY = 'sk-test-not-a-real-key';
const TEXT = '刚从北京恒信机械有限公司出来，对方嫌报价高，想要九十天账期，已经把折扣谈到九折了';
const input = { text: TEXT, knownCustomers: ['华东机电', '苏州精工'] };

const llm = (timeoutMs = 5_000) =>
  createOpenAiUpdateLlm({ baseUrl: BASE, apiKey: KEY, model: 'gpt-4o-mini', timeoutMs, maxRetries: 0, logger: silentLogger() });
const completions = () => nock('https://api.openai.com').post('/v1/chat/completions');

const completion = chatCompletion;

const PROPOSAL = { customer: '北京恒信机械有限公司', topics: ['price', 'payment_terms', 'discount'], stage: 'negotiation' };

interface ChatBody {
  model: string;
  temperature: number;
  response_format: { type: string };
  messages: { role: string; content: string }[];
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => {
    throw new Error('expected a rejection');
  }, (err: unknown) => err);
}

describe('createOpenAiUpdateLlm', () => {
  it('asks in JSON mode at temperature 0 with every topic and stage id, and returns the proposal', async () => {
    let sent: ChatBody | null = null;
    completions().reply(async (req: Request) => {
      sent = (await req.json()) as ChatBody;
      return [200, completion(JSON.stringify(PROPOSAL)), { 'x-request-id': 'req_upd' }];
    });
    expect(await llm().propose(input)).toEqual(PROPOSAL);
    const body = sent!;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, response_format: { type: 'json_object' } });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const [system, user] = body.messages.map((m) => m.content);
    // The provider spells the ids out (it may not import domain); they must match the domain's lists.
    for (const id of [...TOPIC_IDS, ...STAGE_IDS]) expect(system).toContain(id);
    expect(system).toMatch(/never plans/i);
    expect(user).toContain('华东机电、苏州精工');
    expect(user).toContain(TEXT);
  });

  it('sends at most 50 known customers, the ones said in the message first', async () => {
    let user = '';
    completions().reply(async (req: Request) => {
      user = ((await req.json()) as ChatBody).messages[1]!.content;
      return [200, completion(JSON.stringify(PROPOSAL))];
    });
    const many = Array.from({ length: 80 }, (_, i) => `客户${String(i).padStart(2, '0')}号`);
    await llm().propose({ text: '今天去了苏州精工', knownCustomers: [...many, '苏州精工'] });
    const listed = /known customers: (.*)/.exec(user)![1]!.split('、');
    expect(listed).toHaveLength(50);
    expect(listed[0]).toBe('苏州精工');
  });

  it('drops wrongly shaped fields instead of failing', async () => {
    const messy = { customer: 42, topics: ['price', 7, '', ' demo ', 'price', null], stage: ['won'], extra: 'ignored' };
    completions().reply(200, completion(JSON.stringify(messy)));
    expect(await llm().propose(input)).toEqual({ customer: null, topics: ['price', 'demo'], stage: null });
  });

  it('accepts a fenced JSON answer', async () => {
    completions().reply(200, completion('```json\n' + JSON.stringify(PROPOSAL) + '\n```'));
    expect(await llm().propose(input)).toEqual(PROPOSAL);
  });

  it.each([
    ['prose', '好的：客户是北京恒信机械有限公司'],
    ['truncated JSON', '{"customer": "北京恒信机械有限公司", "topics": ['],
    ['a JSON array', '["price"]'],
    ['empty content', null],
  ])('%s → non-retryable ProviderError after one request', async (_label, content) => {
    const scope = completions().once().reply(200, completion(content));
    const e = await failure(llm().propose(input));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toBeInstanceOf(LlmError);
    expect(e).toMatchObject({ retryable: false, message: 'llm returned invalid JSON' });
    expect(scope.isDone()).toBe(true);
  });

  it('HTTP 500 → retryable ProviderError', async () => {
    completions().reply(500, { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
    const e = await failure(llm().propose(input));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ retryable: true, code: 'llm_unavailable', details: { upstreamStatus: 500 } });
  });

  it('HTTP 401 → non-retryable, and the key stays out of the message', async () => {
    completions().reply(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    const e = await failure(llm().propose(input));
    expect(e).toMatchObject({ retryable: false, code: 'llm_failed', details: { upstreamStatus: 401 } });
    expect((e as Error).message).not.toContain(KEY);
  });

  it('a timeout → retryable ProviderError', async () => {
    // Late headers: nock's .delay() only holds the body, which the SDK's timeout does not cover.
    completions().reply(async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      return [200, completion(JSON.stringify(PROPOSAL))];
    });
    const e = await failure(llm(100).propose(input));
    expect(e).toBeInstanceOf(ProviderError);
    expect(e).toMatchObject({ retryable: true, message: 'llm timed out' });
  });
});

describe('toUpdateProposal', () => {
  it('turns blanks into null, trims and dedupes topics, and treats a non-list as no topics', () => {
    expect(toUpdateProposal({ customer: '  ', topics: 'price', stage: '' })).toEqual({ customer: null, topics: [], stage: null });
    expect(toUpdateProposal({ customer: ' 恒信 ', topics: ['a', 'a ', 'b'], stage: ' won ' }))
      .toEqual({ customer: '恒信', topics: ['a', 'b'], stage: 'won' });
    expect(toUpdateProposal({})).toEqual({ customer: null, topics: [], stage: null });
  });
});
