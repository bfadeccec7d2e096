// The listed vague phrases of the spec ("有意向", "再沟通" …): every literal occurrence is flagged and
// reported in its listed form, in the order they first appear.
import { compileCueList, invalidRules, isObject, section, stringList, type CueList } from './cue-list.js';

export interface VaguePhraseRules {
  readonly list: CueList;
  /** Spoken form → listed form. */
  readonly listedForm: ReadonlyMap<string, string>;
}

export function compileVaguePhraseRules(raw: unknown): VaguePhraseRules {
  const r = section(raw, 'vaguePhrases');
  const listed = stringList(r.listed, 'vaguePhrases.listed');
  const listedForm = new Map(listed.map((p) => [p, p]));
  if (r.variants !== undefined && !isObject(r.variants)) throw invalidRules('"vaguePhrases.variants" must be an object');
  for (const [variant, form] of Object.entries(r.variants ?? {})) {
    if (typeof form !== 'string' || !listed.includes(form)) throw invalidRules(`vague phrase variant "${variant}" must map to a listed phrase`);
    listedForm.set(variant, form);
  }
  return { list: compileCueList([...listedForm.keys()], 'vaguePhrases'), listedForm };
}

export function findVaguePhrases(folded: string, rules: VaguePhraseRules): string[] {
  const out: string[] = [];
  for (const m of rules.list.find(folded)) {
    const form = rules.listedForm.get(m.text);
    if (form && !out.includes(form)) out.push(form);
  }
  return out;
}
