// Chat updates with an LLM configured (a local fake OpenAI-compatible server): the LLM may name a
// customer the rules only half-believed, but a name that is not in the text is refused, and an LLM
// failure leaves the rules to decide alone.
import { chatCompletion } from '../support/openai-payloads.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { say as sayTo } from '../support/wecom-chat.js';

/** What the fake answers to the next chat completion: a status and a JSON body. */
let next: { status: number; body: unknown } = { status: 500, body: {} };
let calls = 0;
let llm: Server;
let t: TestServer;
beforeAll(async () => {
  llm = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls += req.url === '/v1/chat/completions' ? 1 : 0;
      res.writeHead(next.status, { 'content-type': 'application/json' }).end(JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  t = await startTestServer({ env: { LLM_BASE_URL: base, LLM_API_KEY: 'k', LLM_MODEL: 'm', LLM_TIMEOUT_MS: '3000' } });
});
afterAll(async () => {
  await t?.stop();
  await new Promise((resolve) => llm?.close(resolve));
});

const answer = (proposal: object) => chatCompletion(JSON.stringify(proposal));

const say = (user: string, text: string) => sayTo(t, user, text);

describe('chat updates with an LLM', () => {
  it('takes a brand the rules were unsure of when the LLM names it and it is in the text', async () => {
    next = { status: 200, body: answer({ customer: '联想', topics: ['demo'], stage: null }) };
    const before = calls;
    expect(await say('l-rep', '联想北京研发中心行政部要定制')).toContain('联想');
    expect(calls).toBe(before + 1);
    expect((await t.db.query(`select 1 from customers where name = '联想'`)).length).toBe(1);
  });

  it('refuses a name the text does not contain and asks instead', async () => {
    next = { status: 200, body: answer({ customer: '远景能源集团', topics: ['price'], stage: null }) };
    expect(await say('l-rep2', '那边问了价格,说回去商量')).toContain('哪个客户');
    expect((await t.db.query(`select 1 from customers where name = '远景能源集团'`)).length).toBe(0);
  });

  it('falls back to the rules when the LLM fails', async () => {
    next = { status: 500, body: { error: { message: 'overloaded' } } };
    expect(await say('l-rep3', '刚去了澄海机电,客户问了价格')).toContain('澄海机电');
  });
});
