// Merges the offline rules' report with an LLM's (pure). The rules are tested and deterministic,
// so they own every number, date and stage they found; the LLM only adds wording and evidence.
import { isStageId } from '../stages/stage-ids.js';
import { isTopicId } from '../topics/topic-ids.js';
import type { BattleReport, Objection } from './battle-report.js';

/** Words that mean "a competitor" without naming one (product spec: 别家 is not a name). */
const GENERIC_COMPETITOR = new Set(['别家', '友商', '竞品', '竞争对手', '对手', '其他家', '另一家', '同行', '别的厂家']);

/**
 * - amount, paymentTermsDays, nextActionDue: always the rules' (even null). A wrong number or date
 *   costs more than a missing one, and an LLM value the rules did not find cannot be checked.
 * - stage, customer, contact: the rules' when non-null, else the LLM's if valid and, for names,
 *   said in the transcript.
 * - progress, nextAction: the LLM's when non-empty (better wording), else the rules'.
 * - objections: the rules' plus LLM topics the rules missed, only with a quote found in the transcript.
 * - competitors: the rules' plus LLM names found in the transcript. vaguePhrases: the rules' only.
 */
export function mergeReports(transcript: string, rules: BattleReport, llm: Partial<BattleReport>): BattleReport {
  const said = saidIn(transcript);
  return {
    customer: rules.customer ?? nameIfSaid(llm.customer, said),
    contact: rules.contact ?? nameIfSaid(llm.contact, said),
    stage: rules.stage ?? (isStageId(llm.stage) ? llm.stage : null),
    progress: nonEmpty(llm.progress) ?? rules.progress,
    objections: mergeObjections(rules.objections, llm.objections, said),
    competitors: mergeCompetitors(rules.competitors, llm.competitors, said),
    amount: rules.amount,
    paymentTermsDays: rules.paymentTermsDays,
    nextAction: nonEmpty(llm.nextAction) ?? rules.nextAction,
    nextActionDue: rules.nextActionDue,
    vaguePhrases: rules.vaguePhrases,
  };
}

function mergeObjections(rules: Objection[], llm: Objection[] | undefined, said: (s: string) => boolean): Objection[] {
  const out = [...rules];
  const topics = new Set(rules.map((o) => o.topic));
  for (const o of llm ?? []) {
    if (!isTopicId(o.topic) || topics.has(o.topic) || typeof o.quote !== 'string' || !said(o.quote)) continue;
    out.push({ topic: o.topic, quote: o.quote.trim() });
    topics.add(o.topic);
  }
  return out;
}

function mergeCompetitors(rules: string[], llm: string[] | undefined, said: (s: string) => boolean): string[] {
  const out = [...rules];
  for (const name of llm ?? []) {
    const n = typeof name === 'string' ? name.trim() : '';
    if (n && !GENERIC_COMPETITOR.has(n) && !out.includes(n) && said(n)) out.push(n);
  }
  return out;
}

function nameIfSaid(v: string | null | undefined, said: (s: string) => boolean): string | null {
  const n = nonEmpty(v);
  return n && said(n) ? n : null;
}

function nonEmpty(v: string | null | undefined): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

// ASR punctuation and spacing vary, and models re-punctuate quotes: compare without them.
const IGNORED = /[\s\p{P}\p{S}]/gu;

function saidIn(transcript: string): (s: string) => boolean {
  const hay = transcript.replace(IGNORED, '').toLowerCase();
  return (s) => {
    const needle = s.replace(IGNORED, '').toLowerCase();
    return needle.length > 0 && hay.includes(needle);
  };
}
