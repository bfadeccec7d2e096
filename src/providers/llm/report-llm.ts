// Battle-report LLM port, its error, and the strict validator every implementation's JSON passes
// through: a model's output is untrusted input, so each field is type-checked and dropped if wrong.
import type { BattleReport, Objection } from '../../domain/reports/battle-report.js';
import { isStageId } from '../../domain/stages/stage-ids.js';
import { isTopicId } from '../../domain/topics/topic-ids.js';
import { ProviderError } from '../provider-error.js';

export interface ReportLlmContext {
  recordedAt: Date;
  knownCustomers: string[];
}

export interface ReportLlm {
  /** Fields the model filled in with the right type; missing keys mean "no usable answer". */
  extract(transcript: string, context: ReportLlmContext): Promise<Partial<BattleReport>>;
}

export class LlmError extends ProviderError {
  constructor(message: string, opts: { retryable: boolean; status?: number }) {
    super('llm', message, opts);
    this.name = 'LlmError';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_PAYMENT_DAYS = 3650;

/** Keeps only well-typed fields of a parsed JSON object; unknown keys are ignored. */
export function toPartialReport(json: Record<string, unknown>): Partial<BattleReport> {
  const out: Partial<BattleReport> = {};
  const customer = nullableText(json.customer);
  if (customer !== undefined) out.customer = customer;
  const contact = nullableText(json.contact);
  if (contact !== undefined) out.contact = contact;
  if (json.stage === null || isStageId(json.stage)) out.stage = json.stage;
  if (typeof json.progress === 'string') out.progress = json.progress.trim();
  const objections = objectionList(json.objections);
  if (objections) out.objections = objections;
  const competitors = textList(json.competitors);
  if (competitors) out.competitors = competitors;
  if (json.amount === null || (isFiniteNumber(json.amount) && json.amount >= 0)) out.amount = json.amount;
  const days = json.paymentTermsDays;
  if (days === null || (Number.isInteger(days) && (days as number) >= 0 && (days as number) <= MAX_PAYMENT_DAYS)) {
    out.paymentTermsDays = days as number | null;
  }
  const nextAction = nullableText(json.nextAction);
  if (nextAction !== undefined) out.nextAction = nextAction;
  if (json.nextActionDue === null || isCalendarDate(json.nextActionDue)) out.nextActionDue = json.nextActionDue;
  const vague = textList(json.vaguePhrases);
  if (vague) out.vaguePhrases = vague;
  return out;
}

/** undefined = wrong type (drop the field); "" counts as null. */
function nullableText(v: unknown): string | null | undefined {
  if (v === null) return null;
  if (typeof v !== 'string') return undefined;
  return v.trim() || null;
}

function textList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const items = v.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);
  return [...new Set(items)];
}

function objectionList(v: unknown): Objection[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Objection[] = [];
  for (const item of v) {
    if (typeof item !== 'object' || item === null) continue;
    const { topic, quote } = item as { topic?: unknown; quote?: unknown };
    if (isTopicId(topic) && typeof quote === 'string' && quote.trim()) out.push({ topic, quote: quote.trim() });
  }
  return out;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** YYYY-MM-DD that exists on the calendar (rejects 2025-02-30). */
function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}
