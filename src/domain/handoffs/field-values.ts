// Reading one field's value out of a piece of text: the words after a label ("范围是质检模块"), a count
// with its unit ("两台" → 2台), a value of a given shape ("X200"). Pure helpers for extract-fields.ts and
// read-answer.ts.
import { parseChineseNumber } from '../reports/chinese-number.js';
import { foldText } from '../reports/text.js';
import type { FieldRule } from './handoff-rules.js';

/** Where a labelled value ends: a clause break. "、" stays inside ("质检、报表模块"). */
const VALUE_END = /[,，。;；!！?？\n]/u;
const SENTENCE_BREAK = /[。;；!！?？\n]+/u;
const CLAUSE_BREAK = /[,，。;；!！?？\n]+/u;
/** Glue between a label and its value: "范围是…", "联系人:…", "联系人为…". */
const LEAD = /^[\s是为:：,，]+/u;
/** "范围还没定", "联系人待定": the label is there, the value is not. */
const NO_VALUE = /^(?:还没|没有|没|未|待定|待|不确定|不知道|暂无)/u;
export const MAX_VALUE_CHARS = 80;

export const sentencesOf = (text: string): string[] => text.split(SENTENCE_BREAK).map((s) => s.trim()).filter(Boolean);
export const clausesOf = (text: string): string[] => text.split(CLAUSE_BREAK).map((s) => s.trim()).filter(Boolean);

/** The words after the first of the field's labels that carries a value, or null. */
export function labelledValue(text: string, field: FieldRule): string | null {
  if (field.labels.length === 0) return null;
  const folded = foldText(text);
  const hits: { at: number; end: number }[] = [];
  for (const label of field.labels) {
    for (let at = folded.indexOf(label); at >= 0; at = folded.indexOf(label, at + 1)) hits.push({ at, end: at + label.length });
  }
  // Leftmost first; at one place the longest label ("测试范围" before "范围").
  hits.sort((a, b) => a.at - b.at || b.end - a.end);
  for (const h of hits) {
    const rest = text.slice(h.end).replace(LEAD, '');
    const value = rest.split(VALUE_END)[0]!.trim();
    if (value && !NO_VALUE.test(value) && value.length <= MAX_VALUE_CHARS) return value;
  }
  return null;
}

const NUMERAL = '[0-9]+|[一二两三四五六七八九十百千]+';
/** A count is not a duration: "一个月", "两个星期", "三个工作日". */
const NOT_AFTER_UNIT = '(?!月|星期|礼拜|小时|钟|工作日|季度|人天|点|号)';

/** The first count with one of the field's units ("两台样机" → "2台"), or null. */
export function quantityIn(text: string, field: FieldRule): string | null {
  if (field.units.length === 0) return null;
  const units = field.units.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(`(?<![0-9一二两三四五六七八九十百千第])(${NUMERAL})(${units})${NOT_AFTER_UNIT}`, 'u');
  const m = re.exec(foldText(text));
  if (!m) return null;
  const n = parseChineseNumber(m[1]!);
  return n === null || n <= 0 ? null : `${n}${m[2]}`;
}

/** A bare count ("2", "两"), for an answer to "要几台?". */
export function bareCount(text: string): string | null {
  const t = foldText(text).trim().replace(/[。.!！]+$/u, '');
  if (!new RegExp(`^(?:${NUMERAL})$`, 'u').test(t)) return null;
  const n = parseChineseNumber(t);
  return n === null || n <= 0 ? null : String(n);
}

/** The first value of the field's shape ("X200"), or null. */
export function patternValue(text: string, field: FieldRule): string | null {
  return field.pattern?.exec(text)?.[0] ?? null;
}

/** Whether the text has one of the words (lower-cased, folded). */
export function hasAny(text: string, words: readonly string[]): boolean {
  const folded = foldText(text);
  return words.some((w) => folded.includes(w.toLowerCase()));
}
