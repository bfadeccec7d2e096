// Leaderboard PNG: decodes with the expected IHDR size, md5/base64 match the bytes, names are
// XML-escaped, text is actually drawn with the CJK font, and a missing font is a clear error.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rankBoard, type BoardRow } from '../../src/domain/leaderboards/rank-board.js';
import { boardSvg, CHART_MAX_BYTES, chartHeight, renderBoardPng } from '../../src/providers/charts/board-chart.js';

const rows = (n: number, name = (i: number) => `销售${i}`): BoardRow[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, name: name(i), reports: 1, stageAdvances: 0, points: 90 - i * 3, streakDays: 1 }));

function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderBoardPng', () => {
  it('renders a PNG whose header matches the reported size; md5 and base64 match the bytes', () => {
    const out = renderBoardPng(rankBoard(rows(5)), '今日战报之星 11月23日');
    expect(ihdr(out.png)).toEqual({ width: 800, height: chartHeight(5) });
    expect([out.width, out.height]).toEqual([800, chartHeight(5)]);
    expect(out.md5).toBe(createHash('md5').update(out.png).digest('hex'));
    expect(Buffer.from(out.base64, 'base64').equals(out.png)).toBe(true);
    expect(out.png.length).toBeLessThan(CHART_MAX_BYTES);
  });

  it('grows with rows up to 15 and handles an empty board', () => {
    const big = renderBoardPng(rankBoard(rows(40)), '本月排行');
    expect(ihdr(big.png).height).toBe(chartHeight(15));
    expect(chartHeight(16)).toBe(chartHeight(15));
    expect(big.png.length).toBeLessThan(CHART_MAX_BYTES);
    expect(ihdr(renderBoardPng([], '本月排行').png)).toEqual({ width: 800, height: chartHeight(0) });
  });

  it('escapes XML in names and strips emoji the font cannot draw', () => {
    const board = rankBoard(rows(1, () => 'A<&>"B 😀'));
    const svg = boardSvg(board, 'T&<🥇>');
    expect(svg).toContain('A&lt;&amp;&gt;&quot;B');
    expect(svg).toContain('T&amp;&lt;&gt;');
    expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(() => renderBoardPng(board, 'T&<>')).not.toThrow();
  });

  it('draws the Chinese text (different names give different pixels)', () => {
    const a = renderBoardPng(rankBoard(rows(1, () => '张三')), '本月排行');
    const b = renderBoardPng(rankBoard(rows(1, () => '李四')), '本月排行');
    expect(a.md5).not.toBe(b.md5);
  });

  it('fails clearly when the font file is missing', () => {
    expect(() => renderBoardPng([], 'T', { fontFile: '/nonexistent/font.ttc' })).toThrow(/font not found: \/nonexistent\/font\.ttc/);
  });
});
