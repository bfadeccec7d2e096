// 确认 on a report card: stores the battle report, a touch, the stage move with history, a commitment
// from the dated next action, and points — all in the click's transaction, gated by the draft moving
// to 'confirmed' exactly once.
import { isStageId } from '../../domain/stages/stage-ids.js';
import { reportAwards, stageMoveAwards, streakLength, type PointsAward } from '../../domain/points/report-points.js';
import type { Queryable } from '../../store/database.js';
import { countReportsOfUser, insertReport, reportDaysOfUser } from '../../store/repos/battle-reports-repo.js';
import { insertCommitment } from '../../store/repos/commitments-repo.js';
import {
  findOrCreateCustomer, getCustomer, recordTouchTime, setStage, type Customer,
} from '../../store/repos/customers-repo.js';
import { appendAwards } from '../../store/repos/points-repo.js';
import type { ReportDraft } from '../../store/repos/report-drafts-repo.js';
import { getNote } from '../../store/repos/report-notes-repo.js';
import { insertStageChange } from '../../store/repos/stages-repo.js';
import { insertTouch, recentCustomerOf } from '../../store/repos/touches-repo.js';
import { shanghaiDate, shanghaiDayStart } from '../../shared/shanghai-time.js';
import type { AppDeps } from '../app-deps.js';

export interface ConfirmedReport {
  reportId: string;
  points: number;
}

export async function persistConfirmedReport(tx: Queryable, deps: AppDeps, draft: ReportDraft): Promise<ConfirmedReport> {
  const { tenantId, userId, report, recordedAt } = draft;
  const note = await getNote(tx, draft.noteId);
  const transcript = note?.transcript ?? report.progress;
  const customer = await customerOf(tx, deps, draft);
  const touch = await insertTouch(tx, {
    tenantId, customerId: customer?.id ?? null, userId, kind: 'report', text: transcript,
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
  if (customer) {
    await recordTouchTime(tx, tenantId, customer.id, recordedAt);
    if (report.stage && report.stage !== customer.stage) {
      await setStage(tx, tenantId, customer.id, report.stage);
      await insertStageChange(tx, {
        tenantId, customerId: customer.id, fromStage: customer.stage, toStage: report.stage, userId,
        evidenceTouchId: touch.id, promptTaskId: null, changedAt: recordedAt,
      });
      awards.push(...stageMoveAwards({ from: isStageId(customer.stage) ? customer.stage : null, to: report.stage, customerId: customer.id, ref: `report:${reportId}` }));
    }
  }
  if (report.nextAction && report.nextActionDue) {
    await insertCommitment(tx, {
      tenantId, reportId, customerId: customer?.id ?? null, ownerUserId: userId, description: report.nextAction, dueDate: report.nextActionDue,
    });
  }
  const today = shanghaiDate(recordedAt);
  const streakDays = streakLength(await reportDaysOfUser(tx, tenantId, userId), today);
  awards.push(...reportAwards({ userId, reportId, reportsTodayBefore, isFirstReport: reportsBefore === 0, streakDays, today }));
  const added = await appendAwards(tx, tenantId, userId, awards, recordedAt);
  return { reportId, points: added.reduce((s, a) => s + a.points, 0) };
}

/** The named customer (created for the rep if new), else the rep's customer of the last 30 minutes. */
async function customerOf(tx: Queryable, deps: AppDeps, draft: ReportDraft): Promise<Customer | null> {
  const name = draft.report.customer;
  if (name) {
    const { customer } = await findOrCreateCustomer(tx, {
      tenantId: draft.tenantId, name, nameKey: deps.nlp.customerKey(name), ownerUserId: draft.userId, at: draft.recordedAt,
    });
    return customer;
  }
  const since = new Date(draft.recordedAt.getTime() - deps.config.conversation.recentCustomerMinutes * 60_000);
  const id = await recentCustomerOf(tx, draft.tenantId, draft.userId, since);
  return id ? getCustomer(tx, draft.tenantId, id) : null;
}
