// The 总览 answer of GET /console/api/overview.
export interface FunnelStage {
  stage: string;
  label: string;
  current: number;
  reached: number;
  advanced: number;
  lostHere: number;
  /** Whole percent went further ÷ reached; null when none reached it. */
  rate: number | null;
}

export interface BoardEntry {
  rank: number;
  userId: string;
  name: string;
  reports: number;
  stageAdvances: number;
  points: number;
  streakDays: number;
}

export type Period = 'day' | 'week' | 'month';

export interface Overview {
  scope: { kind: 'team' | 'all' | 'managed' | 'own'; team: { key: string; name: string } | null; people: number; label: string };
  teams: { key: string; name: string }[];
  reports: { today: number; week: number; todayLabel: string; weekLabel: string };
  funnel: { stages: FunnelStage[]; won: number; lost: number; lostUnstaged: number; unstaged: number; leads: number; wonLabel: string; lostLabel: string };
  forecast: { months: { month: string; amount: number; text: string }[]; total: number; totalText: string; deals: number };
  health: {
    openCustomers: number;
    touched72h: number;
    touched72hRate: number | null;
    fulfilment: { due: number; done: number; rate: number | null };
    reports: number;
    completeReports: number;
    completeRate: number | null;
    effectiveTouches: number;
    touchesPerRep: string;
  };
  overdue: { count: number; people: number };
  leaderboard: { period: Period; title: string; label: string; entries: BoardEntry[] };
}

/** "75%", or "—" when there is nothing to divide by (as the chat writes it). */
export const pct = (p: number | null) => (p === null ? '—' : `${p}%`);
