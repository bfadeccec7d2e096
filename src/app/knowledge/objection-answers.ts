// Placeholder: the team's best answers to an objection, at the moment a rep meets it (issue 15 item 6).
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import type { Reply } from '../outbound/reply.js';
import type { ConfirmedFacts } from '../reports/after-confirm.js';

export async function objectionAnswers(_tx: Queryable, _deps: AppDeps, _facts: ConfirmedFacts): Promise<Reply[]> {
  return [];
}
