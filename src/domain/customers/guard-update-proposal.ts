// Decides what an LLM's proposal for a chat update may change in the offline rules' result.
// The model's output is untrusted input: a customer name must be said in the text and look like a name,
// ids must be on the fixed lists, and whatever the rules found is kept. Pure; no I/O.
import { isStageId, type StageId } from '../stages/stage-ids.js';
import { isTopicId, TOPIC_IDS, type TopicId } from '../topics/topic-ids.js';

/** Structurally the provider's UpdateProposal (domain does not import providers). */
export interface LlmUpdateProposal {
  readonly customer: string | null;
  readonly topics: readonly string[];
  readonly stage: string | null;
}

export interface UpdateRulesResult {
  readonly customer: string | null;
  readonly topics: readonly TopicId[];
  readonly stage: StageId | null;
}

export interface GuardedUpdate {
  customer: string | null;
  topics: TopicId[];
  stage: StageId | null;
  /** rules: the LLM changed nothing; llm: the rules found nothing the output keeps; merged: both contributed. */
  source: 'rules' | 'llm' | 'merged';
}

export interface GuardOptions {
  /** The tenant's customer names: a rules customer among them is never replaced. */
  readonly knownCustomers?: readonly string[];
}

const MIN_NAME = 2;
const MAX_NAME = 30;
/** Words that stand for a customer without naming one; rejected alone or with a 公司/那边-style tail. */
const GENERIC_NAMES = new Set([
  '客户', '客户方', '对方', '甲方', '他们', '她们', '我们', '你们', '咱们', '老板', '老板娘', '领导', '公司',
  '我司', '贵司', '本公司', '该公司', '那家', '这家', '那边', '这边', '采购', '财务', '法务', '技术', '老客户',
  '新客户', '大客户', '意向客户', '终端', '用户', '厂家', '经销商', '代理商', '供应商', '竞品', '友商', '别家',
]);
const GENERIC_TAILS = ['公司', '那边', '这边', '方面', '单位'];
/** Pronouns and pointers that never open an organisation's name ("那家医院", "客户那边的人"). */
const POINTER_STARTS = ['他们', '她们', '我们', '你们', '咱们', '对方', '客户', '甲方', '我司', '贵司', '本公司', '该公司', '那家', '这家', '那边', '这边'];
/** A person, not an organisation: the prompt asks for organisations only. */
const PERSON_TITLES = ['经理', '总监', '主任', '老师', '先生', '女士', '小姐', '科长', '处长', '局长', '院长', '厂长', '店长', '部长', '书记', '老板', '总'];
/** Sentence punctuation (after NFKC, so full-width ，！？ are already ASCII), line breaks and 的: a phrase, not a name. */
const PHRASE_MARK = /[,.!?;:。、…"“”‘’'「」『』《》\n\r的]/u;
const LETTER = /\p{L}/u;

/** NFKC, no whitespace, lower case: the form in which "said verbatim" and "contains" are judged. */
function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** Why an LLM customer name is unusable, or null when it may be used. Exported for tests and logs. */
export function rejectLlmCustomer(text: string, name: string): string | null {
  const key = fold(name);
  const length = Array.from(key).length;
  if (length < MIN_NAME || length > MAX_NAME) return 'length';
  if (!fold(text).includes(key)) return 'not_in_text';
  if (PHRASE_MARK.test(key)) return 'punctuation';
  if (!LETTER.test(key)) return 'no_letters';
  if (GENERIC_NAMES.has(key)) return 'generic';
  const tail = GENERIC_TAILS.find((t) => key.endsWith(t));
  if (tail && GENERIC_NAMES.has(key.slice(0, -tail.length))) return 'generic';
  if (POINTER_STARTS.some((p) => key.startsWith(p))) return 'generic';
  if (PERSON_TITLES.some((t) => key.endsWith(t))) return 'person';
  return null;
}

/**
 * Customer policy, conservative: the rules' customer is kept unless it is not a known customer and the
 * LLM's (valid) name strictly contains it ("北京恒信机械有限公司" over "恒信机械"). With no rules customer, a
 * valid LLM name is used. Topics: the union, in TOPIC_IDS order. Stage: the rules' stage; the LLM's only
 * when the rules found none.
 */
export function guardUpdateProposal(
  text: string,
  proposal: LlmUpdateProposal,
  rules: UpdateRulesResult,
  opts: GuardOptions = {},
): GuardedUpdate {
  const customer = pickCustomer(text, proposal.customer, rules.customer, opts.knownCustomers ?? []);
  const llmTopics = new Set(proposal.topics.filter(isTopicId));
  const topics = TOPIC_IDS.filter((t) => rules.topics.includes(t) || llmTopics.has(t));
  const stage = rules.stage ?? (isStageId(proposal.stage) ? proposal.stage : null);

  const llmAdded =
    (customer !== null && customer !== rules.customer) ||
    topics.some((t) => !rules.topics.includes(t)) ||
    (stage !== null && stage !== rules.stage);
  const rulesKept =
    (rules.customer !== null && customer === rules.customer) || rules.topics.length > 0 || rules.stage !== null;
  const source = !llmAdded ? 'rules' : rulesKept ? 'merged' : 'llm';
  return { customer, topics, stage, source };
}

function pickCustomer(text: string, llmName: string | null, rulesName: string | null, known: readonly string[]): string | null {
  const candidate = typeof llmName === 'string' ? llmName.trim() : '';
  if (!candidate || rejectLlmCustomer(text, candidate) !== null) return rulesName;
  if (rulesName === null) return candidate;
  if (isKnown(rulesName, known)) return rulesName;
  const [llmKey, rulesKey] = [fold(candidate), fold(rulesName)];
  return llmKey.length > rulesKey.length && llmKey.includes(rulesKey) ? candidate : rulesName;
}

function isKnown(name: string, known: readonly string[]): boolean {
  const key = fold(name);
  return known.some((k) => fold(k) === key);
}
