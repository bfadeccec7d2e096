// Draft lifecycle inside a transaction: create (with the follow-up question when the next step is
// vague), revise from a correction, and re-issue the card.
import type { BattleReport } from '../../domain/reports/battle-report.js';
import type { Queryable } from '../../store/database.js';
import { clearPending, setPending } from '../../store/repos/chat-context-repo.js';
import { getDraft, insertDraft, reviseDraft, type ReportDraft } from '../../store/repos/report-drafts-repo.js';
import type { ReportNote } from '../../store/repos/report-notes-repo.js';
import type { AppDeps } from '../app-deps.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { renderReportCard } from './report-card.js';

export async function createDraft(tx: Queryable, deps: AppDeps, note: ReportNote, report: BattleReport, extractor: string): Promise<Reply[]> {
  const needsFollowUp = deps.reportRules.missingNextStep(report);
  const draft = await insertDraft(tx, {
    tenantId: note.tenantId, channel: note.channel, userId: note.userId, noteId: note.id, report, extractor,
    status: needsFollowUp ? 'awaiting_followup' : 'awaiting_confirm', recordedAt: note.recordedAt,
  });
  if (!draft) return []; // drafted by an earlier attempt of this job
  if (needsFollowUp) {
    await setPending(tx, note.tenantId, note.userId, { kind: 'report_followup', draftId: draft.id, askedAt: note.recordedAt.toISOString() });
    return [toUser(note.userId, { kind: 'text', text: msg.report.followUp })];
  }
  await clearPending(tx, note.tenantId, note.userId);
  return [cardFor(deps, draft)];
}

/** Applies a correction or a follow-up answer to an open draft and re-issues its card; null if the draft is closed. */
export async function reviseWithCorrection(
  tx: Queryable,
  deps: AppDeps,
  ref: { tenantId: string; userId: string; draftId: string },
  text: string,
  at: Date,
): Promise<Reply[] | null> {
  const draft = await getDraft(tx, ref.tenantId, ref.draftId);
  if (!draft || draft.userId !== ref.userId) return null;
  const corrected = deps.reportRules.correct(draft.report, text, at);
  // An answer to "下一步具体做什么、哪天?" that names no step is still the step, in the rep's words.
  const report = draft.status === 'awaiting_followup' && !corrected.nextAction ? { ...corrected, nextAction: text.trim() } : corrected;
  const revised = await reviseDraft(tx, draft.id, report, 'awaiting_confirm');
  await clearPending(tx, ref.tenantId, ref.userId);
  if (!revised) return null;
  return [cardFor(deps, revised)];
}

export function cardFor(deps: AppDeps, draft: ReportDraft): Reply {
  return toUser(draft.userId, { kind: 'button_card', card: renderReportCard(draft, deps.reportRules, deps.stages) });
}
