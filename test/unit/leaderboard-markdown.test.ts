// Markdown board: line format, medals, empty board, top-10 cut, name sanitising and the byte limit.
import { describe, expect, it } from 'vitest';
import { rankBoard, type BoardRow } from '../../src/domain/leaderboards/rank-board.js';
import { MARKDOWN_MAX_BYTES, renderBoardMarkdown, withStoreRows } from '../../src/domain/leaderboards/render-markdown.js';

const rows = (n: number, name = (i: number) => `销售${i}`): BoardRow[] =>
  Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, name: name(i), reports: 3, stageAdvances: 2, points: 100 - i, streakDays: 5 }));

describe('renderBoardMarkdown', () => {
  it('writes one bold line per rep with medals for the top three', () => {
    const md = renderBoardMarkdown(rankBoard(rows(4, (i) => ['张三', '李四', '王五', '赵六'][i]!)), '今日战报之星 11月23日');
    expect(md.split('\n')).toEqual([
      '**今日战报之星 11月23日**',
      '🥇 **1. 张三** 战报3 · 推进2 · 100分 · 连续5天',
      '🥈 **2. 李四** 战报3 · 推进2 · 99分 · 连续5天',
      '🥉 **3. 王五** 战报3 · 推进2 · 98分 · 连续5天',
      '**4. 赵六** 战报3 · 推进2 · 97分 · 连续5天',
    ]);
    expect(md).not.toContain('|');
  });

  it('shows store visits when given and hides a zero streak', () => {
    const md = renderBoardMarkdown(rankBoard([{ ...rows(1)[0]!, storeVisits: 4, streakDays: 0 }]), 'T');
    expect(md).toContain('战报3 · 推进2 · 拜访4 · 100分');
    expect(md).not.toContain('连续');
  });

  it('gives an empty board a friendly line', () => {
    expect(renderBoardMarkdown([], '本月排行')).toBe('**本月排行**\n本期还没有人上榜，发一条战报，下一期就有你！');
  });

  it('cuts to the top 10 and says how many ranked', () => {
    const md = renderBoardMarkdown(rankBoard(rows(25)), '本月排行');
    expect(md).toContain('**10. 销售9**');
    expect(md).not.toContain('**11.');
    expect(md).toContain('共 25 人上榜');
  });

  it('neutralises markdown in names and stays under the byte limit for huge names', () => {
    const md = renderBoardMarkdown(rankBoard(rows(12, (i) => `**坏*名[x](y)**\n${'长'.repeat(3000)}${i}`)), '本月排行');
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(MARKDOWN_MAX_BYTES);
    expect(md.split('\n')).toHaveLength(12);
    expect(md).toContain('**1. ＊＊坏＊名［x］(y)＊＊ 长');
  });
});

describe('medals', () => {
  it('gives nobody a medal for zero points: an empty period has no 🥇', () => {
    const md = renderBoardMarkdown(rankBoard(rows(3).map((r) => ({ ...r, points: 0, reports: 0, stageAdvances: 0 }))), '今日战报之星');
    expect(md).not.toMatch(/🥇|🥈|🥉/u);
    expect(md).toContain('**1. 销售0** 战报0 · 推进0 · 0分');
  });

  it('gives medals down to the last rep with points and none after', () => {
    const md = renderBoardMarkdown(rankBoard(rows(3).map((r, i) => ({ ...r, points: i === 2 ? 0 : r.points }))), 'T');
    expect(md.split('\n').slice(1).map((l) => [...l][0])).toEqual(['🥇', '🥈', '*']);
  });

  it('gives store rows medals only for visits', () => {
    const md = withStoreRows('**T**', [{ name: '中山路店', visits: 3 }, { name: '人民路店', visits: 3 }, { name: '解放路店', visits: 0 }]);
    expect(md.split('\n').slice(2)).toEqual(['**门店拜访**', '🥇 1. 中山路店 · 拜访3', '🥇 1. 人民路店 · 拜访3', '3. 解放路店 · 拜访0']);
  });
});
