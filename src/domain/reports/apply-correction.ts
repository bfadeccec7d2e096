// A rep's correction of a draft report ("金额改成80万", "下周三再去", "阶段是合同签署", "客户是华安医药",
// "账期改成90天"): only the fields the correction speaks about change, read with the extractor's own
// parsers; everything else stays as drafted.
import { recognizeCustomerName } from '../customers/recognize-customer.js';
import type { StageId } from '../stages/stage-ids.js';
import { findAmounts } from './amounts.js';
import type { BattleReport } from './battle-report.js';
import { isoDay } from './calendar.js';
import { findRivals } from './competitors.js';
import { findContact } from './contact.js';
import type { CorrectableField } from './correction-rules.js';
import type { CueMatch } from './cue-list.js';
import { readNote, type Note } from './note.js';
import { findDurations } from './payment-terms.js';
import type { CompiledReportRules } from './report-rules.js';
import { happenedStageCues, stageOf } from './stage-cues.js';
import { foldText, type Clause } from './text.js';

export function applyCorrection(draft: BattleReport, correctionText: string, recordedAt: Date, rules: CompiledReportRules): BattleReport {
  const note = readNote(correctionText, recordedAt, rules);
  let report: BattleReport = { ...draft };
  // "客户名写错了，应该是华安医药": a field named without a value takes the next clause's value.
  let pending: { field: CorrectableField; cue: null } | null = null;
  for (const clause of note.clauses) {
    const named = namedFields(clause, rules);
    const targets = named.length > 0 ? named : pending ? [pending] : [];
    const before = report;
    report = correctClause(report, clause, targets, note, rules);
    pending = named.length > 0 && report === before ? { field: named[0]!.field, cue: null } : null;
  }
  return report;
}

interface Target {
  readonly field: CorrectableField;
  /** Where the field is named in the clause; null when carried over from the clause before. */
  readonly cue: CueMatch | null;
}

function namedFields(clause: Clause, rules: CompiledReportRules): Target[] {
  const out: Target[] = [];
  for (const { field, list } of rules.corrections.fields) {
    const cue = list.find(clause.text)[0];
    if (cue) out.push({ field, cue });
  }
  return out;
}

function correctClause(report: BattleReport, clause: Clause, targets: readonly Target[], note: Note, rules: CompiledReportRules): BattleReport {
  const fields = new Set(targets.map((t) => t.field));
  const c = rules.corrections;
  if (targets.length > 0 && c.clear.test(clause.text)) return cleared(report, fields);
  const next: { -readonly [K in keyof BattleReport]: BattleReport[K] } = { ...report };
  let changed = false;
  const set = <K extends keyof BattleReport>(key: K, value: BattleReport[K]) => {
    next[key] = value;
    changed = true;
  };
  const money = findAmounts(clause.text, [{ ...clause, start: 0, end: clause.text.length }], rules.amounts);
  if (money.length > 0 && (fields.has('amount') || !fields.has('paymentTermsDays'))) set('amount', money.at(-1)!.value);
  if (fields.has('paymentTermsDays')) {
    const days = findDurations(clause.text).at(-1)?.days;
    if (days !== undefined) set('paymentTermsDays', days);
  }
  const stage = stageFrom(clause, fields, note, rules, money.length > 0);
  if (stage) set('stage', stage);
  for (const t of targets) {
    const value = valueOf(clause, t, note, rules);
    if (value === null) continue;
    if (t.field === 'customer') set('customer', recognizeCustomerName(value, [], rules.customers) ?? value);
    if (t.field === 'contact') set('contact', findContact(foldText(value), value, rules.contacts) ?? value);
    // The value is read the way a note naming a rival is ("竞品是X"), so generic words stay out.
    const named = `竞品是${value}`;
    if (t.field === 'competitors') set('competitors', findRivals(foldText(named), named, rules.competitors, []).map((r) => r.text));
  }
  const step = nextStepFrom(clause, fields, note, rules);
  if (step) {
    set('nextActionDue', step.due);
    set('nextAction', step.action ?? report.nextAction ?? note.original.slice(clause.start, clause.end));
  }
  return changed ? next : report;
}

function cleared(report: BattleReport, fields: ReadonlySet<CorrectableField>): BattleReport {
  const next = { ...report };
  if (fields.has('amount')) next.amount = null;
  if (fields.has('paymentTermsDays')) next.paymentTermsDays = null;
  if (fields.has('contact')) next.contact = null;
  if (fields.has('customer')) next.customer = null;
  if (fields.has('competitors')) next.competitors = [];
  if (fields.has('nextAction')) Object.assign(next, { nextAction: null, nextActionDue: null });
  if (fields.has('stage')) next.stage = null;
  return next;
}

/** A stage named ("阶段是合同签署"), or — when the clause speaks of nothing else — a stage cue that happened ("已经签了"). */
function stageFrom(clause: Clause, fields: ReadonlySet<CorrectableField>, note: Note, rules: CompiledReportRules, hasMoney: boolean): StageId | null {
  if (fields.has('stage')) {
    let best: { stage: StageId; length: number } | null = null;
    for (const { stage, list } of rules.corrections.stageNames) {
      for (const m of list.find(clause.text)) if (!best || m.text.length > best.length) best = { stage, length: m.text.length };
    }
    return best?.stage ?? null;
  }
  if (fields.size > 0 || hasMoney) return null;
  const own = { ...note, clauses: [clause], planned: note.planned };
  return stageOf(happenedStageCues(own, rules.stages));
}

/** The new value said after the field name and its intro words ("客户改成 X" → X); null if none. */
function valueOf(clause: Clause, t: Target, note: Note, rules: CompiledReportRules): string | null {
  const from = t.cue ? t.cue.end : 0;
  let at = from;
  for (let again = true; again; ) {
    again = false;
    const m = rules.corrections.valueIntro.find(clause.text.slice(at))[0];
    if (m && m.start === 0) {
      at += m.end;
      again = true;
    }
  }
  const value = note.original.slice(clause.start + at, clause.end).replace(/[吧啊呀了哈的。!！]+$/u, '').trim();
  if (value.length < 2 || rules.corrections.notAValue.test(value)) return null;
  return value;
}

/** A new date for the next step; the clause is the new action unless it only names the date. */
function nextStepFrom(clause: Clause, fields: ReadonlySet<CorrectableField>, note: Note, rules: CompiledReportRules): { due: string | null; action: string | null } | null {
  const dates = note.dates.filter((d) => d.clause === clause && d.status !== 'past');
  const dated = dates.filter((d) => d.day !== null).sort((a, b) => a.day! - b.day!)[0];
  if (!dated && !(dates.length > 0 && (fields.has('nextAction') || note.planned[clause.index]))) return null;
  let rest = clause.text;
  for (const d of dates) rest = rest.replace(d.text, '');
  for (const list of [...rules.corrections.fields.map((f) => f.list), rules.corrections.valueIntro]) {
    for (const m of list.find(rest)) rest = rest.replace(m.text, '');
  }
  const action = rest.replace(/[\s,，。]/g, '').length >= 2 ? withoutIntro(note, clause, rules) : null;
  return { due: dated ? isoDay(dated.day!) : null, action };
}

/** The clause without the correction words it starts with ("改成下个月再去" → "下个月再去"). */
function withoutIntro(note: Note, clause: Clause, rules: CompiledReportRules): string {
  let at = 0;
  for (const list of [...rules.corrections.fields.map((f) => f.list), rules.corrections.valueIntro]) {
    const m = list.find(clause.text.slice(at))[0];
    if (m && m.start === 0) at += m.end;
  }
  return note.original.slice(clause.start + at, clause.end).trim();
}
