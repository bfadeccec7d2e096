// The team's best answers to an objection, at the moment a rep meets it (issue 15 item 6): a confirmed
// report with objections brings up to three of the team's ★★/★★★ reports that met the same objection —
// same industry first — as one short "同事怎么应对" message; nothing when there are none.
import { answerPart } from '../../domain/knowledge/answer-part.js';
import { rankCases, type CaseQuery, type MatchedCase } from '../../domain/knowledge/match-cases.js';
import type { Queryable } from '../../store/database.js';
import { ratedCases, teamPeopleOf } from '../../store/repos/knowledge-repo.js';
import type { AppDeps } from '../app-deps.js';
import { topicLabels } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import type { ConfirmedFacts } from '../reports/after-confirm.js';
import { industryOfCustomer } from './customer-industry.js';
import { knowledgeTexts } from './knowledge-texts.js';

export const MAX_CASES = 3;

export async function objectionAnswers(tx: Queryable, deps: AppDeps, facts: ConfirmedFacts): Promise<Reply[]> {
  const { draft, reportId, customerId } = facts;
  const objections = draft.report.objections;
  if (objections.length === 0) return [];
  const query: CaseQuery = {
    topics: [...new Set(objections.map((o) => o.topic))],
    phrases: [...objections.map((o) => o.quote), ...draft.report.competitors],
    industry: await industryOfCustomer(tx, deps, draft.tenantId, customerId),
  };
  const found = await bestCases(tx, draft.tenantId, draft.userId, query, reportId);
  if (found.length === 0) return [];
  const subject = subjectOf(found, query);
  return [toUser(draft.userId, { kind: 'text', text: knowledgeTexts.answers(subject, found.map((m) => ({ m, answer: answerOf(m) }))) })];
}

/** The best cases of the asker's team (the whole tenant for someone in no team), never the asker's own. */
export async function bestCases(tx: Queryable, tenantId: string, askerId: string, query: CaseQuery, excludeReport: string | null = null): Promise<MatchedCase[]> {
  const authors = await teamPeopleOf(tx, tenantId, askerId);
  const cases = await ratedCases(tx, tenantId, { authors, excludeUser: askerId, excludeReport });
  return rankCases(query, cases, MAX_CASES);
}

export function answerOf(m: MatchedCase): string {
  return answerPart(m.case.transcript, m.objection?.quote ?? null, m.case.progress);
}

/** The objection named in the title: the labels of the asked topics the cases met, else the asked words. */
export function subjectOf(found: readonly MatchedCase[], query: CaseQuery): string {
  const met = query.topics.filter((t) => found.some((m) => m.case.objections.some((o) => o.topic === t)));
  const labels = [...new Set((met.length ? met : query.topics).map((t) => topicLabels[t] ?? t))];
  return labels.length ? labels.join('、') : (query.phrases[0] ?? '');
}
