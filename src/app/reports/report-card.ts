// The battle-report confirmation card: what was understood, with 确认 / 修改 / 作废.
import type { ButtonCard } from '../../channels/outbound-message.js';
import type { BattleReport } from '../../domain/reports/battle-report.js';
import type { StageCatalog } from '../../domain/stages/stage-catalog.js';
import type { ReportRules } from '../app-deps.js';
import { msg, topicLabels } from '../messages.js';

export const REPORT_KEY_PREFIX = 'rpt:';
export type ReportAction = 'confirm' | 'edit' | 'void';

export function reportActionKey(action: ReportAction, draftId: string): string {
  return `${REPORT_KEY_PREFIX}${action}:${draftId}`;
}

export function parseReportActionKey(key: string): { action: ReportAction; draftId: string } | null {
  const m = /^rpt:(confirm|edit|void):(.+)$/.exec(key);
  return m ? { action: m[1] as ReportAction, draftId: m[2]! } : null;
}

/** Task ids are single-use per app, so every re-issued card of a draft gets its own. */
export const reportTaskId = (draftId: string, version: number) => `rpt-${draftId}-v${version}`;

export function renderReportCard(draft: { id: string; version: number; report: BattleReport }, rules: ReportRules, stages: StageCatalog): ButtonCard {
  const r = draft.report;
  // The rules name default stage ids; the card shows the configured stage the report will store.
  const stage = stages.fromLanguage(r.stage);
  const next = r.nextAction ? `${r.nextAction}${r.nextActionDue ? `(${r.nextActionDue.slice(5)})` : ''}` : msg.report.none;
  const fields = [
    { label: '客户', value: [r.customer ?? msg.report.unknown, r.contact].filter(Boolean).join(' · ') },
    { label: '阶段', value: stage ? stages.label(stage) : msg.report.none },
    { label: '金额', value: r.amount !== null ? rules.formatAmount(r.amount) : msg.report.none },
    { label: '账期', value: r.paymentTermsDays !== null ? `${r.paymentTermsDays}天` : msg.report.none },
    { label: '下一步', value: next },
    { label: '异议', value: r.objections.length ? [...new Set(r.objections.map((o) => topicLabels[o.topic] ?? o.topic))].join('、') : msg.report.none },
  ];
  return {
    taskId: reportTaskId(draft.id, draft.version),
    title: msg.report.cardTitle(r.customer),
    description: r.progress,
    fields,
    buttons: [
      { key: reportActionKey('confirm', draft.id), text: '确认', primary: true },
      { key: reportActionKey('edit', draft.id), text: '修改' },
      { key: reportActionKey('void', draft.id), text: '作废' },
    ],
  };
}
