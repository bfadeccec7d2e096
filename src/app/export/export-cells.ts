// How values become cells: times as "YYYY-MM-DD HH:mm" text in Asia/Shanghai (the same text in CSV and
// XLSX, so a sheet never shifts by the viewer's time zone), ids as the labels people know.
import type { StageCatalog } from '../../domain/stages/stage-catalog.js';
import { own } from '../../shared/own.js';
import { topicLabels } from '../messages.js';
import { TOUCH_KIND_LABELS } from '../../domain/touches/touch-kind.js';

export type Cell = string | number | null;

const OFFSET_MS = 8 * 3600_000;

export function minuteText(at: Date | null): string | null {
  return at ? new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ') : null;
}

export interface ExportLabels {
  stage(id: string | null): string | null;
  topics(ids: readonly string[]): string;
  topic(id: string): string;
  touchKind(kind: string): string;
}

export function exportLabels(stages: StageCatalog): ExportLabels {
  const topic = (id: string) => own(topicLabels, id) ?? id;
  return {
    stage: (id) => (id === null ? null : stages.label(id)),
    topics: (ids) => ids.map(topic).join('、'),
    topic,
    touchKind: (kind) => own<string>(TOUCH_KIND_LABELS, kind) ?? kind,
  };
}
