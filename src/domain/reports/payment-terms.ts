// Payment terms in days (spec "Battle report schema", "More rules"): a duration said in payment-terms
// talk — 六十天, 两个月 (60), 半年 (180), 两个月内付清 (60); the last one mentioned wins. Percentages
// (预付30%) and a bare 月结 carry no number of days, so they give null.
import { parseChineseNumber } from './chinese-number.js';
import { compileCueList, section, type CueList } from './cue-list.js';
import type { Clause } from './text.js';

export interface PaymentTermsRules {
  readonly cues: CueList;
  readonly blockers: CueList;
}

export function compilePaymentTermsRules(raw: unknown): PaymentTermsRules {
  const r = section(raw, 'paymentTerms');
  return { cues: compileCueList(r.cues, 'paymentTerms.cues'), blockers: compileCueList(r.blockers, 'paymentTerms.blockers') };
}

const DURATION = /半年|半个月|(?<n>[0-9]+|[一二两三四五六七八九十百]+)(?<u>个工作日|个半月|天|个月|个星期|个礼拜|周|星期|年)/gu;
const DAYS_PER: Readonly<Record<string, number>> = { 个工作日: 1, 天: 1, 个月: 30, 个星期: 7, 个礼拜: 7, 周: 7, 星期: 7, 年: 365 };

export interface Duration {
  readonly start: number;
  readonly end: number;
  readonly days: number;
}

/** Durations of a text, in days. */
export function findDurations(text: string): Duration[] {
  const out: Duration[] = [];
  for (const m of text.matchAll(DURATION)) {
    let days: number | null;
    if (m[0] === '半年') days = 180;
    else if (m[0] === '半个月') days = 15;
    else {
      const n = parseChineseNumber(m.groups!.n!);
      const unit = m.groups!.u!;
      days = n === null ? null : unit === '个半月' ? n * 30 + 15 : n * DAYS_PER[unit]!;
    }
    if (days !== null && days > 0 && Number.isInteger(days)) out.push({ start: m.index, end: m.index + m[0].length, days });
  }
  return out;
}

/**
 * The last duration said in payment-terms talk: in a clause with a payment cue, or in a later clause
 * of the same sentence ("谈账期，对方要一百二十天，我们只给六十天") until another subject comes up.
 */
export function findPaymentTermsDays(clauses: readonly Clause[], rules: PaymentTermsRules): number | null {
  let result: number | null = null;
  let active = false;
  let sentence = -1;
  for (const clause of clauses) {
    if (clause.sentence !== sentence) {
      sentence = clause.sentence;
      active = false;
    }
    const cue = rules.cues.test(clause.text);
    if (!cue && (rules.blockers.test(clause.text) || !active)) {
      active = false;
      continue;
    }
    active = true;
    for (const d of findDurations(clause.text)) {
      // Carried-over clauses: "三天后" / "两周内" there are dates, not terms.
      if (!cue && /^(?:以?后|之后|内|以内|之内|前)/.test(clause.text.slice(d.end))) continue;
      result = d.days;
    }
  }
  return result;
}
