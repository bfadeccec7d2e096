// The compiled "corrections" section of config/report-rules.jsonc: which words make a correction clause
// speak about which report field, and how the new value is introduced.
import { STAGES, type StageId } from '../stages/stage-ids.js';
import { compileCueList, section, type CueList } from './cue-list.js';

export const CORRECTABLE = ['amount', 'paymentTermsDays', 'stage', 'customer', 'contact', 'nextAction', 'competitors'] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];

export interface CorrectionRules {
  readonly fields: readonly { field: CorrectableField; list: CueList }[];
  readonly valueIntro: CueList;
  readonly clear: CueList;
  readonly notAValue: CueList;
  readonly stageNames: readonly { stage: StageId; list: CueList }[];
}

export function compileCorrectionRules(raw: unknown): CorrectionRules {
  const r = section(raw, 'corrections');
  const fields = section(r, 'fields', 'corrections.fields');
  const names = section(r, 'stageNames', 'corrections.stageNames');
  return {
    fields: CORRECTABLE.filter((f) => fields[f] !== undefined).map((field) => ({ field, list: compileCueList(fields[field], `corrections.fields.${field}`) })),
    valueIntro: compileCueList(r.valueIntro, 'corrections.valueIntro'),
    clear: compileCueList(r.clear, 'corrections.clear'),
    notAValue: compileCueList(r.notAValue, 'corrections.notAValue'),
    stageNames: STAGES.filter((s) => names[s.id] !== undefined).map((s) => ({ stage: s.id, list: compileCueList(names[s.id], `corrections.stageNames.${s.id}`) })),
  };
}
