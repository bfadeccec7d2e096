// What the exports say to people: sheet titles (also the file names), errors and the small words in cells.
import type { TouchKind } from '../../domain/touches/touch-kind.js';
import type { ExportKind } from './export-kinds.js';

export const exportTitles: Record<ExportKind, string> = {
  customers: '客户',
  reports: '战报',
  touches: '跟进记录',
  visits: '门店拜访',
};

/** A flagged visit's compliance review (store_visits.review_status); unflagged visits need none. */
export const reviewLabels: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  returned: '已退回',
};

export const exportText = {
  noReviewNeeded: '无需审核',
  unknownKind: '没有这种导出,可导出:客户、战报、跟进记录、门店拜访(.csv 或 .xlsx)',
  badDate: (name: string) => `${name}格式不对,请用 YYYY-MM-DD,例如 2026-12-06`,
  badRange: '开始日期不能晚于结束日期',
  badTeam: '团队标识格式不对',
  fromName: '开始日期',
  toName: '结束日期',
};
