// 案例 价格: the team's best answers to an objection, asked any time (the same cases 同事怎么应对 brings
// after a report). The words after 案例 name the objection by topic (价格, 账期, 竞品 …) or by words (a
// competitor's name, 嫌贵); a word that is an industry of the team's customers (医疗) puts that industry first.
// 案例 alone explains itself.
import type { TopicId } from '../../domain/topics/topic-ids.js';
import { isTopicId } from '../../domain/topics/topic-ids.js';
import type { Command } from '../commands/command.js';
import { topicLabels } from '../messages.js';
import { toUser } from '../outbound/reply.js';
import { ratedCases, teamPeopleOf } from '../../store/repos/knowledge-repo.js';
import { rankCases } from '../../domain/knowledge/match-cases.js';
import { answerOf, MAX_CASES, subjectOf } from './objection-answers.js';
import { knowledgeTexts } from './knowledge-texts.js';

/** The words after 案例, split on spaces and punctuation. */
export function caseWords(text: string): string[] {
  const rest = text.normalize('NFKC').trim().replace(/^[/@]?案例/, '');
  return rest.split(/[\s,，、;；。.!！?？]+/u).filter(Boolean);
}

/** Topics the words name: their cue words (config/topics.jsonc) or a topic's label (账期/付款 → 账期). */
export function topicsOf(words: readonly string[], detect: (text: string) => string[]): TopicId[] {
  const topics = new Set<TopicId>();
  for (const w of words) {
    for (const t of detect(w)) if (isTopicId(t)) topics.add(t);
    for (const [id, label] of Object.entries(topicLabels)) if (isTopicId(id) && label.split('/').includes(w)) topics.add(id);
  }
  return [...topics];
}

export const casesCommand: Command = async (tx, deps, ctx) => {
  const me = ctx.event.senderId;
  const say = (text: string) => [toUser(me, { kind: 'text', text })];
  const words = caseWords(ctx.event.type === 'text' ? ctx.event.text : '');
  if (words.length === 0) return say(knowledgeTexts.casesUsage);
  const cases = await ratedCases(tx, ctx.tenantId, { authors: await teamPeopleOf(tx, ctx.tenantId, me), excludeUser: me });
  const industry = words.find((w) => cases.some((c) => c.industry === w)) ?? null;
  const asked = words.filter((w) => w !== industry);
  const query = { topics: topicsOf(asked, deps.nlp.detectTopics), phrases: asked, industry };
  const found = rankCases(query, cases, MAX_CASES);
  const subject = asked.join(' ') || (industry ?? '');
  if (found.length === 0) return say(knowledgeTexts.noCases(subject));
  return say(knowledgeTexts.answers(query.topics.length ? subjectOf(found, query) : subject, found.map((m) => ({ m, answer: answerOf(m) }))));
};
