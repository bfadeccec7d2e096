// Taps on a report card (确认 / 修改 / 作废) and typed answers to the report questions.
import type { Queryable } from '../../store/database.js';
import { clearPending, getPending, setPending } from '../../store/repos/chat-context-repo.js';
import { closeDraft, getDraft } from '../../store/repos/report-drafts-repo.js';
import type { AppDeps } from '../app-deps.js';
import type { EventContext } from '../inbound/event-context.js';
import { msg } from '../messages.js';
import { toUser, type Reply } from '../outbound/reply.js';
import { persistConfirmedReport } from './confirm-report.js';
import { afterReportConfirmed } from './after-confirm.js';
import { reviseWithCorrection } from './draft-flow.js';
import { parseReportActionKey } from './report-card.js';
import { ratingCards } from './rate-report.js';
import { closedNotice } from '../commitments/close-fulfilled.js';

export async function handleReportAction(
  tx: Queryable,
  deps: AppDeps,
  ctx: EventContext,
  click: { taskId: string; actionKey: string; responseCode: string | null },
): Promise<Reply[]> {
  const parsed = parseReportActionKey(click.actionKey);
  const userId = ctx.event.senderId;
  if (!parsed) return [];
  const draft = await getDraft(tx, ctx.tenantId, parsed.draftId);
  if (!draft || draft.userId !== userId) return [];
  const cardLabel = (label: string): Reply[] =>
    click.responseCode ? [toUser(userId, { kind: 'card_update', responseCode: click.responseCode, taskId: click.taskId, label })] : [];

  switch (parsed.action) {
    case 'confirm': {
      if (!(await closeDraft(tx, draft.id, 'confirmed'))) return []; // double or late tap
      await clearPending(tx, ctx.tenantId, userId);
      const saved = await persistConfirmedReport(tx, deps, draft);
      return [
        ...cardLabel(msg.report.confirmed),
        toUser(userId, { kind: 'text', text: msg.report.savedText(draft.report.customer, saved.points) }),
        ...closedNotice(userId, saved.keptCommitments),
        ...saved.notices,
        ...(await ratingCards(tx, ctx.tenantId, userId, saved.reportId, draft.report)),
        ...(await afterReportConfirmed(tx, deps, { draft, reportId: saved.reportId, customerId: saved.customerId })),
      ];
    }
    case 'void':
      if (!(await closeDraft(tx, draft.id, 'voided'))) return [];
      await clearPending(tx, ctx.tenantId, userId);
      return [...cardLabel(msg.report.voided), toUser(userId, { kind: 'text', text: msg.report.voidedText })];
    case 'edit':
      if (draft.status !== 'awaiting_confirm' && draft.status !== 'awaiting_followup') return [toUser(userId, { kind: 'text', text: msg.report.tooLate })];
      await setPending(tx, ctx.tenantId, userId, { kind: 'report_edit', draftId: draft.id, askedAt: ctx.event.sentAt.toISOString() });
      return [toUser(userId, { kind: 'text', text: msg.report.editPrompt })];
  }
}

/** A typed answer to "下一步…哪天?" or to 修改; null when no report question is pending. */
export async function answerReportQuestion(tx: Queryable, deps: AppDeps, ctx: EventContext, text: string): Promise<Reply[] | null> {
  const pending = await getPending(tx, ctx.tenantId, ctx.event.senderId);
  if (pending?.kind !== 'report_followup' && pending?.kind !== 'report_edit') return null;
  return reviseWithCorrection(tx, deps, { tenantId: ctx.tenantId, userId: ctx.event.senderId, draftId: pending.draftId }, text, ctx.event.sentAt);
}
