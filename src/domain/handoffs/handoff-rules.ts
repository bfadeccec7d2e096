// Compiles config/handoffs.jsonc: the roles that keep handed-on commitments, the commitment kinds with
// their cue words, handler role and required fields, and how each field is read and asked. Pure; a bad
// entry throws an error naming the field.
import { AppError } from '../../shared/errors.js';

export type FieldType = 'text' | 'person' | 'date' | 'quantity';

export interface FieldRule {
  readonly id: string;
  readonly label: string;
  readonly type: FieldType;
  /** Words that introduce the value ("范围是…", "联系人…"), longest first. */
  readonly labels: readonly string[];
  readonly question: string;
  /** A person field takes the report's contact when the text names nobody after a label. */
  readonly fromReportContact: boolean;
  /** date: words that say something starts ("开始", "启动"). */
  readonly startCues: readonly string[];
  /** quantity: the measure words a count may carry ("台", "套"). */
  readonly units: readonly string[];
  /** A value found by shape in the sentences about the commitment ("X200"). */
  readonly pattern: RegExp | null;
}

export interface KindRule {
  readonly id: string;
  readonly label: string;
  /** Lower-cased cue words. */
  readonly cues: readonly string[];
  readonly role: string;
  readonly fields: readonly string[];
}

export interface HandoffRules {
  /** Role id → label ("implementation" → 实施负责人). */
  readonly roles: ReadonlyMap<string, string>;
  /** In config order (the tie-break when two cues start at the same place). */
  readonly kinds: readonly KindRule[];
  readonly fields: ReadonlyMap<string, FieldRule>;
}

/** The card shows the fields with the due date and who handed it on: WeCom takes six lines. */
export const MAX_FIELDS_PER_KIND = 4;
const TYPES: readonly FieldType[] = ['text', 'person', 'date', 'quantity'];
const ID = /^[a-z][A-Za-z0-9_]{0,31}$/;

const invalid = (message: string) => new AppError('handoff_rules_invalid', message);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function words(v: unknown, field: string, opts: { optional?: boolean } = {}): string[] {
  if (v === undefined && opts.optional) return [];
  if (!Array.isArray(v) || !v.every((w) => typeof w === 'string' && w.trim().length > 0)) throw invalid(`"${field}" must be a list of words`);
  return [...new Set((v as string[]).map((w) => w.trim()))].sort((a, b) => b.length - a.length);
}

function text(v: unknown, field: string, max = 64): string {
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > max) throw invalid(`"${field}" must be a text of 1–${max} characters`);
  return v.trim();
}

function objectAt(raw: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = raw[key];
  if (!isObject(v) || Object.keys(v).length === 0) throw invalid(`"${key}" must be an object with at least one entry`);
  for (const id of Object.keys(v)) if (!ID.test(id)) throw invalid(`"${key}.${id}": ids start with a lower-case letter, then letters, digits and _`);
  return v;
}

function compileField(id: string, raw: unknown): FieldRule {
  const at = `fields.${id}`;
  if (!isObject(raw)) throw invalid(`"${at}" must be an object`);
  const type = TYPES.find((t) => t === raw.type);
  if (!type) throw invalid(`"${at}.type" must be one of ${TYPES.join(', ')}`);
  let pattern: RegExp | null = null;
  if (raw.pattern !== undefined) {
    try {
      pattern = new RegExp(text(raw.pattern, `${at}.pattern`, 200), 'u');
    } catch (e) {
      throw invalid(`"${at}.pattern" is not a valid pattern: ${(e as Error).message}`);
    }
  }
  const units = words(raw.units, `${at}.units`, { optional: type !== 'quantity' });
  return {
    id,
    label: text(raw.label, `${at}.label`, 5),
    type,
    labels: words(raw.labels, `${at}.labels`, { optional: true }).map((w) => w.toLowerCase()),
    question: text(raw.question, `${at}.question`, 200),
    fromReportContact: raw.fromReportContact === true,
    startCues: words(raw.startCues, `${at}.startCues`, { optional: type !== 'date' }),
    units,
    pattern,
  };
}

export function compileHandoffRules(raw: unknown): HandoffRules {
  if (!isObject(raw)) throw invalid('the hand-off config must be an object');
  const roles = new Map(Object.entries(objectAt(raw, 'roles')).map(([id, label]) => [id, text(label, `roles.${id}`, 16)]));
  const fields = new Map(Object.entries(objectAt(raw, 'fields')).map(([id, f]) => [id, compileField(id, f)]));
  const kinds = Object.entries(objectAt(raw, 'kinds')).map(([id, k]): KindRule => {
    const at = `kinds.${id}`;
    if (!isObject(k)) throw invalid(`"${at}" must be an object`);
    const role = text(k.role, `${at}.role`);
    if (!roles.has(role)) throw invalid(`"${at}.role" names no role in "roles": ${role}`);
    const wanted = words(k.fields, `${at}.fields`);
    const unknown = wanted.filter((f) => !fields.has(f));
    if (unknown.length) throw invalid(`"${at}.fields" names fields not in "fields": ${unknown.join(', ')}`);
    if (wanted.length > MAX_FIELDS_PER_KIND) throw invalid(`"${at}.fields" may name at most ${MAX_FIELDS_PER_KIND} fields`);
    // Config order, not the length order `words` sorts into: the rep is asked in the order written.
    const ordered = (k.fields as string[]).map((f) => f.trim()).filter((f, i, all) => all.indexOf(f) === i);
    return { id, label: text(k.label, `${at}.label`, 16), cues: words(k.cues, `${at}.cues`).map((w) => w.toLowerCase()), role, fields: ordered };
  });
  const clash = kinds.find((k) => roles.has(k.id) && k.role !== k.id);
  if (clash) throw invalid(`kind "${clash.id}" has the id of another role: the handler API could not tell them apart`);
  return Object.freeze({ roles, kinds, fields });
}

/** A role id, or a kind id standing for its role (`{"poc": "u1"}` sets the POC kind's role). */
export function roleOf(rules: HandoffRules, key: string): string | null {
  if (rules.roles.has(key)) return key;
  return rules.kinds.find((k) => k.id === key)?.role ?? null;
}
