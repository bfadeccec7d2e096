// Compiles config/commitments.jsonc into the matchers the fulfilment reader runs: object words by kind,
// hand-over verbs, what completes them and what spoils them. A bad entry fails at start-up naming the field.
import { charSet, escapeRe, invalidRules, isObject, section, stringList } from '../reports/cue-list.js';

export interface CommitmentRules {
  readonly breaks: ReadonlySet<string>;
  /** Every object word, longest first, in one global pattern; `kindOf` maps the folded word to its kind. */
  readonly objects: RegExp;
  readonly kindOf: ReadonlyMap<string, string>;
  readonly verbs: RegExp;
  readonly notVerbs: RegExp;
  /** Anchored at the verb's end: the text right after a completed hand-over. */
  readonly completion: RegExp;
  /** Anchored at the end of the text before the verb. */
  readonly already: RegExp;
  readonly modal: RegExp;
  readonly negation: RegExp;
  readonly negationWindow: number;
  readonly plans: RegExp;
  readonly questionEnd: RegExp;
  readonly dropAnswer: RegExp;
}

const alternation = (words: readonly string[]) => [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

export function compileCommitmentRules(raw: unknown): CommitmentRules {
  if (!isObject(raw)) throw invalidRules('commitments config must be an object');
  const objects = section(raw, 'objects');
  const kindOf = new Map<string, string>();
  for (const [kind, words] of Object.entries(objects)) {
    for (const w of stringList(words, `objects.${kind}`)) kindOf.set(w.toLowerCase(), kind);
  }
  if (kindOf.size === 0) throw invalidRules('"objects" must name at least one kind');
  const completion = section(raw, 'completion');
  const lead = typeof completion.recipientLead === 'string' ? escapeRe(completion.recipientLead) : '';
  const leadMax = Number(completion.recipientMaxChars);
  if (!lead || !Number.isInteger(leadMax) || leadMax < 1) throw invalidRules('"completion.recipientLead/recipientMaxChars" are required');
  const directions = alternation(stringList(completion.directions, 'completion.directions'));
  const markers = alternation(stringList(completion.markers, 'completion.markers'));
  const window = Number(raw.negationWindow);
  if (!Number.isInteger(window) || window < 1) throw invalidRules('"negationWindow" must be a positive whole number');
  const words = (field: string) => alternation(stringList(raw[field], field).map((w) => w.toLowerCase()));
  // A 把-phrase ("把方案") may sit between "已经"/"要" and the verb.
  const baPhrase = '(?:把[^把]{1,10})?';
  return Object.freeze({
    breaks: charSet(raw.clauseBreaks, 'clauseBreaks'),
    objects: new RegExp(alternation([...kindOf.keys()]), 'gu'),
    kindOf,
    verbs: new RegExp(words('handOverVerbs'), 'gu'),
    notVerbs: new RegExp(words('notVerbs'), 'gu'),
    completion: new RegExp(`^(?:${lead}.{1,${leadMax}}?)?(?:${directions})?(?:${markers})`, 'u'),
    already: new RegExp(`(?:${words('already')})${baPhrase}$`, 'u'),
    modal: new RegExp(`(?:${words('modals')})${baPhrase}$`, 'u'),
    negation: new RegExp(words('negations'), 'u'),
    negationWindow: window,
    plans: new RegExp(words('plans'), 'u'),
    questionEnd: new RegExp(`(?:${words('questionEnds')})$`, 'u'),
    dropAnswer: new RegExp(`^(?:${words('dropAnswers')})[。.!！]*$`, 'u'),
  });
}
