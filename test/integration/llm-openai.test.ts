// The OpenAI-compatible report LLM against nock: the JSON-mode request, field-by-field validation,
// the single repair round-trip, and error classification.
import { chatCompletion } from '../support/openai-payloads.js';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAiReportLlm } from '../../src/providers/llm/openai-report-llm.js';
import { LlmError, toPartialReport } from '../../src/providers/llm/report-llm.js';
import { silentLogger } from '../../src/shared/logger.js';

const BASE = 'https://api.openai.com/v1';
const KEY = 'sk-test-not-a-real-key';
const TRANSCRIPT = '今天拜访了华东机电的王经理，他们嫌报价偏高，想要九十天账期，竞品海康那边给了八五折。合同金额大概三十万，周五前我把新报价发过去。';
const context = { recordedAt: new Date('2025-03-03T10:00:00+08:00'), knownCustomers: ['华东机电', '苏州精工'] };

const llm = (timeoutMs = 5_000) =>
  createOpenAiReportLlm({ baseUrl: BASE, apiKey: KEY, model: 'gpt-4o-mini', timeoutMs, maxRetries: 0, logger: silentLogger() });
const completions = () => nock('https://api.openai.com').post('/v1/chat/completions');

const completion = chatCompletion;

const REPORT = {
  customer: '华东机电',
  contact: '王经理',
  stage: 'negotiation',
  progress: '拜访华东机电王经理，客户嫌报价偏高并要求九十天账期，竞品海康给了八五折。',
  objections: [
    { topic: 'price', quote: '嫌报价偏高' },
    { topic: 'payment_terms', quote: '想要九十天账期' },
  ],
  competitors: ['海康'],
  amount: 300000,
  paymentTermsDays: 90,
  nextAction: '发送新报价',
  nextActionDue: '2025-03-07',
  vaguePhrases: [],
};

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

describe('createOpenAiReportLlm', () => {
  it('asks in JSON mode at temperature 0 and returns the validated report', async () => {
    let sent: ChatBody | null = null;
    completions().reply(async (req: Request) => {
      sent = (await req.json()) as ChatBody;
      return [200, completion(JSON.stringify(REPORT)), { 'x-request-id': 'req_abc' }];
    });
    expect(await llm().extract(TRANSCRIPT, context)).toEqual(REPORT);
    const body = sent!;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, response_format: { type: 'json_object' } });
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    const [system, user] = body.messages.map((m) => m.content);
    for (const word of ['negotiation', 'payment_terms', 'compliance', 'nextActionDue', 'YYYY-MM-DD', '元']) expect(system).toContain(word);
    expect(user).toContain('2025-03-03 (星期一)');
    expect(user).toContain('华东机电、苏州精工');
    expect(user).toContain(TRANSCRIPT);
  });

  it('drops wrongly typed fields one by one and keeps the rest', async () => {
    const messy = {
      ...REPORT,
      stage: 'closing', amount: '30万', paymentTermsDays: 90.5, nextActionDue: '2025-02-30',
      objections: [{ topic: 'price', quote: '嫌报价偏高' }, { topic: 'too_expensive', quote: 'x' }, 'price'],
      competitors: ['海康', 3, ''], customer: 42, extra: 'ignored',
    };
    completions().reply(200, completion(JSON.stringify(messy)));
    const out = await llm().extract(TRANSCRIPT, context);
    expect(out).toEqual({
      contact: '王经理', progress: REPORT.progress, objections: [{ topic: 'price', quote: '嫌报价偏高' }],
      competitors: ['海康'], nextAction: '发送新报价', vaguePhrases: [],
    });
  });

  it('accepts a fenced JSON answer without a repair round', async () => {
    const scope = completions().once().reply(200, completion('```json\n' + JSON.stringify(REPORT) + '\n```'));
    expect(await llm().extract(TRANSCRIPT, context)).toEqual(REPORT);
    expect(scope.isDone()).toBe(true);
  });

  it('invalid JSON → one repair request carrying the bad output → repaired report', async () => {
    const bad = '好的，以下是战报：{"customer": "华东机电", "stage": "negotiation",';
    const bodies: ChatBody[] = [];
    completions().times(2).reply(async (req: Request) => {
      bodies.push((await req.json()) as ChatBody);
      return [200, bodies.length === 1 ? completion(bad, 'length') : completion(JSON.stringify(REPORT))];
    });
    expect(await llm().extract(TRANSCRIPT, context)).toEqual(REPORT);
    expect(bodies).toHaveLength(2);
    const repair = bodies[1]!.messages;
    expect(repair.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair[2]!.content).toBe(bad);
    expect(repair[3]!.content).toMatch(/JSON/);
  });

  it('invalid twice → LlmError (not retryable), exactly two requests', async () => {
    let calls = 0;
    completions().times(3).reply(() => {
      calls++;
      return [200, completion(calls === 1 ? 'not json at all' : '[1, 2, 3]')];
    });
    const e = await llm().extract(TRANSCRIPT, context).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LlmError);
    expect(e).toMatchObject({ retryable: false, message: expect.stringMatching(/invalid JSON twice/) });
    expect(calls).toBe(2);
  });

  it('an empty (null) content counts as invalid and is repaired', async () => {
    let calls = 0;
    completions().times(2).reply(() => [200, completion(calls++ === 0 ? null : JSON.stringify(REPORT))]);
    expect(await llm().extract(TRANSCRIPT, context)).toEqual(REPORT);
  });

  it('HTTP 503 → retryable LlmError', async () => {
    completions().reply(503, { error: { message: 'The engine is currently overloaded, please try again later', type: 'server_error', param: null, code: null } });
    const e = await llm().extract(TRANSCRIPT, context).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LlmError);
    expect(e).toMatchObject({ retryable: true, details: { upstreamStatus: 503 } });
  });

  it('HTTP 401 → not retryable, and the key stays out of the message', async () => {
    completions().reply(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
    const e = await llm().extract(TRANSCRIPT, context).catch((err: unknown) => err);
    expect(e).toMatchObject({ retryable: false, details: { upstreamStatus: 401 } });
    expect((e as Error).message).not.toContain(KEY);
  });

  it('a timeout → retryable LlmError', async () => {
    // Late headers: nock's .delay() only holds the body, which the SDK's timeout does not cover.
    completions().reply(async () => {
      await new Promise((r) => setTimeout(r, 1_000));
      return [200, completion(JSON.stringify(REPORT))];
    });
    const e = await llm(100).extract(TRANSCRIPT, context).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LlmError);
    expect(e).toMatchObject({ retryable: true, message: 'llm timed out' });
  });
});

describe('toPartialReport', () => {
  it('keeps explicit nulls, turns "" names into null and dedupes lists', () => {
    expect(toPartialReport({ customer: '', contact: null, stage: null, amount: null, nextActionDue: null, competitors: ['海康', '海康'] }))
      .toEqual({ customer: null, contact: null, stage: null, amount: null, nextActionDue: null, competitors: ['海康'] });
  });

  it('rejects negative amounts, out-of-range terms and non-arrays', () => {
    expect(toPartialReport({ amount: -5, paymentTermsDays: 99999, objections: 'price', vaguePhrases: '再沟通' })).toEqual({});
  });
});
