// The fields of a hand-off the confirmed report already gives (pure): a labelled value anywhere in the
// note ("范围是质检模块", "联系人王工 138…"), else what the sentences about the commitment say — a start
// date by the report date rules, a count with its unit, a model number — and for a person the report's
// contact. What is not found is asked from the rep (`missing`, in the kind's order).
import type { DateAnswer } from '../commitments/due-text.js';
import type { FieldRule, HandoffRules, KindRule } from './handoff-rules.js';
import { clausesOf, hasAny, labelledValue, patternValue, quantityIn, sentencesOf } from './field-values.js';
import { mentionsKind } from './recognize-kind.js';

export interface HandoffSource {
  /** The whole note (transcript) of the report. */
  text: string;
  /** The commitment's text: the report's next action ("下周一开始POC试用"). */
  commitment: string;
  /** Its due date, YYYY-MM-DD. */
  due: string;
  /** The report's contact (王工), if any. */
  contact: string | null;
}

/** Resolves the dates of a text by the report date rules, relative to when the note was recorded. */
export type ReadDate = (text: string) => DateAnswer;

export type FieldValues = Record<string, string>;

export interface ExtractedFields {
  values: FieldValues;
  /** Required fields with no value, in the order the rep is asked. */
  missing: string[];
}

export function extractFields(src: HandoffSource, kind: KindRule, rules: HandoffRules, readDate: ReadDate): ExtractedFields {
  // The sentences about the commitment: the ones naming the kind, and the commitment itself.
  const about = [...sentencesOf(src.text).filter((s) => mentionsKind(s, kind)), src.commitment];
  const values: FieldValues = {};
  for (const id of kind.fields) {
    const value = fieldValue(rules.fields.get(id)!, src, about, readDate);
    if (value) values[id] = value;
  }
  return { values, missing: kind.fields.filter((id) => !(id in values)) };
}

function fieldValue(field: FieldRule, src: HandoffSource, about: readonly string[], readDate: ReadDate): string | null {
  const labelled = labelledValue(src.text, field);
  switch (field.type) {
    case 'text':
      return labelled ?? firstOf(about, (s) => patternValue(s, field));
    case 'person':
      return labelled ?? (field.fromReportContact ? src.contact : null);
    case 'quantity':
      return (labelled ? quantityIn(labelled, field) : null) ?? firstOf(about, (s) => quantityIn(s, field));
    case 'date':
      return (labelled ? dateOf(labelled, readDate) : null) ?? startDate(field, src, about, readDate);
  }
}

/** "下周一开始POC": the commitment is the start, so its own date (else its due date) is the start date. */
function startDate(field: FieldRule, src: HandoffSource, about: readonly string[], readDate: ReadDate): string | null {
  if (hasAny(src.commitment, field.startCues)) return dateOf(src.commitment, readDate) ?? src.due;
  const starts = about.flatMap(clausesOf).filter((c) => hasAny(c, field.startCues));
  return firstOf(starts, (c) => dateOf(c, readDate));
}

const dateOf = (text: string, readDate: ReadDate): string | null => {
  const a = readDate(text);
  return a.kind === 'date' ? a.due : null;
};

function firstOf(texts: readonly string[], read: (t: string) => string | null): string | null {
  for (const t of texts) {
    const v = read(t);
    if (v) return v;
  }
  return null;
}
