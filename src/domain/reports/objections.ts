// Objections (spec "Objections in detail"): topics of what the CUSTOMER raised, demanded or negotiated,
// clause by clause. Terms we merely state ("账期六十天") and steps we plan are not objections; a clause
// that says a point is fine ("价格不是问题") adds none; naming or comparing with a rival always adds
// competitor.
import { detectTopics } from '../topics/detect-topics.js';
import type { CompiledTopicDictionary } from '../topics/topic-dictionary.js';
import { TOPIC_IDS, isTopicId, type TopicId } from '../topics/topic-ids.js';
import type { Objection } from './battle-report.js';
import { charSet, compileCueList, invalidRules, section, stringList, type CueList } from './cue-list.js';
import type { Rival } from './competitors.js';
import { NAME_MASK, type Note } from './note.js';
import { splitSegments, type Segment } from './segments.js';

export interface ObjectionRules {
  readonly speechVerbs: CueList;
  readonly speakerTitles: readonly string[];
  readonly customerSubjects: CueList;
  readonly repSubjects: CueList;
  readonly concern: CueList;
  readonly negation: CueList;
  readonly negationTopics: ReadonlySet<string>;
  readonly progressTopics: ReadonlySet<string>;
  readonly progressMarkers: CueList;
  readonly objectMarkers: ReadonlySet<string>;
  readonly roleWords: CueList;
  readonly neutralPhrases: CueList;
  readonly extraTopics: readonly { topic: TopicId; list: CueList }[];
  readonly inheritWhen: CueList;
  readonly negotiated: CueList;
  readonly fine: CueList;
  readonly notFine: CueList;
}

export function compileObjectionRules(raw: unknown): ObjectionRules {
  const r = section(raw, 'objections');
  const list = (field: string) => compileCueList(r[field], `objections.${field}`);
  return {
    speechVerbs: list('speechVerbs'),
    speakerTitles: stringList(r.speakerTitles, 'objections.speakerTitles'),
    customerSubjects: list('customerSubjects'),
    repSubjects: list('repSubjects'),
    concern: list('concernMarkers'),
    negation: list('negationMarkers'),
    negationTopics: new Set(stringList(r.negationTopics, 'objections.negationTopics')),
    progressTopics: new Set(stringList(r.progressTopics, 'objections.progressTopics')),
    progressMarkers: list('progressMarkers'),
    objectMarkers: charSet(r.objectMarkers, 'objections.objectMarkers'),
    roleWords: list('roleWords'),
    neutralPhrases: list('neutralPhrases'),
    extraTopics: Object.entries(section(r, 'extraTopics', 'objections.extraTopics')).map(([topic, cues]) => {
      if (!isTopicId(topic)) throw invalidRules(`"objections.extraTopics" has an unknown topic "${topic}"`);
      return { topic, list: compileCueList(cues, `objections.extraTopics.${topic}`) };
    }),
    inheritWhen: list('inheritWhen'),
    negotiated: list('negotiated'),
    fine: list('fine'),
    notFine: list('notFine'),
  };
}

interface Reading {
  readonly segment: Segment;
  /** The part that carries the point: from the speech verb on, without a leading speaker title. */
  readonly content: string;
  readonly topics: TopicId[];
  readonly speaker: 'rep' | 'customer' | null;
  /** The point is reported speech ("说…", "觉得…"), not our narration. */
  readonly said: boolean;
  /** Ends on its speech verb ("老板说了，"): the next clause is what was said, even if it sounds like a plan. */
  readonly opensQuote: boolean;
  /** Negotiates with no topic of its own ("基本谈妥了，八折"): the terms follow in the next clause. */
  readonly negotiatesOn: boolean;
}

export interface ObjectionContext {
  readonly topics: CompiledTopicDictionary;
  readonly rivals: readonly Rival[];
  readonly contrast: CueList;
}

export function findObjections(note: Note, rules: ObjectionRules, ctx: ObjectionContext): Objection[] {
  const out = new Map<TopicId, Objection>();
  const add = (topic: TopicId, quote: string) => {
    if (!out.has(topic)) out.set(topic, { topic, quote });
  };
  let sentence: Reading[] = [];
  for (const segment of splitSegments(note.clauses, ctx.contrast)) {
    if (sentence.length > 0 && sentence[0]!.segment.sentence !== segment.sentence) sentence = [];
    const planned = note.planned[segment.clause] ?? false;
    const reading = read(segment, sentence.at(-1) ?? null, planned, rules, ctx);
    const quote = note.original.slice(segment.start, segment.end);
    if (reading.topics.includes('competitor')) add('competitor', quote);
    for (const topic of objectionTopics(reading, sentence, planned, rules)) add(topic, quote);
    sentence.push(reading);
  }
  const rival = ctx.rivals[0];
  if (rival && !out.has('competitor')) {
    const clause = note.clauses.find((c) => rival.start >= c.start && rival.start < c.end);
    add('competitor', clause ? note.original.slice(clause.start, clause.end) : rival.text);
  }
  return [...out.values()].sort((a, b) => note.original.indexOf(a.quote) - note.original.indexOf(b.quote));
}

