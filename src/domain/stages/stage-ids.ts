// The default stages of the product spec ("Stages"), which config/stages.jsonc reproduces exactly. They are
// the vocabulary the language rules speak (stage cues, topic prompts, LLM answers); everything that shows,
// stores or rates a stage uses the loaded StageCatalog and maps language ids with `fromLanguage`.
import { compileStages, type StageCatalog, type StageId, type StageInfo } from './stage-catalog.js';

export type { StageId, StageInfo };

export const DEFAULT_STAGE_CONFIG = Object.freeze({
  stages: [
    { id: 'lead', label: '线索', order: 0, probability: 5, actionWindowHours: null, flags: ['lead'] },
    { id: 'discovery', label: '需求探询', order: 1, probability: 10, actionWindowHours: 24, flags: [] },
    { id: 'demo', label: '方案演示', order: 2, probability: 30, actionWindowHours: 48, flags: ['proposal'] },
    { id: 'negotiation', label: '商务谈判', order: 3, probability: 60, actionWindowHours: 72, flags: [] },
    { id: 'contract', label: '合同签署', order: 4, probability: 90, actionWindowHours: 72, flags: [] },
    { id: 'won', label: '赢单', order: 5, probability: 100, actionWindowHours: null, flags: ['won'] },
    { id: 'lost', label: '丢单', order: 6, probability: 0, actionWindowHours: null, flags: ['lost'] },
  ],
});

export const DEFAULT_STAGES: StageCatalog = compileStages(DEFAULT_STAGE_CONFIG);

/** The language's stage ids (what stage cues, topic prompts and the LLM may answer): not the lead stage. */
export const STAGES: readonly StageInfo[] = Object.freeze(DEFAULT_STAGES.stages.filter((s) => s.id !== DEFAULT_STAGES.lead));

export const STAGE_IDS: readonly StageId[] = Object.freeze(STAGES.map((s) => s.id));

export function isStageId(value: unknown): value is StageId {
  return DEFAULT_STAGES.has(value);
}

export function stageInfo(id: StageId): StageInfo {
  return DEFAULT_STAGES.info(id)!;
}

export function stageLabel(id: StageId): string {
  return DEFAULT_STAGES.label(id);
}

export function isAdvance(from: StageId, to: StageId): boolean {
  return DEFAULT_STAGES.isAdvance(from, to);
}
