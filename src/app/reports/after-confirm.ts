// What follows a confirmed report besides storing it: the team's best answers to an objection it met,
// and commitments handed on to the colleague who must keep them. Runs in the confirm transaction.
import type { Queryable } from '../../store/database.js';
import type { AppDeps } from '../app-deps.js';
import type { Reply } from '../outbound/reply.js';
import type { ReportDraft } from '../../store/repos/report-drafts-repo.js';
import { objectionAnswers } from '../knowledge/objection-answers.js';
import { handOffCommitments } from '../handoffs/hand-off.js';
import { askLostReasonAfterReport } from '../lost-reasons/ask-lost-reason.js';

export interface ConfirmedFacts {
  draft: ReportDraft;
  reportId: string;
  customerId: string | null;
}

export async function afterReportConfirmed(tx: Queryable, deps: AppDeps, facts: ConfirmedFacts): Promise<Reply[]> {
  return [
    ...(await objectionAnswers(tx, deps, facts)),
    ...(await handOffCommitments(tx, deps, facts)),
    // A report that lost the deal asks why (issue 15 item 8).
    ...(await askLostReasonAfterReport(tx, deps, facts.draft.tenantId, facts.reportId)),
  ];
}
