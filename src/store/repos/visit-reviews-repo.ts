// Store visits as the console lists them (with store, staff and reviewer names) and their compliance
// review (migration 0014): pending → approved | returned, decided once.
import type { Queryable } from '../database.js';

export type ReviewStatus = 'pending' | 'approved' | 'returned';

export interface ReviewedVisit {
  id: string;
  storeKey: string;
  storeName: string;
  teamKey: string | null;
  userId: string;
  staffName: string | null;
  question: string;
  topics: string[];
  customerName: string | null;
  customerPhone: string | null;
  complianceNote: string | null;
  sensitiveWords: string[];
  flaggedForReview: boolean;
  createdAt: Date;
  review: { status: ReviewStatus; comment: string | null; reviewedBy: string | null; reviewerName: string | null; reviewedAt: Date | null } | null;
}

export interface VisitFilter {
  /** The stores the viewer may see ('all' for an admin). */
  storeKeys: 'all' | readonly string[];
  storeKey?: string | null;
  userId?: string | null;
  from?: Date | null;
  /** Exclusive. */
  to?: Date | null;
  flagged?: boolean | null;
  review?: ReviewStatus | null;
  limit: number;
  offset: number;
}

interface Raw {
  id: string; store_key: string; store_name: string; team_key: string | null; user_id: string; staff_name: string | null;
  question: string; topics: string[] | null; customer_name: string | null; customer_phone: string | null; compliance_note: string | null;
  sensitive_words: string[] | null; flagged_for_review: boolean; created_at: Date; review_status: ReviewStatus | null;
  review_comment: string | null; reviewed_by: string | null; reviewer_name: string | null; reviewed_at: Date | null;
}

const toVisit = (r: Raw): ReviewedVisit => ({
  id: r.id, storeKey: r.store_key, storeName: r.store_name, teamKey: r.team_key, userId: r.user_id, staffName: r.staff_name,
  question: r.question, topics: r.topics ?? [], customerName: r.customer_name, customerPhone: r.customer_phone,
  complianceNote: r.compliance_note, sensitiveWords: r.sensitive_words ?? [], flaggedForReview: r.flagged_for_review,
  createdAt: new Date(r.created_at),
  review: r.review_status
    ? { status: r.review_status, comment: r.review_comment, reviewedBy: r.reviewed_by, reviewerName: r.reviewer_name, reviewedAt: r.reviewed_at ? new Date(r.reviewed_at) : null }
    : null,
});

const FROM = `from store_visits v
  join stores s on s.tenant_id = v.tenant_id and s.key = v.store_key
  left join users u on u.tenant_id = v.tenant_id and u.id = v.user_id
  left join users r on r.tenant_id = v.tenant_id and r.id = v.reviewed_by`;

const COLUMNS = `v.id, v.store_key, s.name as store_name, s.team_key, v.user_id, u.name as staff_name, v.question, v.topics,
  v.customer_name, v.customer_phone, v.compliance_note, v.sensitive_words, v.flagged_for_review, v.created_at,
  v.review_status, v.review_comment, v.reviewed_by, r.name as reviewer_name, v.reviewed_at`;

export async function listVisits(q: Queryable, tenantId: string, f: VisitFilter): Promise<{ items: ReviewedVisit[]; total: number }> {
  const where = `where v.tenant_id = $1 and ($2::text[] is null or v.store_key = any($2)) and ($3::text is null or v.store_key = $3)
    and ($4::text is null or v.user_id = $4) and ($5::timestamptz is null or v.created_at >= $5) and ($6::timestamptz is null or v.created_at < $6)
    and ($7::boolean is null or v.flagged_for_review = $7) and ($8::text is null or v.review_status = $8)`;
  const params = [
    tenantId, f.storeKeys === 'all' ? null : [...f.storeKeys], f.storeKey ?? null, f.userId ?? null, f.from ?? null, f.to ?? null,
    f.flagged ?? null, f.review ?? null,
  ];
  const [rows, count] = await Promise.all([
    q.query<Raw>(`select ${COLUMNS} ${FROM} ${where} order by v.created_at desc, v.id limit $9 offset $10`, [...params, f.limit, f.offset]),
    q.query<{ n: number }>(`select count(*)::int as n from store_visits v ${where}`, params),
  ]);
  return { items: rows.map(toVisit), total: count[0]!.n };
}

export async function findVisit(q: Queryable, tenantId: string, id: string): Promise<ReviewedVisit | null> {
  const rows = await q.query<Raw>(`select ${COLUMNS} ${FROM} where v.tenant_id = $1 and v.id = $2`, [tenantId, id]);
  return rows[0] ? toVisit(rows[0]) : null;
}

/** Records the decision on a pending visit; false when it was not pending (decided already, or not flagged). */
export async function decideReview(
  q: Queryable, tenantId: string, id: string, d: { status: 'approved' | 'returned'; comment: string | null; reviewedBy: string; at: Date },
): Promise<boolean> {
  const n = await q.execute(
    `update store_visits set review_status = $3, review_comment = $4, reviewed_by = $5, reviewed_at = $6
     where tenant_id = $1 and id = $2 and review_status = 'pending'`,
    [tenantId, id, d.status, d.comment, d.reviewedBy, d.at],
  );
  return n > 0;
}
