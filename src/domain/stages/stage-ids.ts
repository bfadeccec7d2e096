// The default sales stages of the product spec ("Stages"): ids, Chinese labels, order and win probability.
// Order ranks open stages by progress; won and lost are terminal and rank after every open stage.

export const STAGE_IDS = ['discovery', 'demo', 'negotiation', 'contract', 'won', 'lost'] as const;

export type StageId = (typeof STAGE_IDS)[number];

export interface StageInfo {
  readonly id: StageId;
  readonly label: string;
  readonly order: number;
  /** Percent, used by the 预测 forecast (Σ amount × probability). */
  readonly winProbability: number;
  readonly terminal: boolean;
}

/** All stages in pipeline order (the order buttons and funnels show them in). */
export const STAGES: readonly StageInfo[] = Object.freeze([
  { id: 'discovery', label: '需求探询', order: 1, winProbability: 10, terminal: false },
  { id: 'demo', label: '方案演示', order: 2, winProbability: 30, terminal: false },
  { id: 'negotiation', label: '商务谈判', order: 3, winProbability: 60, terminal: false },
  { id: 'contract', label: '合同签署', order: 4, winProbability: 90, terminal: false },
  { id: 'won', label: '赢单', order: 5, winProbability: 100, terminal: true },
  { id: 'lost', label: '丢单', order: 6, winProbability: 0, terminal: true },
]);

const BY_ID = new Map<string, StageInfo>(STAGES.map((s) => [s.id, s]));

export function isStageId(value: unknown): value is StageId {
  return typeof value === 'string' && BY_ID.has(value);
}

export function stageInfo(id: StageId): StageInfo {
  return BY_ID.get(id)!;
}

export function stageLabel(id: StageId): string {
  return stageInfo(id).label;
}

/**
 * Whether moving `from` → `to` is progress (earns stage-advance points): forward among open stages or
 * into won. Losing, reopening a closed deal and standing still are not advances.
 */
export function isAdvance(from: StageId, to: StageId): boolean {
  if (to === 'lost' || stageInfo(from).terminal) return false;
  return stageInfo(to).order > stageInfo(from).order;
}
