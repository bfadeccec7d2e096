// Leaderboard PNG: decodes with the expected IHDR size, md5/base64 match the bytes, names are
// XML-escaped, text is actually drawn with the CJK font, a missing font is a clear error, and the picture
// draws the board view the markdown shows (same rows, medals only above zero, store rows, the note).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { boardView } from '../../src/domain/leaderboards/board-view.js';
import { rankBoard, type BoardRow } from '../../src/domain/leaderboards/rank-board.js';
import { renderBoardMarkdown, withStoreRows } from '../../src/domain/leaderboards/render-markdown.js';
import { boardSvg, CHART_MAX_BYTES, chartHeight, renderBoardPng } from '../../src/providers/charts/board-chart.js';

const rows = (n: number, name = (i: number) => `销售${i}`, points = (i: number) => 90 - i * 3): BoardRow[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, name: name(i), reports: 1, stageAdvances: 0, points: points(i), streakDays: 1 }));
const view = (board: BoardRow[], title = '本月排行', stores: { name: string; visits: number }[] = []) => boardView(rankBoard(board), title, stores);

function ihdr(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderBoardPng', () => {
  it('renders a PNG whose header matches the reported size; md5 and base64 match the bytes', () => {
    const out = renderBoardPng(view(rows(5), '今日战报之星 11月23日'));
    expect(ihdr(out.png)).toEqual({ width: 800, height: chartHeight(5) });
    expect([out.width, out.height]).toEqual([800, chartHeight(5)]);
    expect(out.md5).toBe(createHash('md5').update(out.png).digest('hex'));
    expect(Buffer.from(out.base64, 'base64').equals(out.png)).toBe(true);
    expect(out.png.length).toBeLessThan(CHART_MAX_BYTES);
  });

  it('shows the top 10 with the markdown’s note, and the empty board’s invitation', () => {
    const big = renderBoardPng(view(rows(40)));
    expect(ihdr(big.png).height).toBe(chartHeight(10, 0, true));
    expect(big.png.length).toBeLessThan(CHART_MAX_BYTES);
    expect(boardSvg(view(rows(40)))).toContain('共 40 人上榜');
    expect(ihdr(renderBoardPng(view([])).png)).toEqual({ width: 800, height: chartHeight(0, 0, true) });
    expect(boardSvg(view([]))).toContain('本期还没有人上榜');
  });

  it('draws what the markdown shows: the same people, details and store rows', () => {
    const stores = [{ name: '中山路店', visits: 4 }, { name: '人民路店', visits: 0 }];
    const v = view(rows(3), '一组 · 今日战报之星', stores);
    const svg = boardSvg(v);
    const md = withStoreRows(renderBoardMarkdown(rankBoard(rows(3)), '一组 · 今日战报之星'), stores);
    for (const text of ['销售0', '销售1', '销售2', '战报1 · 推进0 · 90分 · 连续1天', '门店拜访', '中山路店', '拜访4', '人民路店', '拜访0']) {
      expect(md).toContain(text);
      expect(svg).toContain(text);
    }
    expect(ihdr(renderBoardPng(v).png).height).toBe(chartHeight(3, 2));
  });

  it('gives no medal colour for zero points, as the markdown gives no 🥇', () => {
    const zero = view(rows(3, undefined, () => 0));
    expect(zero.people.map((p) => p.medal)).toEqual([null, null, null]);
    expect(boardSvg(zero)).not.toContain('#e8b64c');
    expect(boardSvg(view(rows(1)))).toContain('#e8b64c');
  });

  it('escapes XML in names and strips emoji the font cannot draw', () => {
    const v = view(rows(1, () => 'A<&>"B 😀'), 'T&<🥇>');
    const svg = boardSvg(v);
    expect(svg).toContain('A&lt;&amp;&gt;&quot;B');
    expect(svg).toContain('T&amp;&lt;&gt;');
    expect(svg).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(() => renderBoardPng(v)).not.toThrow();
  });

  it('draws the Chinese text (different names give different pixels)', () => {
    const a = renderBoardPng(view(rows(1, () => '张三')));
    const b = renderBoardPng(view(rows(1, () => '李四')));
    expect(a.md5).not.toBe(b.md5);
  });

  it('fails clearly when the font file is missing', () => {
    expect(() => renderBoardPng(view([]), { fontFile: '/nonexistent/font.ttc' })).toThrow(/font not found: \/nonexistent\/font\.ttc/);
  });
});
