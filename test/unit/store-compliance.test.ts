// Compliance words: the shipped list finds canonical words through variants, case and full-width
// forms, a sensitive question needs a real note, and config mistakes name the field.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJsoncFile } from '../../src/config/jsonc.js';
import { repoRoot } from '../../src/config/repo-root.js';
import { compileCompliance, complianceCheck, findSensitiveWords, isMeaningfulNote, publicWords } from '../../src/domain/stores/compliance.js';
import { isAppError } from '../../src/shared/errors.js';

const cfg = compileCompliance(readJsoncFile(join(repoRoot(), 'config', 'compliance.jsonc')));

describe('findSensitiveWords', () => {
  it.each([
    ['宝宝对牛奶过敏怎么办', ['过敏']],
    ['医院诊断是湿疹,能用这个吗', ['医院诊断']],
    ['医生诊断过了', ['医院诊断']],
    ['这个需要处方吗', ['处方']],
    ['孕妇能用吗', ['孕妇']],
    ['我怀孕三个月了', ['孕妇']],
    ['宝宝用药要注意什么', ['婴儿用药']],
    ['这个面霜含激素吗', ['激素']],
    ['里面有荷尔蒙吗', ['激素']],
    ['吃药期间能喝奶粉吗', ['药物']],
    ['有没有副作用', ['副作用']],
    ['孩子发热了', ['发烧']],
    ['哺乳期能用吗', ['哺乳期']],
  ])('%s → %j', (text, words) => {
    expect(findSensitiveWords(cfg, text)).toEqual(words);
  });

  it('reports canonical words in order of appearance, without duplicates', () => {
    expect(findSensitiveWords(cfg, '孕期过敏,怀孕后又过敏了,激素药膏有副作用吗')).toEqual(['孕妇', '过敏', '激素', '药物', '副作用']);
  });

  it('prefers the longer word where two overlap', () => {
    // "宝宝用药" (婴儿用药) contains "用药" (药物): only the longer word is reported.
    expect(findSensitiveWords(cfg, '宝宝用药')).toEqual(['婴儿用药']);
  });

  it('is case-insensitive and folds full-width and spaces', () => {
    const c = compileCompliance({ words: [{ word: 'OTC', variants: ['非处方'] }, '激素'] });
    expect(findSensitiveWords(c, '这是otc吗')).toEqual(['otc']);
    expect(findSensitiveWords(c, '这是ＯＴＣ吗')).toEqual(['otc']);
    expect(findSensitiveWords(c, '含 激 素 吗')).toEqual(['激素']);
    expect(findSensitiveWords(c, '是非处方药')).toEqual(['otc']);
  });

  it.each(['这个面霜多少钱', '宝宝湿疹反复', '有没有小样', '会员积分怎么兑换', ''])('finds nothing in %s', (text) => {
    expect(findSensitiveWords(cfg, text)).toEqual([]);
  });

  it('keeps a negated word: 不过敏 is still about allergy', () => {
    expect(findSensitiveWords(cfg, '用了不过敏吧')).toEqual(['过敏']);
  });
});

describe('complianceCheck', () => {
  it('passes questions without sensitive words, note or not', () => {
    expect(complianceCheck(cfg, { question: '这个面霜多少钱' })).toEqual({ ok: true, words: [] });
    expect(complianceCheck(cfg, { question: '这个面霜多少钱', complianceNote: '' })).toEqual({ ok: true, words: [] });
  });

  it('refuses a sensitive question without a meaningful note', () => {
    for (const note of [undefined, null, '', '   ', '好的', '。。。。。', '!!??…—', '嗯嗯嗯嗯嗯', '1111', '👍👍👍👍']) {
      expect(complianceCheck(cfg, { question: '宝宝过敏了', complianceNote: note }), String(note)).toEqual({ ok: false, words: ['过敏'] });
    }
  });

  it('accepts a real note and still reports the words (the visit is flagged)', () => {
    expect(complianceCheck(cfg, { question: '宝宝过敏了', complianceNote: '已建议就医' })).toEqual({ ok: true, words: ['过敏'] });
    expect(complianceCheck(cfg, { question: '孕妇能用吗', complianceNote: '未推荐,请咨询医生' })).toEqual({ ok: true, words: ['孕妇'] });
    expect(complianceCheck(cfg, { question: 'ok', complianceNote: 'see a GP' })).toEqual({ ok: true, words: [] });
  });

  it('counts letters and digits of any script, not punctuation', () => {
    expect(isMeaningfulNote(cfg, '建议就医')).toBe(true);
    expect(isMeaningfulNote(cfg, '就医!!!')).toBe(false);
    expect(isMeaningfulNote(cfg, 'ＧＰ ok')).toBe(true);
    const strict = compileCompliance({ words: ['x'], minNoteChars: 8 });
    expect(isMeaningfulNote(strict, '建议就医')).toBe(false);
    expect(isMeaningfulNote(strict, '已建议顾客去医院就诊')).toBe(true);
  });
});

