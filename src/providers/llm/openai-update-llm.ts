// UpdateLlm over an OpenAI-compatible /chat/completions in JSON mode, temperature 0.
// One request, no repair round: a chat reply is waiting, and on any failure the rules answer alone.
import { jsonCompleter, parseObject, type Message } from './llm-response.js';
import { createOpenAiClient, type OpenAiEndpointOptions } from '../openai-client.js';
import type { Logger } from '../../shared/logger.js';
import { LlmError } from './report-llm.js';
import { toUpdateProposal, type UpdateLlm, type UpdateLlmInput, type UpdateProposal } from './update-llm.js';

/** The same shape createOpenAiReportLlm takes: `{ ...config.llm, logger }`. */
export interface OpenAiUpdateLlmOptions extends OpenAiEndpointOptions {
  model: string;
  logger: Logger;
}

const MAX_KNOWN_CUSTOMERS = 50;
/** Chat updates are a few sentences; a pasted essay is cut rather than paid for. */
const MAX_TEXT_CHARS = 4000;

export function createOpenAiUpdateLlm(opts: OpenAiUpdateLlmOptions): UpdateLlm {
  const log = opts.logger.child({ provider: 'llm', model: opts.model, purpose: 'update' });
  const client = createOpenAiClient(opts, log);

  const complete = jsonCompleter(client, opts.model, log);

  return {
    async propose(input: UpdateLlmInput): Promise<UpdateProposal> {
      const content = await complete([
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: userPrompt(input) },
      ]);
      const parsed = parseObject(content);
      if (!parsed) {
        log.info({ chars: content.length }, 'llm update output was not a JSON object');
        throw new LlmError('llm returned invalid JSON', { retryable: false });
      }
      return toUpdateProposal(parsed);
    },
  };
}

// The ids are spelled out here rather than imported (providers import only shared/); the integration
// test checks them against domain/topics/topic-ids.ts and domain/stages/stage-ids.ts.
const SYSTEM_PROMPT = `你是销售助手。读销售代表发来的一条跟进消息，只输出一个 JSON 对象。
You read ONE chat update from a sales rep and output ONE JSON object, JSON only.

{"customer": string|null, "topics": string[], "stage": string|null}

- customer: 客户单位名，必须与原文逐字一致（如 "北京恒信机械有限公司"、"华安医药"）；可参考已有客户名单。
  The organisation exactly as written in the message. 他们/对方/客户/老板/人名/职位 are not customers. None → null.
- topics: 消息谈到的话题 id，只能从下列中选 (only these ids):
  price 价格报价, discount 折扣, payment_terms 账期/付款/回款/发票, sample 样品/试用/POC, contract 合同/条款/招标,
  competitor 竞品, delivery 交期/发货/实施周期, decision_maker 决策人/老板拍板/审批, budget 预算,
  after_sales 售后/培训, demo 演示/方案, quality 质量/性能/稳定性/对接, compliance 资质/认证/等保.
- stage: one of discovery, demo, negotiation, contract, won, lost, or null.
  初次/了解需求 → discovery; 演示/讲方案/试用 → demo; 报价/谈价格/折扣/账期 → negotiation;
  走合同/法务审 → contract; 签了/中标/回款到账 → won; 丢了/选了别家 → lost.
  只算已经发生的事，计划不算（"下周约了演示" 不是 demo）。Only facts that happened, never plans. No cue → null.
- Never invent anything that is not in the message.`;

function userPrompt(input: UpdateLlmInput): string {
  const text = input.text.slice(0, MAX_TEXT_CHARS);
  // Names said in the message first, so a long customer list never crowds out the one that matters.
  const names = input.knownCustomers.map((c) => c.trim()).filter(Boolean);
  const said = names.filter((c) => text.includes(c));
  const known = [...new Set([...said, ...names])].slice(0, MAX_KNOWN_CUSTOMERS);
  return [`已有客户 known customers: ${known.length ? known.join('、') : '(none)'}`, '', '消息 message:', text].join('\n');
}
