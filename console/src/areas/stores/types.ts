// Shapes of the store answers (src/http/console/stores-routes.ts).

export interface QrCodeInfo {
  id: string;
  purpose: 'visit' | 'campaign';
  campaign: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface StoreRow {
  key: string;
  name: string;
  teamKey: string | null;
  teamName: string | null;
  city: string | null;
  visits30d: number;
  pendingReviews: number;
  qrCodes: QrCodeInfo[];
}

export type ReviewStatus = 'pending' | 'approved' | 'returned';

export interface Visit {
  id: string;
  storeKey: string;
  storeName: string;
  userId: string;
  staffName: string | null;
  question: string;
  topics: string[];
  customerName: string | null;
  customerPhoneMasked: string | null;
  complianceNote: string | null;
  sensitiveWords: string[];
  flaggedForReview: boolean;
  createdAt: string;
  review: { status: ReviewStatus; comment: string | null; reviewedBy: string | null; reviewerName: string | null; reviewedAt: string | null } | null;
}

export const REVIEW_LABELS: Record<ReviewStatus, { text: string; type: 'warning' | 'success' | 'danger' }> = {
  pending: { text: '待审核', type: 'warning' },
  approved: { text: '已通过', type: 'success' },
  returned: { text: '已退回', type: 'danger' },
};

export const purposeLabel = (c: Pick<QrCodeInfo, 'purpose' | 'campaign'>) => (c.purpose === 'visit' ? '到店' : `活动 · ${c.campaign ?? ''}`);
