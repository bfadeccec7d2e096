// A rep's typed answer to one hand-off question (pure): a date by the report date rules, a count ("2台",
// "两"), or the words themselves for text and people — with a label the rep repeated taken off
// ("范围是质检模块" → 质检模块).
import type { FieldRule } from './handoff-rules.js';
import type { ReadDate } from './extract-fields.js';
import { bareCount, labelledValue, MAX_VALUE_CHARS, quantityIn } from './field-values.js';

export type AnswerProblem = 'no_date' | 'vague_date' | 'past_date' | 'no_count' | 'empty' | 'too_long';

export type FieldAnswer = { kind: 'value'; value: string } | { kind: 'retry'; problem: AnswerProblem };

const CANCEL = /^(?:取消|算了|不用了|不用转|不转了|先不转|不转交)[。.!！]*$/u;

/** "取消": the rep does not want the commitment handed on. */
export const isCancelAnswer = (text: string): boolean => CANCEL.test(text.trim());

export function readFieldAnswer(text: string, field: FieldRule, readDate: ReadDate): FieldAnswer {
  const said = text.trim().replace(/[。.!！]+$/u, '');
  if (!said) return { kind: 'retry', problem: 'empty' };
  switch (field.type) {
    case 'date': {
      const a = readDate(said);
      if (a.kind === 'date') return { kind: 'value', value: a.due };
      return { kind: 'retry', problem: a.kind === 'vague' ? 'vague_date' : a.kind === 'past' ? 'past_date' : 'no_date' };
    }
    case 'quantity': {
      const n = quantityIn(said, field) ?? bareCount(said);
      return n ? { kind: 'value', value: n } : { kind: 'retry', problem: 'no_count' };
    }
    case 'text':
    case 'person': {
      const value = labelledValue(said, field) ?? said;
      return value.length > MAX_VALUE_CHARS ? { kind: 'retry', problem: 'too_long' } : { kind: 'value', value };
    }
  }
}
