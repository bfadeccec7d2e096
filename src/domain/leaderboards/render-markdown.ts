// WeCom markdown for a leaderboard, drawn from the board view (board-view.ts) the PNG chart draws too.
// WeCom app markdown renders tables unreliably, so each rep is one bold line; the whole message is kept
// under WeCom's 4096-byte markdown limit with margin.
import { boardView, BOARD_TOP, STORE_SECTION_TITLE, storeLines, type BoardView, type Medal } from './board-view.js';
import type { RankedEntry } from './rank-board.js';

export const MARKDOWN_MAX_BYTES = 4000;
export const MARKDOWN_TOP = BOARD_TOP;
const MEDALS: Record<Medal, string> = { 1: '🥇', 2: '🥈', 3: '🥉' };
const NAME_MAX_CHARS = 24;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const medal = (m: Medal | null): string => (m === null ? '' : `${MEDALS[m]} `);

/** Names are user data: neutralise markdown syntax and line breaks, and cap the length. */
export function markdownSafe(text: string, maxChars = NAME_MAX_CHARS): string {
  const map: Record<string, string> = { '*': '＊', _: '＿', '`': '｀', '[': '［', ']': '］', '<': '＜', '>': '＞', '#': '＃' };
  const clean = text.replace(/[\r\n\t]+/g, ' ').replace(/[*_`[\]<>#]/g, (c) => map[c] ?? c).trim();
  const chars = [...clean];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : clean || '（未命名）';
}

/** The people part of a board view as markdown (store lines are added by withStoreRows). */
export function renderViewMarkdown(view: BoardView): string {
  const head = `**${markdownSafe(view.title, 60)}**`;
  const lines = [head, ...view.people.map((p) => `${medal(p.medal)}**${p.rank}. ${markdownSafe(p.name)}** ${p.detail}`)];
  const more = view.people.length > 0 && view.note ? `> ${view.note}` : '';
  if (view.people.length === 0) return `${head}\n${view.note ?? ''}`;
  // Names are capped, so this only trims on absurd input; dropping whole lines keeps the format intact.
  const fits = (ls: string[]): boolean => bytes([...ls, more].filter(Boolean).join('\n')) <= MARKDOWN_MAX_BYTES;
  while (lines.length > 1 && !fits(lines)) lines.pop();
  return [...lines, more].filter(Boolean).join('\n');
}

export function renderBoardMarkdown(board: readonly RankedEntry[], title: string): string {
  return renderViewMarkdown(boardView(board, title));
}

/** The team's stores by visits in the period, appended under the people's board (top 10). */
export function renderStoreRows(stores: readonly { name: string; visits: number }[]): string {
  const lines = storeLines(stores);
  if (lines.length === 0) return '';
  return [`**${STORE_SECTION_TITLE}**`, ...lines.map((s) => `${medal(s.medal)}${s.rank}. ${markdownSafe(s.name)} · 拜访${s.visits}`)].join('\n');
}

/** The board plus its store rows, dropping store lines from the end if the whole would not fit. */
export function withStoreRows(board: string, stores: readonly { name: string; visits: number }[]): string {
  let rows = renderStoreRows(stores).split('\n').filter(Boolean);
  while (rows.length > 1 && bytes(`${board}\n\n${rows.join('\n')}`) > MARKDOWN_MAX_BYTES) rows = rows.slice(0, -1);
  return rows.length > 1 ? `${board}\n\n${rows.join('\n')}` : board;
}