function read(segment: Segment, previous: Reading | null, planned: boolean, rules: ObjectionRules, ctx: ObjectionContext): Reading {
  const text = segment.text;
  const verb = rules.speechVerbs.find(text)[0];
  // "□□对交期比较在意": what 对 introduces is the point, said before the verb.
  const to = verb ? text.lastIndexOf('对', verb.start) : -1;
  const pointAt = verb ? (to > 0 ? to : verb.start) : 0;
  const speakerPart = verb ? text.slice(0, pointAt) : text;
  let content = text.slice(pointAt);
  if (!verb) content = withoutLeadingTitle(content, rules);
  for (const m of [...rules.roleWords.find(content), ...rules.neutralPhrases.find(content)]) {
    content = content.replace(m.text, NAME_MASK.repeat(m.text.length));
  }
  const voice = continues(text, verb !== undefined, previous, planned, ctx) ? previous : null;
  const speaker = speakerOf(speakerPart, verb !== undefined, voice, rules);
  // A clause with no subject of its own goes on with what was being said when that had no point yet
  // ("提了不少问题，主要集中在数据安全上"); after a complete point ("客户嫌贵，账期六十天") it is ours again.
  const goesOn = previous !== null && previous.said && (previous.opensQuote || previous.topics.length === 0);
  const said = verb !== undefined || (goesOn && speaker === previous.speaker && !hasSubject(speakerPart, rules));
  const opensQuote = verb !== undefined && text.length - verb.end <= 1;
  const topics = topicsOf(content, rules, ctx);
  const negotiated = rules.negotiated.test(text) || previous?.negotiatesOn === true;
  const negotiatesOn = negotiated && !planned && topics.length === 0;
  return { segment, content, topics, speaker, said, opensQuote, negotiatesOn };
}

/**
 * Whether a clause without a subject goes on in the previous speaker's voice: a speech verb ("客户选了
 * 海康，说海康交货快"; "…死机，要求尽快派人维修"), a contrast ("就是预算要到明年才能批"), or what
 * follows reported speech when it is no plan. A plan with no subject is ours ("…担心稳定性，下周一再去做培训").
 */
function continues(text: string, hasVerb: boolean, previous: Reading | null, planned: boolean, ctx: ObjectionContext): boolean {
  if (previous === null) return false;
  if (previous.opensQuote || ctx.contrast.find(text)[0]?.start === 0) return true;
  return hasVerb || (previous.said && !planned);
}

function topicsOf(content: string, rules: ObjectionRules, ctx: ObjectionContext): TopicId[] {
  const found = new Set<TopicId>(detectTopics(content, ctx.topics));
  for (const { topic, list } of rules.extraTopics) if (list.test(content)) found.add(topic);
  return TOPIC_IDS.filter((t) => found.has(t));
}

const hasSubject = (part: string, rules: ObjectionRules): boolean =>
  part.includes(NAME_MASK) || rules.customerSubjects.test(part) || rules.repSubjects.test(part);

/** "他们的老板想先试试" → "想先试试": a title opening the clause names the speaker, not a topic. */
function withoutLeadingTitle(text: string, rules: ObjectionRules): string {
  const title = (s: string) => rules.speakerTitles.find((t) => s.startsWith(t));
  const first = title(text);
  if (first) return text.slice(first.length);
  const m = rules.customerSubjects.find(text)[0];
  if (!m || m.start !== 0) return text;
  const rest = text.slice(m.end).replace(/^(?:的|那边的?)/, '');
  const second = title(rest);
  return second ? rest.slice(second.length) : text;
}

function speakerOf(part: string, hasVerb: boolean, previous: Reading | null, rules: ObjectionRules): Reading['speaker'] {
  // A subject only where nothing makes it an object ("报给□□", "陪□□的采购", "比我们低").
  const subjectAt = (at: number) => (Array.from(part.slice(0, at)).some((c) => rules.objectMarkers.has(c)) ? Infinity : at);
  const repAt = Math.min(...rules.repSubjects.find(part).map((m) => subjectAt(m.start)));
  const masked = part.indexOf(NAME_MASK);
  const customerAt = Math.min(
    ...rules.customerSubjects.find(part).map((m) => subjectAt(m.start)),
    masked < 0 ? Infinity : subjectAt(masked),
  );
  if (repAt < customerAt) return 'rep';
  if (customerAt < Infinity) return 'customer';
  if (previous?.speaker) return previous.speaker;
  // A subject we did not recognise (an organisation name) before a speech verb is the customer.
  return hasVerb && part.length > 0 ? 'customer' : null;
}

const isFine = (r: Reading, rules: ObjectionRules): boolean => rules.fine.test(r.content) && !rules.notFine.test(r.content);

function objectionTopics(r: Reading, earlier: readonly Reading[], planned: boolean, rules: ObjectionRules): TopicId[] {
  const negotiated = rules.negotiated.test(r.segment.text);
  // The terms after a negotiation with no topic of its own were negotiated too ("基本谈妥了，八折").
  const carried = earlier.at(-1)?.negotiatesOn === true;
  if ((r.speaker === 'rep' && !negotiated && !carried) || isFine(r, rules)) return [];
  if (negotiated && !planned) return r.topics;
  if (carried && !planned) return r.topics.filter((t) => !rules.progressTopics.has(t));
  if (planned && r.speaker !== 'customer') return [];
  const marked = rules.concern.test(r.content);
  const demand = rules.progressMarkers.test(r.content);
  // What the customer says about a topic is raised by the customer, unless it is a plan.
  const said = r.said && r.speaker === 'customer' && !planned;
  if (r.topics.length > 0) {
    if (marked || said) return r.topics.filter((t) => demand || !rules.progressTopics.has(t));
    // "没预算", "不稳定": a bare negation is a concern for some topics only ("合同还没签" is progress).
    return rules.negation.test(r.content) ? r.topics.filter((t) => rules.negationTopics.has(t)) : [];
  }
  // "报价一百万，他们觉得高": the point is the topic of the nearest clause before that has one.
  if (!(marked || said) || r.speaker !== 'customer' || !rules.inheritWhen.test(r.content)) return [];
  const source = [...earlier].reverse().find((e) => e.topics.length > 0);
  if (!source || isFine(source, rules)) return [];
  return source.topics.filter((t) => t !== 'competitor' && !rules.progressTopics.has(t));
}
