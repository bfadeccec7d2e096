// WeCom markdown for a leaderboard. WeCom app markdown renders tables unreliably, so each rep is
// one bold line; the whole message is kept under WeCom's 4096-byte markdown limit with margin.
import type { RankedEntry } from './rank-board.js';

export const MARKDOWN_MAX_BYTES = 4000;
export const MARKDOWN_TOP = 10;
const MEDALS = ['🥇', '🥈', '🥉'] as const;
const NAME_MAX_CHARS = 24;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** Names are user data: neutralise markdown syntax and line breaks, and cap the length. */
export function markdownSafe(text: string, maxChars = NAME_MAX_CHARS): string {
  const map: Record<string, string> = { '*': '＊', _: '＿', '`': '｀', '[': '［', ']': '］', '<': '＜', '>': '＞', '#': '＃' };
  const clean = text.replace(/[\r\n\t]+/g, ' ').replace(/[*_`[\]<>#]/g, (c) => map[c] ?? c).trim();
  const chars = [...clean];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : clean || '（未命名）';
}

export function entryLine(e: RankedEntry): string {
  const parts = [`战报${e.reports}`, `推进${e.stageAdvances}`];
  if (e.storeVisits !== undefined) parts.push(`拜访${e.storeVisits}`);
  parts.push(`${e.points}分`);
  if (e.streakDays > 0) parts.push(`连续${e.streakDays}天`);
  const medal = e.rank <= 3 ? `${MEDALS[e.rank - 1]} ` : '';
  return `${medal}**${e.rank}. ${markdownSafe(e.name)}** ${parts.join(' · ')}`;
}

export function renderBoardMarkdown(board: readonly RankedEntry[], title: string): string {
  const head = `**${markdownSafe(title, 60)}**`;
  if (board.length === 0) return `${head}\n本期还没有人上榜，发一条战报，下一期就有你！`;
  const lines = [head, ...board.slice(0, MARKDOWN_TOP).map(entryLine)];
  const more = board.length > MARKDOWN_TOP ? `> 共 ${board.length} 人上榜，仅显示前 ${MARKDOWN_TOP} 名` : '';
  // Names are capped, so this only trims on absurd input; dropping whole lines keeps the format intact.
  const fits = (ls: string[]): boolean => bytes([...ls, more].filter(Boolean).join('\n')) <= MARKDOWN_MAX_BYTES;
  while (lines.length > 1 && !fits(lines)) lines.pop();
  return [...lines, more].filter(Boolean).join('\n');
}

/** The team's stores by visits in the period, appended under the people's board (top 10). */
export function renderStoreRows(stores: readonly { name: string; visits: number }[]): string {
  if (stores.length === 0) return '';
  const lines = stores.slice(0, MARKDOWN_TOP).map((s, i) => `${i < 3 ? `${MEDALS[i]} ` : ''}${i + 1}. ${markdownSafe(s.name)} · 拜访${s.visits}`);
  return ['**门店拜访**', ...lines].join('\n');
}

/** The board plus its store rows, dropping store lines from the end if the whole would not fit. */
export function withStoreRows(board: string, stores: readonly { name: string; visits: number }[]): string {
  let rows = renderStoreRows(stores).split('\n').filter(Boolean);
  while (rows.length > 1 && bytes(`${board}\n\n${rows.join('\n')}`) > MARKDOWN_MAX_BYTES) rows = rows.slice(0, -1);
  return rows.length > 1 ? `${board}\n\n${rows.join('\n')}` : board;
}