describe('publicWords', () => {
  it('lists canonical words and variants, normalised, for the client to match as substrings', () => {
    const words = publicWords(cfg);
    for (const w of ['过敏', '医院诊断', '处方', '孕妇', '婴儿用药', '激素', '药物', '副作用', '发烧', '哺乳期', '怀孕', '荷尔蒙']) {
      expect(words).toContain(w);
    }
    expect(new Set(words).size).toBe(words.length);
    expect(publicWords(compileCompliance({ words: [{ word: 'OTC', variants: ['Rx'] }] }))).toEqual(['otc', 'rx']);
  });

  it('covers every word the server would find', () => {
    // A client that matches publicWords as substrings must warn whenever the server would refuse.
    for (const q of ['宝宝用药', '含荷尔蒙吗', '我在哺乳期', '医生诊断过了']) {
      expect(findSensitiveWords(cfg, q).length).toBeGreaterThan(0);
      expect(publicWords(cfg).some((w) => q.includes(w))).toBe(true);
    }
  });
});

describe('config validation', () => {
  const fieldOf = (raw: unknown): unknown => {
    try {
      compileCompliance(raw);
    } catch (e) {
      if (!isAppError(e)) throw e;
      expect(e.code).toBe('compliance_invalid');
      expect(e.message).toContain(`"${String(e.details?.field)}"`);
      return e.details?.field;
    }
    throw new Error('expected an error');
  };

  it.each([
    [[], '(root)'],
    [{}, 'words'],
    [{ words: [] }, 'words'],
    [{ words: ['过敏'], extra: true }, 'extra'],
    [{ words: ['过敏', ' '] }, 'words[1]'],
    [{ words: ['过敏', 3] }, 'words[1]'],
    [{ words: [{ word: '' }] }, 'words[0].word'],
    [{ words: [{ word: '激素', variant: ['荷尔蒙'] }] }, 'words[0].variant'],
    [{ words: [{ word: '激素', variants: '荷尔蒙' }] }, 'words[0].variants'],
    [{ words: [{ word: '激素', variants: ['荷尔蒙', ''] }] }, 'words[0].variants[1]'],
    [{ words: ['药物', { word: '激素', variants: ['药物'] }] }, 'words[1].variants[0]'],
    [{ words: ['过敏'], minNoteChars: 0 }, 'minNoteChars'],
    [{ words: ['过敏'], minNoteChars: 2.5 }, 'minNoteChars'],
  ])('%j fails naming %s', (raw, field) => {
    expect(fieldOf(raw)).toBe(field);
  });

  it('tolerates a word listed twice', () => {
    expect(findSensitiveWords(compileCompliance({ words: ['过敏', '过敏'] }), '过敏')).toEqual(['过敏']);
  });
});

describe('compliance words written to slip past the scan (issue 12)', () => {
  const cfg = compileCompliance({ words: ['过敏', '处方', { word: '孕妇', variants: ['怀孕'] }] });
  it.each([
    ['過敏怎么办', '过敏'],
    ['过-敏', '过敏'],
    ['过【敏】了', '过敏'],
    ['过·敏', '过敏'],
    ['过\u00ad敏', '过敏'],
    ['过\u2063敏', '过敏'],
    ['处\u200b方药', '处方'],
    ['懷孕可以用吗', '孕妇'],
    ['ｐｒｅｇｎａｎｔ? 过 敏', '过敏'],
  ])('%s is caught as %s', (text, word) => {
    expect(findSensitiveWords(cfg, text)).toContain(word);
  });

  it('punctuation between other characters still separates words', () => {
    expect(findSensitiveWords(cfg, '过,敏感肌')).toContain('过敏'); // between two Chinese characters: dropped
    expect(findSensitiveWords(cfg, '经过。明天再说')).toEqual([]);
  });
});
