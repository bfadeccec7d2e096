// The customer-side person a note names (王经理, 张总, 李工, 采购刘姐, 老周): surname + title, or 老/小 +
// surname, with the role said right in front kept. People on our side ("我们王经理") are skipped.
import { charSet, escapeRe, section, stringList } from './cue-list.js';

export interface ContactRules {
  readonly re: RegExp;
  /** The same pattern without the global flag, for a stateless test. */
  readonly any: RegExp;
  readonly blocked: readonly string[];
  readonly wordsEndingInSurname: readonly string[];
  readonly titleContinuations: readonly string[];
  readonly ourSide: readonly string[];
}

export function compileContactRules(raw: unknown): ContactRules {
  const r = section(raw, 'contacts');
  const surnames = [...charSet(r.surnames, 'contacts.surnames')].join('');
  const alt = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const titles = alt(stringList(r.titles, 'contacts.titles'));
  const roles = alt(stringList(r.roles, 'contacts.roles'));
  const source = `(?<role>${roles})?(?<person>[${surnames}](?:${titles})|[老小][${surnames}])`;
  return {
    re: new RegExp(source, 'gu'),
    any: new RegExp(source, 'u'),
    blocked: stringList(r.blocked, 'contacts.blocked'),
    wordsEndingInSurname: stringList(r.wordsEndingInSurname, 'contacts.wordsEndingInSurname'),
    titleContinuations: stringList(r.titleContinuations, 'contacts.titleContinuations'),
    ourSide: stringList(r.ourSide, 'contacts.ourSide'),
  };
}

const NUMERAL_BEFORE = /[0-9零一二两三四五六七八九十百千万亿]$/;

/** The first customer-side person; `notPeople` are names already read as something else (a rival "徐工"). */
export function findContact(folded: string, original: string, rules: ContactRules, notPeople: readonly string[] = []): string | null {
  for (const m of folded.matchAll(rules.re)) {
    const person = m.groups!.person!;
    const at = m.index + m[0].length - person.length;
    const before = folded.slice(Math.max(0, m.index - 4), m.index);
    if (rules.blocked.some((b) => folded.startsWith(b, at)) || notPeople.includes(person)) continue;
    if (rules.wordsEndingInSurname.some((w) => folded.startsWith(w, at + 1 - w.length))) continue;
    const end = m.index + m[0].length;
    if (rules.titleContinuations.includes(folded.slice(end - 1, end + 1))) continue;
    // "三百万总价" is not 万总; "我们王经理" is ours.
    if (NUMERAL_BEFORE.test(folded.slice(0, at)) || rules.ourSide.some((w) => before.endsWith(w))) continue;
    return original.slice(m.index, m.index + m[0].length);
  }
  return null;
}
