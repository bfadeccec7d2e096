// The compliance review of a flagged store visit: a manager or admin approves it, or sends it back with
// a comment — and the staff member who recorded it is told in chat, through the outbox, in the same
// transaction as the decision (a decision without its notice, or the reverse, cannot happen).
import { badRequest, AppError, notFound } from '../../shared/errors.js';
import { decideReview, findVisit, type ReviewedVisit } from '../../store/repos/visit-reviews-repo.js';
import type { AppDeps } from '../app-deps.js';
import { adminText } from '../console/admin-texts.js';
import { enqueueReplies, toUser } from '../outbound/reply.js';

export type ReviewDecision = { decision: 'approve'; comment: string | null } | { decision: 'return'; comment: string };

export const MAX_REVIEW_COMMENT = 200;

/** Reads {decision, comment} as the console sends it; sending back needs a reason the staff member can act on. */
export function readReviewDecision(body: Record<string, unknown>): ReviewDecision {
  const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
  if (comment.length > MAX_REVIEW_COMMENT) throw badRequest('invalid_review', adminText.errors.returnComment);
  if (body.decision === 'approve') return { decision: 'approve', comment: comment || null };
  if (body.decision === 'return') {
    if (!comment) throw badRequest('invalid_review', adminText.errors.returnComment);
    return { decision: 'return', comment };
  }
  throw badRequest('invalid_review', adminText.errors.decision);
}

/**
 * Decides a pending review. `reviewer` is the person (or 'admin-token') recorded as reviewer. The notice
 * is a push, not a reply: in quiet hours it waits for the morning like every other push.
 */
export async function reviewVisit(
  deps: Pick<AppDeps, 'db' | 'queue' | 'clock' | 'pushRules'>,
  tenantId: string,
  visit: ReviewedVisit,
  d: ReviewDecision,
  reviewer: string,
): Promise<ReviewedVisit> {
  if (!visit.flaggedForReview || !visit.review) throw new AppError('not_flagged', adminText.errors.notFlagged, { status: 409 });
  const now = deps.clock.now();
  const status = d.decision === 'approve' ? 'approved' : 'returned';
  await deps.db.transaction(async (tx) => {
    const decided = await decideReview(tx, tenantId, visit.id, { status, comment: d.comment, reviewedBy: reviewer, at: now });
    if (!decided) throw new AppError('already_reviewed', adminText.errors.alreadyReviewed, { status: 409 });
    if (d.decision !== 'return') return;
    const notice = { ...toUser(visit.userId, { kind: 'text', text: adminText.visitReturned(visit, d.comment) }), key: `visit-returned:${visit.id}` };
    // Mini-program staff are WeCom members; a person with accounts is reached where they last wrote.
    await enqueueReplies(tx, deps.queue, {
      tenantId, channel: 'wecom', idempotencyPrefix: `visit-returned:${visit.id}`, now,
      pushes: { senderIds: [], notBefore: deps.pushRules.calendar.deliverAt(now) },
    }, [notice]);
  });
  const after = await findVisit(deps.db, tenantId, visit.id);
  if (!after) throw notFound('unknown_visit', adminText.errors.noVisit);
  return after;
}
