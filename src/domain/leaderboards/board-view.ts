// What a pushed board shows, decided once: the people lines (top 10), the store lines and the notes, with
// medals only for a score above zero. The markdown and the PNG chart both draw this view, so the picture
// can never show other rows, ranks or medals than the text (issue 11: 🥇 for 0 points).
import type { RankedEntry } from './rank-board.js';

export const BOARD_TOP = 10;
export const EMPTY_BOARD_TEXT = '本期还没有人上榜，发一条战报，下一期就有你！';
export const STORE_SECTION_TITLE = '门店拜访';

export type Medal = 1 | 2 | 3;

export interface PersonLine {
  readonly rank: number;
  readonly medal: Medal | null;
  readonly name: string;
  readonly points: number;
  /** "战报3 · 推进2 · 拜访1 · 12分 · 连续5天", as the markdown line reads. */
  readonly detail: string;
}

export interface StoreLine {
  readonly rank: number;
  readonly medal: Medal | null;
  readonly name: string;
  readonly visits: number;
}

export interface BoardView {
  readonly title: string;
  readonly people: readonly PersonLine[];
  readonly stores: readonly StoreLine[];
  readonly storeTitle: string;
  /** Said under the rows: the empty-board invitation, or how many ranked beyond the top 10. */
  readonly note: string | null;
}

/** A medal needs a top-three rank and something to show for it. */
export function medalOf(rank: number, score: number): Medal | null {
  return score > 0 && rank <= 3 ? (rank as Medal) : null;
}

export function entryDetail(e: RankedEntry): string {
  const parts = [`战报${e.reports}`, `推进${e.stageAdvances}`];
  if (e.storeVisits !== undefined) parts.push(`拜访${e.storeVisits}`);
  parts.push(`${e.points}分`);
  if (e.streakDays > 0) parts.push(`连续${e.streakDays}天`);
  return parts.join(' · ');
}

export function boardView(board: readonly RankedEntry[], title: string, stores: readonly { name: string; visits: number }[] = []): BoardView {
  const people = board.slice(0, BOARD_TOP).map((e) => ({
    rank: e.rank, medal: medalOf(e.rank, e.points), name: e.name, points: e.points, detail: entryDetail(e),
  }));
  const note = board.length === 0 ? EMPTY_BOARD_TEXT : board.length > BOARD_TOP ? `共 ${board.length} 人上榜，仅显示前 ${BOARD_TOP} 名` : null;
  return { title, people, stores: storeLines(stores), storeTitle: STORE_SECTION_TITLE, note };
}

/** Stores by visits (the store query orders them); equal visits share a rank, as people's scores do. */
export function storeLines(stores: readonly { name: string; visits: number }[]): StoreLine[] {
  const sorted = [...stores].sort((a, b) => b.visits - a.visits).slice(0, BOARD_TOP);
  return sorted.map((s) => {
    const rank = sorted.findIndex((x) => x.visits === s.visits) + 1;
    return { rank, medal: medalOf(rank, s.visits), name: s.name, visits: s.visits };
  });
}
