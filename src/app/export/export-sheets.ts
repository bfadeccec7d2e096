// The columns of each export, header next to the value it shows, in the order a sales manager reads them.
// Widths are Excel character units (a Chinese character takes two).
import { maskPhone } from '../../domain/stores/phone.js';
import { own } from '../../shared/own.js';
import type { Queryable } from '../../store/database.js';
import {
  customersPage, reportsPage, touchesPage, visitsPage,
  type CustomerExportRow, type ExportCursor, type ExportQuery, type ReportExportRow, type TouchExportRow, type VisitExportRow,
} from '../../store/repos/export-repo.js';
import { minuteText, type Cell, type ExportLabels } from './export-cells.js';
import type { ExportKind } from './export-kinds.js';
import { exportText, exportTitles, reviewLabels } from './export-text.js';

export interface ExportColumn {
  header: string;
  width: number;
  /** Money shows with thousands separators; other numbers as they are. */
  money?: boolean;
}

export interface ExportPage {
  rows: Cell[][];
  /** Where the next page starts; null after the last page. */
  next: ExportCursor | null;
}

export interface ExportSheet {
  title: string;
  columns: readonly ExportColumn[];
  page(q: Queryable, query: ExportQuery, after: ExportCursor | null, limit: number, labels: ExportLabels): Promise<ExportPage>;
}

interface Column<R> extends ExportColumn {
  value(row: R, labels: ExportLabels): Cell;
}

type Reader<R> = (q: Queryable, query: ExportQuery, after: ExportCursor | null, limit: number) => Promise<R[]>;

function sheet<R extends { id: string; cursorAt: string }>(kind: ExportKind, columns: Column<R>[], read: Reader<R>): ExportSheet {
  return {
    title: exportTitles[kind],
    columns: columns.map(({ header, width, money }) => ({ header, width, ...(money ? { money } : {}) })),
    async page(q, query, after, limit, labels) {
      const found = await read(q, query, after, limit);
      const last = found.at(-1);
      return {
        rows: found.map((r) => columns.map((c) => c.value(r, labels))),
        next: found.length === limit && last ? { at: last.cursorAt, id: last.id } : null,
      };
    },
  };
}

const person = (name: string | null, id: string) => name ?? id;
const list = (items: readonly string[]) => items.join('、');

const customers = sheet<CustomerExportRow>('customers', [
  { header: '客户', width: 24, value: (r) => r.name },
  { header: '阶段', width: 10, value: (r, l) => l.stage(r.stage) },
  { header: '负责人', width: 10, value: (r) => person(r.ownerName, r.ownerUserId) },
  { header: '团队', width: 12, value: (r) => r.teamName },
  { header: '行业', width: 12, value: (r) => r.industry },
  { header: '来源', width: 10, value: (r) => r.source },
  { header: '金额(元)', width: 14, money: true, value: (r) => r.amount },
  { header: '最近跟进', width: 17, value: (r) => minuteText(r.lastTouchAt) },
  { header: '首次接触', width: 17, value: (r) => minuteText(r.firstContactAt) },
  { header: '创建时间', width: 17, value: (r) => minuteText(r.createdAt) },
  { header: '别名', width: 24, value: (r) => r.aliases },
  { header: '客户ID', width: 38, value: (r) => r.id },
], customersPage);

const reports = sheet<ReportExportRow>('reports', [
  { header: '日期', width: 17, value: (r) => minuteText(r.recordedAt) },
  { header: '销售', width: 10, value: (r) => person(r.userName, r.userId) },
  { header: '团队', width: 12, value: (r) => r.teamName },
  { header: '客户', width: 22, value: (r) => r.customer },
  { header: '联系人', width: 12, value: (r) => r.contact },
  { header: '阶段', width: 10, value: (r, l) => l.stage(r.stage) },
  { header: '进展', width: 40, value: (r) => r.progress },
  { header: '金额(元)', width: 14, money: true, value: (r) => r.amount },
  { header: '账期(天)', width: 9, value: (r) => r.paymentTermsDays },
  { header: '下一步', width: 30, value: (r) => r.nextAction },
  { header: '截止日期', width: 12, value: (r) => r.nextActionDue },
  // "价格:太贵了；交期:要三个月" — the concern with the words it was said in.
  { header: '异议', width: 30, value: (r, l) => r.objections.map((o) => (o.quote ? `${l.topic(o.topic)}:${o.quote}` : l.topic(o.topic))).join('；') },
  { header: '竞品', width: 16, value: (r) => list(r.competitors) },
  { header: '评分', width: 8, value: (r) => (r.rating ? '★'.repeat(r.rating) : null) },
  { header: '原文', width: 50, value: (r) => r.transcript },
  { header: '战报ID', width: 38, value: (r) => r.id },
], reportsPage);

const touches = sheet<TouchExportRow>('touches', [
  { header: '时间', width: 17, value: (r) => minuteText(r.occurredAt) },
  { header: '销售', width: 10, value: (r) => person(r.userName, r.userId) },
  { header: '团队', width: 12, value: (r) => r.teamName },
  { header: '客户', width: 22, value: (r) => r.customer },
  { header: '方式', width: 10, value: (r, l) => l.touchKind(r.kind) },
  { header: '内容', width: 60, value: (r) => r.text },
  { header: '话题', width: 20, value: (r, l) => l.topics(r.topics) },
], touchesPage);

const visits = sheet<VisitExportRow>('visits', [
  { header: '时间', width: 17, value: (r) => minuteText(r.createdAt) },
  { header: '门店', width: 16, value: (r) => r.storeName },
  { header: '团队', width: 12, value: (r) => r.storeTeamName },
  { header: '店员', width: 10, value: (r) => person(r.userName, r.userId) },
  { header: '问题', width: 50, value: (r) => r.question },
  { header: '话题', width: 20, value: (r, l) => l.topics(r.topics) },
  { header: '顾客', width: 10, value: (r) => r.customerName },
  // Masked like every other place people read it: a number identifies a person.
  { header: '顾客电话', width: 14, value: (r) => (r.customerPhone ? maskPhone(r.customerPhone) : null) },
  { header: '敏感词', width: 16, value: (r) => list(r.sensitiveWords) },
  { header: '合规说明', width: 30, value: (r) => r.complianceNote },
  { header: '审核', width: 10, value: (r) => (r.reviewStatus ? (own(reviewLabels, r.reviewStatus) ?? r.reviewStatus) : exportText.noReviewNeeded) },
  { header: '审核意见', width: 24, value: (r) => r.reviewComment },
], visitsPage);

export const exportSheets: Record<ExportKind, ExportSheet> = { customers, reports, touches, visits };
