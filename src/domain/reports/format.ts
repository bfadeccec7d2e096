// Small helpers for the report card: amounts as reps say them, and whether to ask for the next step.
import type { BattleReport } from './battle-report.js';

/** 1200000 → "120万", 85000 → "8.5万", 4000 → "4000元", 120000000 → "1.2亿"; never rounds a yuan away. */
export function formatAmountWan(yuan: number): string {
  const abs = Math.abs(yuan);
  if (abs >= 1e8 && exact(yuan / 1e8)) return `${trim(yuan / 1e8)}亿`;
  if (abs >= 1e4 && exact(yuan / 1e4)) return `${trim(yuan / 1e4)}万`;
  return `${trim(yuan)}元`;
}

/** At most four decimals, so "万" stays exact to the yuan and "亿" to the 万. */
const exact = (n: number): boolean => Math.abs(Number(n.toFixed(4)) - n) < 1e-9;
const trim = (n: number): string => String(Number(n.toFixed(4)));

/** Vague phrases and no dated next action: the bot asks "下一步具体做什么、哪天?" first (spec "Vague phrases"). */
export function missingNextStep(report: BattleReport): boolean {
  return report.vaguePhrases.length > 0 && report.nextActionDue === null;
}
