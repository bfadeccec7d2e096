// Ranking order keys, competition ranks for ties, and determinism regardless of input order.
import { describe, expect, it } from 'vitest';
import { rankBoard, type BoardRow } from '../../src/domain/leaderboards/rank-board.js';

const row = (userId: string, name: string, points: number, reports = 0, stageAdvances = 0): BoardRow => ({
  userId, name, points, reports, stageAdvances, streakDays: 0,
});

describe('rankBoard', () => {
  it('orders by points, then reports, then stage advances', () => {
    const ranked = rankBoard([row('a', '甲', 10, 1, 9), row('b', '乙', 20), row('c', '丙', 10, 2, 0), row('d', '丁', 10, 1, 3)]);
    expect(ranked.map((e) => [e.userId, e.rank])).toEqual([['b', 1], ['c', 2], ['a', 3], ['d', 4]]);
  });

  it('shares a rank when all score fields tie (1, 1, 3) and orders the tie by zh name, then userId', () => {
    const ranked = rankBoard([row('u3', '张三', 30, 2, 1), row('u2', '李四', 30, 2, 1), row('u9', '王五', 10), row('u1', '李四', 30, 2, 1)]);
    // Pinyin order: 李 (li) before 张 (zhang); identical names fall back to userId.
    expect(ranked.map((e) => `${e.rank}:${e.userId}`)).toEqual(['1:u1', '1:u2', '1:u3', '4:u9']);
  });

  it('is deterministic for any input order', () => {
    const rows = [row('x', 'Amy', 5, 1), row('y', '阿明', 5, 1), row('z', 'amy', 5, 1), row('w', '白', 7), row('v', '白', 7)];
    const expected = rankBoard(rows).map((e) => e.userId);
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20; i++) {
      const shuffled = [...rows];
      for (let j = shuffled.length - 1; j > 0; j--) {
        const k = Math.floor(rand() * (j + 1));
        [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!];
      }
      expect(rankBoard(shuffled).map((e) => e.userId)).toEqual(expected);
    }
  });

  it('drops inactive reps on request and keeps true ranks after a limit', () => {
    const rows = [row('a', '甲', 0), row('b', '乙', 9), row('c', '丙', 9), row('d', '丁', 1)];
    expect(rankBoard(rows, { omitInactive: true }).map((e) => e.userId)).toEqual(['c', 'b', 'd']); // 丙 bing < 乙 yi
    expect(rankBoard(rows, { limit: 2 }).map((e) => e.rank)).toEqual([1, 1]);
    expect(rankBoard([])).toEqual([]);
  });

  it('refuses duplicate users and non-numeric scores', () => {
    expect(() => rankBoard([row('a', '甲', 1), row('a', '甲', 2)])).toThrow(/duplicate/);
    expect(() => rankBoard([row('a', '甲', Number.NaN)])).toThrow(/non-numeric/);
  });
});
