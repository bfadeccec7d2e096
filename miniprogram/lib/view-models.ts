// Page data shapes built from API answers: wxml cannot call functions, so every string a list row
// shows is computed here, where it can be tested.
import type { LeaderboardResponse, VisitRecord, VisitResponse } from '../../src/shared/mp-api.js';
import { maskPhone, rankLabel, relativeDate, shanghaiDay } from './format.js';
import { MSG } from './messages.js';

export const MAX_SUGGESTIONS = 3;

export interface VisitItem {
  id: string;
  store: string;
  question: string;
  when: string;
  customer: string;
  topics: string[];
  flagged: boolean;
}

export interface RankItem {
  key: string;
  label: string;
  podium: boolean;
  name: string;
  visits: number;
}

export interface ResultView {
  topics: string[];
  suggestions: { action: string; from: string }[];
  flagged: boolean;
  flaggedText: string;
}

export function visitItems(visits: readonly VisitRecord[], nowMs: number): VisitItem[] {
  return visits.map((v) => ({
    id: v.id,
    store: v.storeName,
    // A voice-only visit whose transcript is still empty would otherwise render a blank row.
    question: v.question || MSG.voiceOnly,
    when: relativeDate(v.createdAt, nowMs),
    // maskPhone leaves a masked number alone and guards against one that arrives unmasked.
    customer: [v.customerName ?? '', maskPhone(v.customerPhoneMasked)].filter(Boolean).join(' · '),
    topics: v.topics,
    flagged: v.flaggedForReview,
  }));
}

/** Visits in the list made today in Shanghai (the list is the caller's own, newest first). */
export function todayCount(visits: readonly VisitRecord[], nowMs: number): number {
  const today = shanghaiDay(nowMs);
  return visits.filter((v) => {
    const at = Date.parse(v.createdAt);
    return !Number.isNaN(at) && shanghaiDay(at) === today;
  }).length;
}

export function rankItems(board: LeaderboardResponse): RankItem[] {
  return board.rows.map((r) => ({
    key: r.key,
    label: rankLabel(r.rank),
    podium: r.rank >= 1 && r.rank <= 3,
    name: r.name,
    visits: r.visits,
  }));
}

export function resultView(res: VisitResponse): ResultView {
  return {
    topics: res.topics,
    suggestions: res.suggestions.slice(0, MAX_SUGGESTIONS).map((s) => ({ action: s.action, from: s.from })),
    flagged: res.visit.flaggedForReview,
    flaggedText: res.visit.flaggedForReview ? MSG.flaggedForReview : '',
  };
}
