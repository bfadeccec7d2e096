// 平均成交周期: for the deals won in the period, the days from the first touch (the earliest of the
// inquiry, the first contact and the first recorded touch) to the win, averaged. Pure.

export interface Win {
  readonly firstTouchAt: Date;
  readonly wonAt: Date;
}

export interface Cycle {
  readonly deals: number;
  /** One decimal; null without wins. */
  readonly averageDays: number | null;
}

const DAY_MS = 86_400_000;

export function averageCycle(wins: readonly Win[]): Cycle {
  if (wins.length === 0) return { deals: 0, averageDays: null };
  // A touch recorded after the win (a late note) cannot make a cycle negative.
  const total = wins.reduce((s, w) => s + Math.max(0, w.wonAt.getTime() - w.firstTouchAt.getTime()), 0);
  return { deals: wins.length, averageDays: Math.round((total / wins.length / DAY_MS) * 10) / 10 };
}
