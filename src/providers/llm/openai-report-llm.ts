// ReportLlm over an OpenAI-compatible /chat/completions in JSON mode, temperature 0.
// Output is validated field by field; unparsable JSON gets exactly one repair round-trip.
import { jsonCompleter, parseObject, type Message } from './llm-response.js';
import { createOpenAiClient, type OpenAiEndpointOptions } from '../openai-client.js';
import type { BattleReport } from '../../domain/reports/battle-report.js';
import { STAGE_IDS } from '../../domain/stages/stage-ids.js';
import { TOPIC_IDS } from '../../domain/topics/topic-ids.js';
import type { Logger } from '../../shared/logger.js';
import { LlmError, toPartialReport, type ReportLlm, type ReportLlmContext } from './report-llm.js';

export interface OpenAiReportLlmOptions extends OpenAiEndpointOptions {
  model: string;
  logger: Logger;
}

export function createOpenAiReportLlm(opts: OpenAiReportLlmOptions): ReportLlm {
  const log = opts.logger.child({ provider: 'llm', model: opts.model });
  const client = createOpenAiClient(opts, log);

  const complete = jsonCompleter(client, opts.model, log);

  return {
    async extract(transcript: string, context: ReportLlmContext): Promise<Partial<BattleReport>> {
      const messages: Message[] = [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: userPrompt(transcript, context) },
      ];
      const first = await complete(messages);
      const parsed = parseObject(first);
      if (parsed) return toPartialReport(parsed);
      // One repair round: models in JSON mode still occasionally truncate or add prose.
      log.info({ chars: first.length }, 'llm output was not a JSON object; asking once for a repair');
      const second = await complete([
        ...messages,
        { role: 'assistant', content: first.slice(0, 8000) },
        { role: 'user', content: REPAIR_PROMPT },
      ]);
      const repaired = parseObject(second);
      if (repaired) return toPartialReport(repaired);
      throw new LlmError('llm returned invalid JSON twice', { retryable: false });
    },
  };
}

// The product spec's schema and rules, condensed (product.md "Battle report schema").
const SYSTEM_PROMPT = `你是销售战报助手。把销售代表语音笔记的转写文字整理成一个 JSON 对象，只输出 JSON。
You turn a sales rep's voice-note transcript into ONE JSON object. Output JSON only.

Schema (every key present; use null, [] or "" when the note does not say it):
{
  "customer": string|null,          // 客户单位名，按原话；没有单位名时才用人名
  "contact": string|null,           // 客户方联系人，如 "王经理"、"张总"
  "stage": ${STAGE_IDS.map((s) => `"${s}"`).join('|')}|null,
  "progress": string,               // 一句话中文总结这次发生了什么
  "objections": [{"topic": topic id, "quote": string}],  // quote 必须逐字摘自转写原文
  "competitors": string[],          // 明确说出名字的竞品（"别家"、"友商"不算）
  "amount": number|null,            // 金额，单位：元（30万 → 300000，1.2亿 → 120000000）
  "paymentTermsDays": number|null,  // 账期天数（两个月 → 60，半年 → 180）
  "nextAction": string|null,        // 我方下一步要做什么
  "nextActionDue": "YYYY-MM-DD"|null,
  "vaguePhrases": string[]          // 原文中出现的模糊说法
}

Topic ids: ${TOPIC_IDS.join(', ')}.
(price 价格报价, discount 折扣, payment_terms 账期/付款/回款/发票, sample 样品/试用/POC, contract 合同/条款/招标,
competitor 竞品, delivery 交期/发货/实施周期, decision_maker 决策人/老板拍板/审批, budget 预算, after_sales 售后/培训,
demo 演示/方案, quality 质量/性能/稳定性/对接, compliance 资质/认证/等保)

Rules:
- stage: the stage after what the note describes. 初次/了解需求 → discovery; 演示/讲方案/试用/POC → demo;
  报价/谈价格/折扣/账期 → negotiation; 走合同/法务审 → contract; 签了/中标/回款到账 → won; 丢了/选了别家 → lost.
  The most advanced cue that already happened wins; plans (下周约了讲方案) do not move the stage. No cue → null.
- amount: contract/won amount > quote > budget; within one kind the last value wins. Percentages, counts and unit prices are not amounts.
- paymentTermsDays only when a number of days/months is given; 预付30% or a bare 月结 → null.
- objections: concerns or demands the CUSTOMER raised (嫌贵, 要九十天账期, 要先试用, 要老板拍板).
  Terms the rep merely states, topics the rep plans to discuss, and "价格不是问题" are not objections.
- nextActionDue: resolve against the recording date (Asia/Shanghai): 明天 +1, 周五 = this week's Friday
  (next week's if past), 下周三 = Wednesday of next week, 月底 = last day of this month.
  Vague spans (下个月, 月初, 过两天, 下周内, 大概两周) → null.
- vaguePhrases: any literal 有意向, 再沟通, 持续跟进, 再看看, 考虑一下, 等通知, 问题不大, 应该能成, 保持联系, 进一步沟通.
- Never invent facts that are not in the transcript.`;

const REPAIR_PROMPT =
  '上一条回复不是合法的 JSON 对象。请只输出一个符合上述 schema 的 JSON 对象，不要任何其他文字。\n' +
  'Your previous reply was not a valid JSON object. Reply with the JSON object only.';

const MAX_KNOWN_CUSTOMERS = 100;
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const WEEKDAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', weekday: 'long' });

function userPrompt(transcript: string, ctx: ReportLlmContext): string {
  // Names said in the note first, so a long customer list never crowds out the one that matters.
  const said = ctx.knownCustomers.filter((c) => c && transcript.includes(c));
  const known = [...new Set([...said, ...ctx.knownCustomers])].slice(0, MAX_KNOWN_CUSTOMERS);
  return [
    `录音日期 recorded on: ${DAY.format(ctx.recordedAt)} (${WEEKDAY.format(ctx.recordedAt)}), Asia/Shanghai`,
    `已有客户 known customers: ${known.length ? known.join('、') : '(none)'}`,
    '',
    '转写 transcript:',
    transcript,
  ].join('\n');
}
