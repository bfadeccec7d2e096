// The stage a chat update's own words put the deal in ("签了" → won, "黄了,他们选了别家" → lost, "谈了价格"
// → negotiation): the report's stage cues, so plans ("下周准备合同") and negations never count.
import type { StageId } from '../stages/stage-ids.js';
import { findRivals } from './competitors.js';
import { readNote } from './note.js';
import type { CompiledReportRules } from './report-rules.js';
import { happenedStageCues, stageOf } from './stage-cues.js';
import { foldText } from './text.js';

export function stageCueOf(text: string, recordedAt: Date, customer: string | null, rules: CompiledReportRules): StageId | null {
  const folded = foldText(text);
  const isPerson = (name: string) => rules.contacts.any.test(name);
  const rivals = findRivals(folded, text, rules.competitors, customer === null ? [] : [foldText(customer)], isPerson);
  const note = readNote(text, recordedAt, rules, [customer]);
  return stageOf(happenedStageCues(note, rules.stages, rivals));
}
