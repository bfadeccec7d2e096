// The deal amount in yuan (spec "Amounts", "More rules"): spoken money forms, labelled contract/won >
// quote > budget; within a kind the last mentioned wins; an unlabelled amount takes the deal's kind.
// Unit prices, part payments and differences ("定金五万", "便宜了两万"), counts and percentages are not it.
import type { StageId } from '../stages/stage-ids.js';
import { parseChineseNumber, scanNumerals, type Numeral } from './chinese-number.js';
import { charSet, compileCueList, resolveOverlaps, section, type CueList, type Labelled } from './cue-list.js';
import { clauseAt, type Clause } from './text.js';

export type AmountKind = 'contract' | 'quote' | 'budget';
const KINDS: readonly AmountKind[] = ['contract', 'quote', 'budget'];
const RANK: Readonly<Record<AmountKind, number>> = { contract: 3, quote: 2, budget: 1 };

export interface AmountRules {
  readonly kinds: readonly { kind: AmountKind; list: CueList }[];
  readonly notDealBefore: CueList;
  readonly notDealWindow: number;
  readonly unitPriceBefore: CueList;
  readonly unitPriceAfter: CueList;
  readonly countClassifiers: ReadonlySet<string>;
  readonly wishBefore: CueList;
  readonly rivalClause: CueList;
}

export interface AmountMention {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  /** null: no label in the clause; it takes the deal's kind. */
  readonly kind: AmountKind | null;
}

export function compileAmountRules(raw: unknown): AmountRules {
  const r = section(raw, 'amounts');
  const kinds = section(r, 'kinds', 'amounts.kinds');
  const window = r.notDealWindow;
  return {
    kinds: KINDS.map((kind) => ({ kind, list: compileCueList(kinds[kind], `amounts.kinds.${kind}`) })),
    notDealBefore: compileCueList(r.notDealBefore, 'amounts.notDealBefore'),
    notDealWindow: typeof window === 'number' && window >= 0 ? window : 3,
    unitPriceBefore: compileCueList(r.unitPriceBefore, 'amounts.unitPriceBefore'),
    unitPriceAfter: compileCueList(r.unitPriceAfter, 'amounts.unitPriceAfter'),
    countClassifiers: charSet(r.countClassifiers, 'amounts.countClassifiers'),
    wishBefore: compileCueList(r.wishBefore, 'amounts.wishBefore'),
    rivalClause: compileCueList(r.rivalClause, 'amounts.rivalClause'),
  };
}

const MONEY_AFTER = /^(?:元|块钱|块|rmb|w(?![a-z]))/;
const PER_PERIOD = new Set(Array.from('年月天周季期次批'));

interface Money {
  readonly value: number;
  /** End of the amount including its unit word ("万元", "块钱"). */
  readonly end: number;
  readonly unitPrice: boolean;
}

/** The money value of a numeral run, or null when it is a count, a percentage or a bare number. */
export function moneyOf(n: Numeral, text: string, rules: AmountRules): Money | null {
  const after = text.slice(n.end);
  const unit = MONEY_AFTER.exec(after)?.[0];
  const wan = /[万亿]/.test(n.raw);
  if (unit === undefined && !wan) return null;
  if (unit === 'w') return { value: n.value * 1e4, end: n.end + 1, unitPrice: false };
  if (unit !== undefined) return { value: n.value, end: n.end + unit.length, unitPrice: false };
  const trailingOne = /[万亿][一二两三四五六七八九\d]$/.test(n.raw);
  // "三万一台": the digit after 万 belongs to "一台", which makes the amount a unit price; "十二万一年"
  // is twelve 万 a year.
  if (trailingOne && PER_PERIOD.has(after[0] ?? '')) return { value: parseChineseNumber(n.raw.slice(0, -1)) ?? n.value, end: n.end - 1, unitPrice: false };
  if (rules.countClassifiers.has(after[0] ?? '')) return trailingOne ? { value: n.value, end: n.end - 1, unitPrice: true } : null;
  return { value: n.value, end: n.end, unitPrice: false };
}

/** Deal-amount candidates of the note in text order. `rivals` are competitor names found in it. */
export function findAmounts(folded: string, clauses: readonly Clause[], rules: AmountRules, rivals: readonly string[] = []): AmountMention[] {
  const out: AmountMention[] = [];
  for (const n of scanNumerals(folded)) {
    const money = moneyOf(n, folded, rules);
    const clause = clauseAt(clauses, n.start);
    if (!money || money.unitPrice || !clause || folded[n.start - 1] === '第') continue;
    if (rules.rivalClause.test(clause.text) || rivals.some((r) => clause.text.includes(r))) continue;
    if (isUnitPrice(folded, clause, n.start, money.end, rules) || isNotDeal(folded, clause, n.start, rules)) continue;
    if (rules.wishBefore.test(folded.slice(clause.start, n.start))) continue;
    out.push({ start: n.start, end: money.end, value: money.value, kind: kindOf(folded, clause, n.start, money.end, rules) });
  }
  return out;
}

/** "单价是三万", "每台要五千", "三万一台": a per-unit label right before (at most 2 characters between) or after. */
function isUnitPrice(text: string, clause: Clause, start: number, end: number, rules: AmountRules): boolean {
  if (rules.unitPriceAfter.test(text.slice(end, clause.end))) return true;
  const before = text.slice(Math.max(clause.start, start - UNIT_LABEL_REACH), start);
  return rules.unitPriceBefore.find(before).some((m) => before.length - m.end <= 2);
}

/** Longest unit-price label ("每平米") plus the two characters allowed between it and the amount. */
const UNIT_LABEL_REACH = 5;
/** Longest not-deal word ("保证金", "违约金") and more, before the configured window. */
const NOT_DEAL_REACH = 6;

function isNotDeal(text: string, clause: Clause, start: number, rules: AmountRules): boolean {
  const from = Math.max(clause.start, start - NOT_DEAL_REACH - rules.notDealWindow);
  const before = text.slice(from, start);
  return rules.notDealBefore.find(before).some((m) => before.length - m.end <= rules.notDealWindow);
}

/** The nearest label before the amount in its clause, else the nearest after it. */
function kindOf(text: string, clause: Clause, start: number, end: number, rules: AmountRules): AmountKind | null {
  const labels: Labelled<AmountKind>[] = [];
  for (const { kind, list } of rules.kinds) for (const m of list.find(clause.text)) labels.push({ ...m, label: kind });
  let before: Labelled<AmountKind> | null = null;
  let after: Labelled<AmountKind> | null = null;
  for (const m of resolveOverlaps(labels)) {
    if (clause.start + m.end <= start) before = m;
    else if (clause.start + m.start >= end && after === null) after = m;
  }
  return (before ?? after)?.label ?? null;
}

/** The deal's kind for unlabelled amounts: a signed deal's money is the contract amount. */
function kindOfStage(stage: StageId | null): AmountKind {
  if (stage === 'won' || stage === 'contract') return 'contract';
  return stage === 'discovery' ? 'budget' : 'quote';
}

export function pickAmount(mentions: readonly AmountMention[], stage: StageId | null): number | null {
  let best: { value: number; rank: number } | null = null;
  for (const m of mentions) {
    const rank = RANK[m.kind ?? kindOfStage(stage)];
    if (best === null || rank >= best.rank) best = { value: m.value, rank };
  }
  return best?.value ?? null;
}
