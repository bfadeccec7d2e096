// Placeholder: commitments handed on to the colleague who must keep them (issue 15 item 7).
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import type { Reply } from '../outbound/reply.js';
import type { ConfirmedFacts } from '../reports/after-confirm.js';

export async function handOffCommitments(_tx: Queryable, _deps: AppDeps, _facts: ConfirmedFacts): Promise<Reply[]> {
  return [];
}
