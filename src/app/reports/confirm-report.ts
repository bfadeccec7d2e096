// 确认 on a report card: stores the battle report, a touch, the stage move with history, a commitment
// from the dated next action, and points — all in the click's transaction, gated by the draft moving
// to 'confirmed' exactly once.
import { reportAwards, stageMoveAwards, workdayStreak, type PointsAward } from '../../domain/points/report-points.js';
import type { Queryable } from '../../store/database.js';
import { countReportsOfUser, insertReport, reportDaysOfUser } from '../../store/repos/battle-reports-repo.js';
import { insertCommitment } from '../../store/repos/commitments-repo.js';
import {
  findOrCreateCustomer, getCustomer, recordTouchTime, type Customer,
} from '../../store/repos/customers-repo.js';
import { appendAwards } from '../../store/repos/points-repo.js';
import type { ReportDraft } from '../../store/repos/report-drafts-repo.js';
import { getNote } from '../../store/repos/report-notes-repo.js';
import { insertTouch, recentCustomerOf } from '../../store/repos/touches-repo.js';
import { shanghaiDate, shanghaiDayStart } from '../../shared/shanghai-time.js';
import type { AppDeps } from '../app-deps.js';
import { closeFulfilled } from '../commitments/close-fulfilled.js';
import { clashFor } from '../customers/ownership.js';
import { recordStageChange } from '../stages/record-stage-change.js';
import type { Reply } from '../outbound/reply.js';

export interface ConfirmedReport {
  reportId: string;
  points: number;
  /**
   * What others are told: on someone else's customer (撞单) the reporter, the owner and the owner's
   * managers; on a first win, the team (喜报).
   */
  notices: Reply[];
  /** Open commitments of the customer the report says were kept, now done. */
  keptCommitments: string[];
  /** The customer the report was stored on, if any. */
  customerId: string | null;
}

export async function persistConfirmedReport(tx: Queryable, deps: AppDeps, draft: ReportDraft): Promise<ConfirmedReport> {
  const { tenantId, userId, recordedAt } = draft;
  // The rules and the LLM name default stage ids; what is stored is a configured stage.
  const report = { ...draft.report, stage: deps.stages.fromLanguage(draft.report.stage) };
  const note = await getNote(tx, draft.noteId);
  const transcript = note?.transcript ?? report.progress;
  const customer = await customerOf(tx, deps, draft);
  const touch = await insertTouch(tx, {
    tenantId, customerId: customer?.id ?? null, userId, kind: deps.nlp.touchKind(transcript), text: transcript,
    topics: deps.nlp.detectTopics(transcript), inboxId: note?.inboxId ?? null, occurredAt: recordedAt,
  });
  const dayStart = shanghaiDayStart(recordedAt);
  const reportsBefore = await countReportsOfUser(tx, tenantId, userId);
  const reportsTodayBefore = await countReportsOfUser(tx, tenantId, userId, { since: dayStart });
  const reportId = await insertReport(tx, {
    tenantId, draftId: draft.id, userId, customerId: customer?.id ?? null, report, transcript, noteId: draft.noteId,
    extractor: draft.extractor, touchId: touch.id, recordedAt,
  });
  const awards: PointsAward[] = [];
  const announced: Reply[] = [];
  // Only the owner or their manager moves the stage; anyone else's report is a touch and a 撞单 notice.
  const clash = customer ? await clashFor(tx, { tenantId, reporterId: userId, at: recordedAt, text: transcript, kind: 'report' }, customer) : null;
  if (customer) {
    await recordTouchTime(tx, tenantId, customer.id, recordedAt);
    if (!clash && report.stage && report.stage !== customer.stage) {
      announced.push(...(await recordStageChange(tx, deps, {
        tenantId, customer, toStage: report.stage, userId, evidenceTouchId: touch.id, promptTaskId: null, changedAt: recordedAt,
      })));
      const moved = stageMoveAwards({ from: deps.stages.has(customer.stage) ? customer.stage : null, to: report.stage, customerId: customer.id, ref: `report:${reportId}` }, deps.stages);
      // Stage points are the owner's, also when their manager reports the move.
      if (customer.ownerUserId === userId) awards.push(...moved);
      else await appendAwards(tx, tenantId, customer.ownerUserId, moved, recordedAt);
    }
  }
  // Before this report's own next step is stored, so the report never closes the promise it makes.
  const keptCommitments = customer
    ? await closeFulfilled(tx, deps, { tenantId, userId, customerId: customer.id, text: transcript, at: recordedAt, via: 'report', touchId: touch.id })
    : [];
  if (report.nextAction && report.nextActionDue) {
    await insertCommitment(tx, {
      tenantId, reportId, customerId: customer?.id ?? null, ownerUserId: userId,
      description: deps.commitmentRules.withDueDate(report.nextAction, report.nextActionDue), dueDate: report.nextActionDue,
    });
  }
  const today = shanghaiDate(recordedAt);
  const streak = workdayStreak(await reportDaysOfUser(tx, tenantId, userId), today, deps.pushRules.calendar);
  awards.push(...reportAwards({ userId, reportId, reportsTodayBefore, isFirstReport: reportsBefore === 0, streakDays: streak.days, streakEndsOn: streak.lastDay, today }));
  const added = await appendAwards(tx, tenantId, userId, awards, recordedAt);
  return { reportId, points: added.reduce((s, a) => s + a.points, 0), notices: [...(clash ?? []), ...announced], keptCommitments, customerId: customer?.id ?? null };
}

/** The named customer (created for the rep if new), else the rep's customer of the last 30 minutes. */
async function customerOf(tx: Queryable, deps: AppDeps, draft: ReportDraft): Promise<Customer | null> {
  const name = draft.report.customer;
  if (name) {
    const { customer } = await findOrCreateCustomer(tx, {
      tenantId: draft.tenantId, name, nameKey: deps.nlp.customerKey(name), ownerUserId: draft.userId, at: draft.recordedAt,
      industry: deps.nlp.industryOf(name),
    });
    return customer;
  }
  const since = new Date(draft.recordedAt.getTime() - deps.config.conversation.recentCustomerMinutes * 60_000);
  const id = await recentCustomerOf(tx, draft.tenantId, draft.userId, since);
  return id ? getCustomer(tx, draft.tenantId, id) : null;
}
